"""tables.sqlite written once per build, read with parameters only (assistant/tables/store.py)."""

from __future__ import annotations

from small_tables import source

from assistant.tables.extract.records import TableRow
from assistant.tables.store import read_table, write_tables


def test_rows_come_back_with_their_provenance_and_extra(tmp_path):
    path = tmp_path / "tables.sqlite"
    row = TableRow("glossary", {"term": "NSV", "forklaring": "Nämnden för samverkan"}, source("NSV (Nämnden)"))
    assert write_tables(path, [row, TableRow("glossary", {"term": "LRS"}, source("LRS"), {"link": 3})]) == {
        "glossary": 2
    }
    first, second = read_table(path, "glossary")
    assert (first["term"], first["source_passage"], first["source_page"]) == ("NSV", "NSV (Nämnden)", 3)
    assert second["forklaring"] is None and second["extra"] == {"link": 3}
    assert read_table(path, "glossary; DROP TABLE glossary") == []
    assert len(read_table(path, "glossary")) == 2
