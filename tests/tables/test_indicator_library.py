"""Parsing the indicator library (assistant/tables/extract/indicator_library.py) from a small document."""

from __future__ import annotations

from assistant.ingest.cleaning import CleanDocument
from assistant.models import DocumentInfo
from assistant.tables.extract.indicator_library import parse_indicator_library
from assistant.tables.extract.records import SourceLocator

TEXT = (
    "Målområde Nära\n"
    "Kontinuitet 1\n"
    "Titel Kontinuitetsindex\n"
    "Datakällans status Befintlig\n"
    "Datakälla Vårdregistret\n"
    "Mätenhet Index\n"
    "Teknisk beskrivning Täljare: Antal besök hos samma läkare Nämnare: Antal besök\n"
    "Om redovisningsni våer och fördelningar Per vårdcentral\n"
    "Bilaga 2\n"
)


def test_every_written_field_lands_in_its_column():
    info = DocumentInfo("bilagor", "Bilagor", "bilagor.txt")
    document = CleanDocument(info, TEXT, origin=list(range(len(TEXT))))
    (row,) = parse_indicator_library(document, SourceLocator([document], []))
    fields = row.fields
    assert (fields["malomrade"], fields["indikator"], fields["nummer"]) == ("Nära", "Kontinuitet", 1)
    assert fields["datakallans_status"] == "Befintlig" and fields["datakalla"] == "Vårdregistret"
    assert fields["redovisningsnivaer"] == "Per vårdcentral"  # a label with a stray space
    assert (fields["taljare"], fields["namnare"]) == ("Antal besök hos samma läkare", "Antal besök")
    assert fields["malniva"] == "" and list(fields)[:2] == ["titel", "matt"]
    assert row.source.passage.startswith("Kontinuitet 1") and row.source.passage.endswith("Per vårdcentral")
