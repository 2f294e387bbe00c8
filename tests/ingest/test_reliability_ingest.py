"""Bad input at ingest: each bad file is skipped with a clear Swedish reason, the others are indexed.

PDFs are read in a child process with a time and a memory cap (assistant/ingest/pdf_extraction.py).
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MD_NAME, PDF_NAME, PDF_PAGES, TXT_NAME, write_pdf

from assistant.core import Assistant
from assistant.errors import DocumentError
from assistant.index.build import build_index
from assistant.ingest import loaders
from assistant.ingest.corpus import SkippedDocument
from assistant.ingest.loaders import load_document
from assistant.ingest.pdf_extraction import PdfLimits, extract_pdf
from assistant.models import DocumentInfo
from assistant.settings import Settings

TINY_DOCS = {
    "distriktssköterskorna hemsjukvården": "hemsjukvard-2021",
    "fysioterapeuter arbetsterapeuter": "rehab-fardplan-2023",
    "videobesöken vårdcentralerna": "digital-vard-sormland-2024",
}


def zeros_deflate(total: int, chunk: int = 16 << 20) -> bytes:
    """A zlib stream that inflates to `total` zero bytes, built without compressing them all.

    After a full flush the compressor's output for the same input repeats byte for byte, so one
    compressed chunk is repeated; the Adler-32 of n zeros is (n mod 65521) << 16 | 1.
    """
    compressor = zlib.compressobj(9)
    first = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush(zlib.Z_FINISH)[:-4]
    adler = ((total % 65521) << 16) | 1
    return first + repeated * (total // chunk - 1) + end + adler.to_bytes(4, "big")


def write_content_stream_pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF whose page content is the given FlateDecode stream (with a font, so it is read)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def write_encrypted_pdf(path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_name("klartext-" + path.name), PDF_PAGES)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password, owner_password="agare", algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def write_malformed(corpus: Path) -> str:
    good = write_pdf(corpus.parent / "hel.pdf", PDF_PAGES).read_bytes()
    (corpus / "avbruten.pdf").write_bytes(good[: len(good) // 2])  # cut off mid-file, as by a failed download
    return "avbruten.pdf"


def write_encrypted(corpus: Path) -> str:
    write_encrypted_pdf(corpus / "krypterad.pdf", user_password="hemligt")
    return "krypterad.pdf"


def write_empty(corpus: Path) -> str:
    (corpus / "tom.pdf").write_bytes(b"")
    return "tom.pdf"


def write_random_bytes(corpus: Path) -> str:
    (corpus / "slumpdata.pdf").write_bytes(random.Random(11).randbytes(64 * 1024))
    return "slumpdata.pdf"


def write_gigabyte_bomb(corpus: Path) -> str:
    write_content_stream_pdf(corpus / "bomb.pdf", zeros_deflate(2 << 30))  # 2 GiB inflated, 2 MB on disk
    return "bomb.pdf"


def write_binary_text(corpus: Path) -> str:
    (corpus / "bild.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    return "bild.txt"


BAD_FILES: dict[str, tuple[Callable[[Path], str], str]] = {
    "malformed pdf": (write_malformed, "avbruten.pdf: PDF-filen är trasig och kan inte läsas."),
    "encrypted pdf": (write_encrypted, "krypterad.pdf: PDF-filen är krypterad och kan inte läsas."),
    "zero-byte file": (write_empty, "tom.pdf: filen är tom."),
    "random bytes named .pdf": (write_random_bytes, "slumpdata.pdf: PDF-filen är trasig och kan inte läsas."),
    "pdf inflating to gigabytes": (
        write_gigabyte_bomb,
        "bomb.pdf: PDF-filen packar upp till orimligt mycket data och lästes inte.",
    ),
    "binary file named .txt": (write_binary_text, "bild.txt: filen ser ut att vara binär, inte text."),
}


def assert_tiny_corpus_searchable(settings: Settings, embedder) -> None:
    assistant = Assistant.from_config(settings, embedder=embedder)
    for question, doc_id in TINY_DOCS.items():
        assert assistant.search(question, k=1)[0].doc_id == doc_id, question


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_skipped_with_its_reason_and_the_rest_is_indexed(case: str, tiny_corpus: Path, fake_embedder):
    write, reason = BAD_FILES[case]
    name = write(tiny_corpus)
    settings = Settings.load(corpus_dir=str(tiny_corpus))
    report = build_index(settings, embedder=fake_embedder)
    assert report.skipped == [SkippedDocument(name, reason)]
    assert report.documents == 3
    assert_tiny_corpus_searchable(settings, fake_embedder)


def test_all_bad_files_at_once_are_each_listed(tiny_corpus: Path, fake_embedder):
    names = {write(tiny_corpus): reason for write, reason in BAD_FILES.values()}
    settings = Settings.load(corpus_dir=str(tiny_corpus))
    report = build_index(settings, embedder=fake_embedder)
    assert {s.file: s.reason for s in report.skipped} == names
    assert report.documents == 3
    assert_tiny_corpus_searchable(settings, fake_embedder)


def test_file_over_the_size_limit_is_refused_before_it_is_parsed(
    tiny_corpus: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
):
    write_gigabyte_bomb(tiny_corpus)  # about 2 MB on disk: over a 1 MB limit
    (tiny_corpus / "lang-rapport.txt").write_text("Vårdcentralen i Flen. " * 60_000, encoding="utf-8")
    opened: list[str] = []
    real_extract, real_decode = loaders.extract_pdf, loaders.decode_text

    def spy_extract(path: Path, limits=None):
        opened.append(path.name)
        return real_extract(path, limits)

    def spy_decode(data: bytes, name: str) -> str:
        opened.append(name)
        return real_decode(data, name)

    monkeypatch.setattr(loaders, "extract_pdf", spy_extract)
    monkeypatch.setattr(loaders, "decode_text", spy_decode)

    report = build_index(Settings.load(corpus_dir=str(tiny_corpus), max_file_mb=1), embedder=fake_embedder)

    assert {s.file: s.reason for s in report.skipped} == {
        "bomb.pdf": "bomb.pdf: filen är större än gränsen på 1 MB.",
        "lang-rapport.txt": "lang-rapport.txt: filen är större än gränsen på 1 MB.",
    }
    assert "bomb.pdf" not in opened and "lang-rapport.txt" not in opened
    assert sorted(opened) == sorted([TXT_NAME, MD_NAME, PDF_NAME])  # the spies do see the files that are read
    assert report.documents == 3


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_non_utf8_text_is_decoded_and_swedish_letters_are_searchable(encoding: str, tiny_corpus: Path, fake_embedder):
    text = "Äldreomsorgen på Åsgården\n\nÖppettiderna för växeln på Åsgården ändras i höst för äldreomsorgen.\n"
    (tiny_corpus / "aldreomsorg-asgarden.txt").write_bytes(text.encode(encoding))
    settings = Settings.load(corpus_dir=str(tiny_corpus))
    report = build_index(settings, embedder=fake_embedder)
    assert report.skipped == []
    assert report.documents == 4
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    for question in ("öppettiderna växeln Åsgården", "Öppettiderna", "oppettiderna vaxeln asgarden"):
        top = assistant.search(question, k=1)[0]
        assert top.doc_id == "aldreomsorg-asgarden", question
        assert "Öppettiderna för växeln på Åsgården" in top.text
    assert_tiny_corpus_searchable(settings, fake_embedder)


# -- the child process's caps, one by one -------------------------------------------------------


def test_memory_cap_stops_a_pdf_that_needs_more(tmp_path: Path):
    # 64 MB inflated stays under pypdf's own 75 MB limit, so the address-space cap is what stops it.
    path = write_content_stream_pdf(tmp_path / "tung.pdf", zeros_deflate(64 << 20))
    with pytest.raises(DocumentError) as raised:
        extract_pdf(path, PdfLimits(seconds=60, memory_mb=80))
    assert raised.value.user_message == "tung.pdf: PDF-filen kräver mer minne än gränsen på 80 MB och lästes inte."
    # With room to spare the same file is read (it has no text, but it parses).
    assert extract_pdf(path, PdfLimits(seconds=60, memory_mb=1024)).pages == [""]


def test_time_cap_kills_the_child_and_names_the_limit(tmp_path: Path):
    path = write_pdf(tmp_path / "langsam.pdf", PDF_PAGES)
    # No interpreter starts and parses a PDF within 10 ms: the child is killed at the cap.
    with pytest.raises(DocumentError) as raised:
        extract_pdf(path, PdfLimits(seconds=0.01, memory_mb=1024))
    assert raised.value.user_message == "langsam.pdf: PDF-filen tog längre tid att läsa än gränsen på 0.01 sekunder."
    assert raised.value.cause.startswith("timeout")


def test_pdf_caps_come_from_the_settings(tiny_corpus: Path, fake_embedder):
    settings = Settings.load(corpus_dir=str(tiny_corpus), pdf_timeout_s=0.01)
    report = build_index(settings, embedder=fake_embedder)
    assert report.skipped == [
        SkippedDocument(
            "digital-vard-sormland-2024.pdf",
            "digital-vard-sormland-2024.pdf: PDF-filen tog längre tid att läsa än gränsen på 0.01 sekunder.",
        )
    ]
    assert report.documents == 2


def test_pdf_encrypted_only_against_editing_is_read(tmp_path: Path):
    path = write_encrypted_pdf(tmp_path / "skyddad.pdf", user_password="")
    document = load_document(DocumentInfo(doc_id="skyddad", title="Skyddad", path=str(path)))
    assert "Videobesöken ökar på vårdcentralerna i länet." in document.text


def test_valid_pdf_still_reads_after_the_move_to_a_child_process(tmp_path: Path):
    path = write_pdf(tmp_path / "rapport.pdf", PDF_PAGES)
    assert extract_pdf(path).pages[1].startswith("Videobesöken ökar")
