"""Routing reads the indicator names from the measures table (assistant/tables/routing.py)."""

from __future__ import annotations

from small_tables import measure, small_tools

from assistant.tables.lookups.measures import indicator_names
from assistant.tables.routing import route_question


def test_a_library_label_is_read_from_the_table_not_from_a_list(tmp_path):
    tools = small_tools(
        tmp_path,
        [
            measure("Jämlikhet", 1, "Andel med jämlik vård", taljare="Antal med jämlik vård"),
            measure("Jämlikhet", 2, "Andel med ojämlik vård"),
        ],
    )
    assert indicator_names(tools) == ["Jämlikhet"]
    (routed,) = route_question("Vad är täljaren för Jämlikhet 1?", tools)
    assert routed.tool == "measure" and routed.rows[0]["Uppgift"] == "Jämlikhet 1 (målområde Nära)"
    assert route_question("Vad är täljaren för Kontinuitet 1?", tools) == []  # no such indicator in this table


def test_a_number_that_is_a_share_is_no_label(tmp_path):
    tools = small_tools(tmp_path, [measure("Jämlikhet", 1, "Andel med jämlik vård")])
    routed = route_question("Ökade Jämlikhet 1 % förra året?", tools)
    assert not any(r.tool == "measure" and r.arguments == {"name": "Jämlikhet 1"} for r in routed)


def test_measures_lacking_a_field_are_asked_for_by_its_word(tmp_path):
    tools = small_tools(
        tmp_path,
        [measure("Jämlikhet", 1, "Andel med jämlik vård", malniva="90 %"), measure("Jämlikhet", 2, "Andel ojämlik")],
    )
    (routed,) = route_question("Vilka mått saknar målnivå?", tools)
    assert routed.arguments["missing"] == "Målnivå"
    assert [r["Titel"] for r in routed.rows] == ["Andel ojämlik"]
