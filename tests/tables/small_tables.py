"""A few hand-written table rows in a temporary tables.sqlite, for tests that need no corpus."""

from __future__ import annotations

from pathlib import Path

from assistant.tables import TableTools
from assistant.tables.extract.records import Provenance, TableRow
from assistant.tables.store import write_tables

LIBRARY = "Bilagor till Projektrapport"


def source(passage: str, section: str = "Bilaga 1", page: int | None = 3, chunk_id: str = "") -> Provenance:
    """Provenance of a made-up passage."""
    return Provenance("bilagor", LIBRARY, section, page, 0, len(passage), passage, chunk_id)


def measure(indikator: str, nummer: int | None, titel: str, **fields: str) -> TableRow:
    """A measures row: every other field empty unless given."""
    row = {"malomrade": "Nära", "indikator": indikator, "nummer": nummer, "titel": titel, "matt": "", "datakalla": ""}
    row |= {"riktning": "", "malniva": "", "taljare": "", "namnare": ""} | fields
    return TableRow("measures", row, source(f"{indikator} {nummer or ''}\nTitel {titel}".strip(), chunk_id=titel))


def small_tools(tmp_path: Path, rows: list[TableRow]) -> TableTools:
    """TableTools over a tables.sqlite holding just these rows."""
    write_tables(tmp_path / "tables.sqlite", rows)
    return TableTools(tmp_path)
