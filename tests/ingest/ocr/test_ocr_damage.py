"""Tests for OCR damage detection and the choice of documents to repair (assistant.ingest.ocr.damage, .select)."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.ocr.damage import damaged_token_rate, looks_ocr_damaged
from assistant.ingest.ocr.select import ocr_repair_for
from assistant.models import Document, DocumentInfo

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
OCR_DOCUMENT = CORPUS / "socialstyrelsen-uppfoljning-omstallningen-god-och-nara-vard-2025.txt"
CLEAN_DOCUMENT = CORPUS / "fardplan-nara-vard-i-sormland-2025.txt"


def test_ocr_document_looks_damaged_and_a_clean_one_does_not() -> None:
    assert looks_ocr_damaged(OCR_DOCUMENT.read_text(encoding="utf-8"))
    assert not looks_ocr_damaged(CLEAN_DOCUMENT.read_text(encoding="utf-8"))


def test_damaged_token_rate_of_a_text_without_words_is_zero() -> None:
    assert damaged_token_rate("2024 – 12, 13") == 0.0


def test_damaged_token_rate_counts_non_words() -> None:
    assert damaged_token_rate("Omstéllningen till néra vérd") == 0.75


def test_no_repair_for_clean_listed_documents() -> None:
    info = DocumentInfo(doc_id="plan", title="Plan", path=str(CLEAN_DOCUMENT))
    document = Document(info=info, text="Nära vård i Sörmland.", page_starts=())
    assert ocr_repair_for([document])(document) is None


def test_repair_for_a_document_the_manifest_marks_as_ocr() -> None:
    clean = Document(DocumentInfo(doc_id="ren", title="Ren", path="ren.txt"), "Målet är nära vård.", ())
    damaged = Document(DocumentInfo(doc_id="ocr", title="OCR", path="ocr.txt", ocr=True), "Malet &r néra vérd.", ())
    choose = ocr_repair_for([clean, damaged])
    assert choose(clean) is None
    repairs = choose(damaged)("Malet &r néra vérd.")
    assert ("&r", "är") in {("Malet &r néra vérd."[start:end], new) for start, end, new in repairs}
