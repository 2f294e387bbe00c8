"""Pipe rows kept by the Markdown conversion (assistant/tables/extract/pipe_tables.py)."""

from __future__ import annotations

from assistant.tables.extract.pipe_tables import pipe_rows

TEXT = "Tabell 8. Beslut\nDatum | Beslut | Kommentar\n11 mars 2022 | NSV godkänner | <b>Ja</b>\n| fortsättning | x\n"


def test_rows_carry_caption_header_and_offsets():
    first, second = pipe_rows(TEXT)
    assert (first.caption, first.header) == ("Beslut", ("Datum", "Beslut", "Kommentar"))
    assert first.cells == ("11 mars 2022", "NSV godkänner", "Ja")
    assert TEXT[first.start : first.end] == "11 mars 2022 | NSV godkänner | <b>Ja</b>"
    assert second.cells[0] == "11 mars 2022"  # a row starting with "|" continues the first cell above


def test_no_caption_no_table():
    assert pipe_rows("a | b\nc | d\n") == []
