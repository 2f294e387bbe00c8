"""Tests for assistant.ui.documents_page: one row per indexed document with Swedish headers."""

from __future__ import annotations

from assistant.index.catalog import CatalogEntry
from assistant.models import DocumentInfo
from assistant.ui.documents_page import documents_table


def test_one_row_per_document_with_its_metadata_and_counts() -> None:
    entries = [
        CatalogEntry(
            DocumentInfo(
                "socialstyrelsen-uppfoljning-2025",
                "Uppföljning av omställningen",
                "/corpus/socialstyrelsen.txt",
                publisher="Socialstyrelsen",
                date="2025",
                kind="uppföljning",
                ocr=True,
                source="004_ac3cb1d29a8aa1dc.txt",
            ),
            passages=120,
            characters=250_000,
        ),
        CatalogEntry(DocumentInfo("ny", "Ny fil", "corpus/ny.pdf", from_manifest=False), passages=2, characters=900),
    ]
    table = documents_table(entries)
    assert list(table.columns) == [
        "Titel",
        "Typ",
        "Datum",
        "Passager",
        "Tecken",
        "Utgivare",
        "OCR",
        "I manifestet",
        "Dokument-id",
        "Fil",
        "Källa",
    ]
    first, second = table.to_dict("records")
    assert first["Titel"] == "Uppföljning av omställningen" and first["Passager"] == 120
    assert (first["OCR"], first["I manifestet"], first["Fil"]) == ("ja", "ja", "socialstyrelsen.txt")
    assert (second["OCR"], second["I manifestet"], second["Fil"]) == ("", "nej", "ny.pdf")
    assert first["Källa"] == "004_ac3cb1d29a8aa1dc.txt"
