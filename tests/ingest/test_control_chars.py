"""Escape sequences and control characters in documents: removed at ingest and from all the CLI prints.

A document carrying a hidden OSC 8 hyperlink, a window-title change and concealed text (issue #14) is
indexed without them, and neither `assistant search`, `assistant ask` nor `assistant ingest` (file names,
metadata, messages) writes an escape sequence to the terminal.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from assistant import cli
from assistant.index import embedders
from assistant.ingest.cleaning import clean_document
from assistant.ingest.control_chars import terminal_safe
from assistant.ingest.corpus import ingest_corpus
from assistant.models import Document, DocumentInfo

ESC = "\x1b"
HIDDEN_LINK = f"{ESC}]8;;http://evil.example/login{ESC}\\rapporten om nattpatrullen{ESC}]8;;{ESC}\\"
TITLE_CHANGE = f"{ESC}]0;Du är utloggad, ange lösenord{chr(7)}"
CONCEALED = f"{ESC}[8mdold nattpatrulltext{ESC}[28m"
ESCAPED_TEXT = (
    "Nattpatrullen i kommunen\n"
    "\n"
    f"Läs {HIDDEN_LINK} från 2024.{TITLE_CHANGE} Nattpatrullen besöker {CONCEALED} patienterna varje natt.\n"
    f"Sjuksköterskan ringer{ESC}[2J{ESC}[H\x9b31m vid behov\x07\u202e och\x0bdokumenterar besöket.\r\n"
)
ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _document(text: str) -> Document:
    return Document(DocumentInfo(doc_id="d", title="d", path="d.txt"), text, page_starts=(0,))


def test_cleaning_removes_every_sequence_and_keeps_the_words() -> None:
    clean = clean_document(_document(ESCAPED_TEXT))
    assert not ANY_CONTROL.search(clean.text)
    assert "evil.example" not in clean.text and "utloggad" not in clean.text  # parameters go with the sequence
    assert "Läs rapporten om nattpatrullen från 2024." in clean.text
    assert "besöker dold nattpatrulltext patienterna" in clean.text  # concealed text is shown as text
    assert "ringer vid behov och dokumenterar besöket." in clean.text  # the vertical tab was a line break


def test_the_cleaned_text_still_maps_to_the_raw_text() -> None:
    raw = f"{ESC}[31mRöd rubrik{ESC}[0m\n\nEn mening om hemsjukvård.\fSida två om {ESC}]0;x{chr(7)}nattpatrullen.\n"
    document = Document(DocumentInfo(doc_id="d", title="d", path="d.txt"), raw, page_starts=(0, raw.index("\f")))
    clean = clean_document(document)
    start = clean.text.index("nattpatrullen")
    begin, end = clean.raw_span(start, start + len("nattpatrullen"))
    assert raw[begin:end] == "nattpatrullen" and clean.page_at(start) == 2


def test_terminal_safe_keeps_lines_and_tabs_only() -> None:
    assert terminal_safe("a\tb\r\nc\rd\x0be\x0cf") == "a\tb\r\ncdef"
    assert terminal_safe(f"{ESC}7{ESC}c{ESC}[?25lx{ESC}P1$r{ESC}\\y{ESC}") == "xy"


@pytest.fixture
def escaped_corpus(tiny_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(embedders._REGISTRY, "test-fake", lambda _argument: FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tiny_corpus))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-fake")
    (tiny_corpus / "nattpatrull-2024.txt").write_text(ESCAPED_TEXT, encoding="utf-8")
    (tiny_corpus / f"{ESC}]0;titel{chr(7)}nattfil.txt").write_text("Nattfilen handlar om larm.", encoding="utf-8")
    return tiny_corpus


def test_the_index_holds_no_control_characters(escaped_corpus: Path) -> None:
    corpus = ingest_corpus(escaped_corpus, 1000)
    for chunk in corpus.chunks:
        assert not ANY_CONTROL.search(chunk.text + chunk.title), chunk.chunk_id
    assert "Nattfil" in {c.title for c in corpus.chunks}


def test_a_pdfs_metadata_is_made_safe() -> None:
    from assistant.ingest.loaders import _with_pdf_metadata
    from assistant.ingest.pdf_extraction import PdfText

    info = DocumentInfo(doc_id="larm", title="Larm", path="larm.pdf", from_manifest=False)
    extracted = PdfText(["Text"], title=f"Larm{ESC}[8m dolt{ESC}[28m", author=f"{ESC}]0;x{chr(7)}Regionen")
    safe = _with_pdf_metadata(info, extracted)
    assert (safe.title, safe.publisher) == ("Larm dolt", "Regionen")


def test_nothing_the_cli_prints_carries_an_escape(escaped_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    assert cli.main(["ingest"]) == 0
    outputs.append(capsys.readouterr())
    assert "nattfil.txt saknas i manifestet" in outputs[-1].out  # the file is named, without its escape
    assert cli.main(["search", "nattpatrullen besöker patienterna", "-k", "3"]) == 0
    outputs.append(capsys.readouterr())
    assert "Nattpatrullen besöker dold nattpatrulltext patienterna" in outputs[-1].out
    assert cli.main(["ask", "Hur ofta besöker nattpatrullen patienterna?"]) == 0
    outputs.append(capsys.readouterr())
    assert cli.main(["ingest", "--corpus", str(escaped_corpus / f"saknas{ESC}]0;x{chr(7)}")]) == 2
    outputs.append(capsys.readouterr())
    assert "Fel: Dokumentmappen" in outputs[-1].err
    for captured in outputs:
        assert not ANY_CONTROL.search(captured.out.replace("\n", "")), captured.out
        assert ESC not in captured.err


def test_the_cli_stream_removes_what_any_print_writes(capsys: pytest.CaptureFixture[str]) -> None:
    stream = cli.TerminalSafeStream(__import__("sys").stdout)
    print(f"Källa: {HIDDEN_LINK}", file=stream)
    assert capsys.readouterr().out == "Källa: rapporten om nattpatrullen\n"


def test_log_lines_on_the_terminal_are_made_safe() -> None:
    record = logging.LogRecord("x", logging.WARNING, "f", 1, "Hoppar över %s", (f"{ESC}]0;t{chr(7)}a.txt",), None)
    assert cli.TerminalSafeLog().filter(record) and record.getMessage() == "Hoppar över a.txt"
