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
        "Dokument",
        "Utgivare",
        "Datum",
        "Typ",
        "Omfång (ungefär sidor)",
        "Textstycken att söka i",
        "Maskinläst text (OCR)",
        "Ursprunglig fil",
    ]
    first, second = table.to_dict("records")
    assert first["Dokument"] == "Uppföljning av omställningen" and first["Textstycken att söka i"] == 120
    assert (first["Omfång (ungefär sidor)"], second["Omfång (ungefär sidor)"]) == (83, 1)
    assert (first["Maskinläst text (OCR)"], second["Maskinläst text (OCR)"]) == ("ja", "nej")
    assert (first["Ursprunglig fil"], second["Ursprunglig fil"]) == ("004_ac3cb1d29a8aa1dc.txt", "ny.pdf")
