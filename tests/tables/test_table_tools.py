"""TableTools, the facade over the lookups (assistant/tables/tools.py)."""

from __future__ import annotations

import pytest

from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


@pytest.mark.parametrize("query", ["'; DROP TABLE measures; --", "xyzzy qwerty", "SELECT * FROM glossary"])
def test_bad_arguments_get_nothing_found_with_the_closest_names(tools, query):
    for result in (tools.measure(query), tools.initiative(query), tools.term(query)):
        assert not result.found
        assert result.message.startswith("Hittade inget")
        assert result.suggestions
    assert tools.measure("Rapporterade distansbesök").found  # the table is still there


def test_a_build_without_tables_has_none(tmp_path):
    from assistant.tables import TableTools

    empty = TableTools(tmp_path)
    assert not empty.available and empty.table("measures") == []
    assert not empty.measures().found
    assert route_question("Vilka mått saknar målnivå?", empty) == []


def test_lookup_by_name_is_the_method(tmp_path):
    from small_tables import measure, small_tools

    tools = small_tools(tmp_path, [measure("Kontinuitet", 1, "Kontinuitetsindex")])
    assert tools.lookup("measure", name="Kontinuitet 1") == tools.measure("Kontinuitet 1")
    with pytest.raises(KeyError):
        tools.lookup("no_such_lookup")


def test_the_facade_names_callers_import_stay_importable():
    from assistant.tables.tools import EMPTY_FIELD, TableTools, ToolResult, measure_label

    assert EMPTY_FIELD == "(tomt i källan)" and TableTools and ToolResult
    assert measure_label({"indikator": "Kontinuitet", "nummer": 2}) == "Kontinuitet 2"
    assert measure_label({"indikator": "Rehabiliterande", "nummer": None}) == "Rehabiliterande"
