"""Lookups in the indicator library (assistant/tables/lookups/measures.py)."""

from __future__ import annotations

from table_fixtures import rows

from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_measure_lookup_tolerates_typos_and_lost_diacritics(tools):
    for query in ("Kontinuitetsindx", "kontinuitetsindex primarvardslakare"):
        result = tools.measure(query)
        assert result.found
        assert result.rows[1]["Uppgift"].startswith("Kontinuitetsindex")
        assert result.citations[0].doc_id == "bilagor-projektrapport"


def test_empty_fields_are_said_to_be_empty(tools):
    fields = {r["Fält"]: r["Uppgift"] for r in tools.measure("Rapporterade distansbesök").rows}
    assert fields["Målnivå"] == "(tomt i källan)"


def test_a_measure_named_by_its_library_label_is_that_measure(tools):
    for label in ("Kontinuitet 1", "Kontinuitet 2", "Förebyggande 3", "samordning 2"):
        result = tools.measure(label)
        assert result.rows[0]["Uppgift"].lower().startswith(label.lower() + " (målområde")
    routed = route_question("Vad är täljaren för Kontinuitet 1?", tools)
    assert [r.tool for r in routed] == ["measure"]
    assert routed[0].rows[0]["Uppgift"].startswith("Kontinuitet 1 (")
    # a number that is not a label of the library is no label
    assert not any(
        r.tool == "measure" and r.rows[0]["Uppgift"].startswith("Kontinuitet 9")
        for r in route_question("Vad är täljaren för Kontinuitet 9?", tools)
    )


def test_measures_that_leave_a_field_empty(tools):
    routed = route_question("Vilka mått saknar datakälla?", tools)
    assert routed[0].tool == "measures" and routed[0].arguments["missing"] == "Datakälla"
    assert routed[0].rows and all(r["Datakälla"] == "(tomt i källan)" for r in routed[0].rows)
    assert len(routed[0].rows) < len(tools.table("measures"))
    assert routed[0].message == f"{len(routed[0].rows)} mått anger ingen datakälla."
    target = tools.measures(missing="målnivå")
    assert "Målnivå" in target.columns and all(r["Målnivå"] for r in target.rows)
    every_titled = tools.measures(missing="titel")
    assert not every_titled.found and every_titled.message == "Alla mått anger titel."


def test_data_sources_by_type(tables_dir, tools):
    sources = rows(tables_dir, "data_sources")
    assert {s["typ"] for s in sources} == {"Enkät", "Register", "Annan datakälla"}
    assert any(s["datakalla"] == "Patientregistret" and s["typ"] == "Register" for s in sources)
    (routed,) = route_question("Vilka register finns bland datakällorna?", tools)
    assert routed.tool == "data_sources" and {r["Typ"] for r in routed.rows} == {"Register"}
    assert [r.tool for r in route_question("Vad är datakällan för Kontinuitetsindex?", tools)] == ["measure"]
