"""Tests for assistant.ingest.loaders: text, Markdown and PDF files into Documents with page offsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import PDF_AUTHOR, PDF_NAME, PDF_PAGES, PDF_TITLE, write_pdf

from assistant.errors import DocumentError
from assistant.ingest.loaders import load_document
from assistant.ingest.manifest import info_from_file
from assistant.models import DocumentInfo


def info_for(path: Path, **fields) -> DocumentInfo:
    doc_id, title = fields.pop("doc_id", "dok"), fields.pop("title", "Dokument")
    return DocumentInfo(doc_id=doc_id, title=title, path=str(path), **fields)


def test_txt_is_loaded_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "rapport.txt"
    path.write_text("Nära vård i Sörmland\nÄldre får stöd i hemmet.\n", encoding="utf-8")
    document = load_document(info_for(path))
    assert document.text == "Nära vård i Sörmland\nÄldre får stöd i hemmet.\n"
    assert document.page_starts == ()
    assert document.info.doc_id == "dok"


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffÖversikt".encode())
    assert load_document(info_for(path)).text == "Översikt"


def test_md_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("# Färdplan\n\n## Mål\n\nText om målen.\n", encoding="utf-8")
    assert load_document(info_for(path)).text == "# Färdplan\n\n## Mål\n\nText om målen.\n"


def test_form_feeds_mark_pages(tmp_path: Path) -> None:
    path = tmp_path / "sidor.txt"
    path.write_text("Sida ett\fSida två\fSida tre", encoding="utf-8")
    assert load_document(info_for(path)).page_starts == (0, 8, 17)


def test_leading_space_marks_pages_when_declared(tmp_path: Path) -> None:
    path = tmp_path / "sidor.txt"
    path.write_text("Sida ett\n Sida två\nrad\n Sida tre", encoding="utf-8")
    assert load_document(info_for(path, page_marks="leading-space")).page_starts == (0, 9, 23)
    # Without the declaration a leading space is just a space.
    assert load_document(info_for(path)).page_starts == ()


def test_cp1252_fallback_keeps_swedish_letters(tmp_path: Path) -> None:
    path = tmp_path / "gammal.txt"
    path.write_bytes("Vård på äldreboendet i Örebro – Åtgärder".encode("cp1252"))
    assert load_document(info_for(path)).text == "Vård på äldreboendet i Örebro – Åtgärder"


def test_cp1252_swedish_file_with_windows_punctuation_decodes_right(tmp_path: Path) -> None:
    # Left to guess freely, charset-normalizer reads this as cp1250 ("pĺ" for "på").
    text = "Äldreomsorgen på Åsgården\n\nKostnaden är 5 € per år – ”så” sägs det … ’även’ i Öster.\n" * 20
    path = tmp_path / "kostnad.txt"
    path.write_bytes(text.encode("cp1252"))
    assert load_document(info_for(path)).text == text


def test_latin1_file_decodes_right(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Öppettiderna för växeln på Åsgården ändras i höst.\n".encode("latin-1"))
    assert load_document(info_for(path)).text == "Öppettiderna för växeln på Åsgården ändras i höst.\n"


def test_utf8_file_stays_right(tmp_path: Path) -> None:
    # UTF-8 read as cp1252 would give "NÃ¤ra vÃ¥rd"; it is decoded as UTF-8 before any guessing.
    text = "Nära vård – ”Åtgärder” för äldre i Örebro, 5 € per år … ’så’.\n"
    path = tmp_path / "utf8.txt"
    path.write_bytes(text.encode("utf-8"))
    assert load_document(info_for(path)).text == text


def test_binary_file_without_nul_bytes_is_refused_as_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "skrap.txt"
    path.write_bytes(bytes(b for b in random.Random(3).randbytes(8192) if b)[:4096])
    with pytest.raises(DocumentError) as raised:
        load_document(info_for(path))
    assert raised.value.user_message == "skrap.txt: teckenkodningen kunde inte läsas."


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError) as raised:
        load_document(info_for(path))
    assert "tom.txt" in raised.value.user_message
    assert "tom" in raised.value.user_message.replace("tom.txt", "")


def test_blank_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="blank text"):
        load_document(info_for(path))


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "binar.txt"
    path.write_bytes(b"Rubrik\x00\x00\x01\x02binary junk")
    with pytest.raises(DocumentError) as raised:
        load_document(info_for(path))
    assert "binär" in raised.value.user_message


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "stor.txt"
    path.write_text("vård " * 400, encoding="utf-8")  # 2400 bytes: "å" is two bytes in UTF-8
    with pytest.raises(DocumentError) as raised:
        load_document(info_for(path), max_bytes=1000)
    assert "0.001 MB" in raised.value.user_message
    with pytest.raises(DocumentError):
        load_document(info_for(path), max_bytes=2399)
    assert load_document(info_for(path), max_bytes=2400).text.startswith("vård vård")
    assert load_document(info_for(path)).text.startswith("vård vård")


def test_pdf_keeps_pages_and_swedish_text(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "rapport.pdf", PDF_PAGES)
    document = load_document(info_for(path, title="Manifestets titel"))
    assert len(document.page_starts) == 2
    assert "Sjukvården i Sörmland erbjuder digitala vårdmöten." in document.text
    assert "Videobesöken ökar på vårdcentralerna i länet." in document.text
    second_page = document.text[document.page_starts[1] :]
    assert second_page.startswith("Videobesöken")
    # A manifest entry's metadata is kept as it is.
    assert document.info.title == "Manifestets titel"


def test_three_page_pdf_has_three_page_starts(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "tre.pdf", ["Första sidan.", "Andra sidan.", "Tredje sidan."])
    document = load_document(info_for(path))
    assert len(document.page_starts) == 3
    assert document.page_starts[0] == 0
    assert document.text[document.page_starts[2] :].startswith("Tredje sidan")


def test_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trasig.pdf"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(DocumentError) as raised:
        load_document(info_for(path))
    assert raised.value.user_message == "trasig.pdf: PDF-filen är trasig och kan inte läsas."


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    good = write_pdf(tmp_path / "hel.pdf", PDF_PAGES)
    path = tmp_path / "avklippt.pdf"
    path.write_bytes(good.read_bytes()[:300])
    with pytest.raises(DocumentError):
        load_document(info_for(path))


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "oppen.pdf", PDF_PAGES)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("hemligt")
    path = tmp_path / "krypterad.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError) as raised:
        load_document(info_for(path))
    assert "krypterad" in raised.value.user_message


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "bild.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="no text layer"):
        load_document(info_for(path))


def test_unlisted_pdf_gets_title_from_its_metadata(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / PDF_NAME, PDF_PAGES, title=PDF_TITLE, author=PDF_AUTHOR)
    info = info_from_file(path)
    assert info.title == "Digital vard sormland 2024"  # from the file name, before loading
    document = load_document(info)
    assert document.info.title == "Digital vård i Sörmland"
    assert document.info.publisher == "Region Sörmland"
    assert document.info.date == "2024"
    assert document.info.from_manifest is False


def test_unlisted_pdf_without_metadata_keeps_file_name_title(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "utan-titel-2019.pdf", ["Text på svenska."])
    document = load_document(info_from_file(path))
    assert document.info.title == "Utan titel 2019"
    assert document.info.date == "2019"
