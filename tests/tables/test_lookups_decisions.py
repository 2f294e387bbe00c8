"""Lookups in the decisions (assistant/tables/lookups/decisions.py)."""

from __future__ import annotations

from small_tables import small_tools, source

from assistant.tables.extract.records import TableRow


def _decision(datum_iso: str, organ: str, beslut: str) -> TableRow:
    fields = {"datum": datum_iso, "datum_iso": datum_iso, "organ": organ, "beslut": beslut}
    return TableRow("decisions", fields | {"diarienummer": "", "kommentar": ""}, source(beslut))


def test_decisions_by_body_and_year_oldest_first(tmp_path):
    tools = small_tools(
        tmp_path,
        [
            _decision("2023-06-16", "NSV", "NSV godkänner slutrapporten"),
            _decision("2022-03-11", "NSV", "NSV godkänner målbilden"),
            _decision("2022-05-01", "Länsstyrgruppen", "Länsstyrgruppen antar planen"),
        ],
    )
    assert [r["Datum"] for r in tools.decisions(body="NSV").rows] == ["2022-03-11", "2023-06-16"]
    assert [r["Organ"] for r in tools.decisions(year=2022).rows] == ["NSV", "Länsstyrgruppen"]
    nothing = tools.decisions(body="Regionfullmäktige")
    assert not nothing.found and nothing.message == "Hittade inget beslut som matchar ”Regionfullmäktige”."
