"""tables.sqlite written once per build, read with parameters only (assistant/tables/store.py)."""

from __future__ import annotations

import sqlite3

import pytest
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


ODD_FOLDERS = ["index #1", "index ?mode=rw", "index 100% klar", "a #b ?c %41 d"]


@pytest.mark.parametrize("folder", ODD_FOLDERS)
def test_a_folder_named_with_uri_characters_is_read_and_nothing_is_created_beside_it(tmp_path, folder):
    path = tmp_path / folder / "tables.sqlite"
    path.parent.mkdir()
    write_tables(path, [TableRow("glossary", {"term": "NSV"}, source("NSV"))])
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert [r["term"] for r in read_table(path, "glossary")] == ["NSV"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no stray database outside the index


def test_a_missing_database_is_not_created_by_reading(tmp_path):
    path = tmp_path / "index #1" / "tables.sqlite"
    path.parent.mkdir()
    with pytest.raises(sqlite3.OperationalError):
        read_table(path, "glossary")
    assert not path.exists()
