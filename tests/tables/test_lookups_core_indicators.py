"""Lookups in Socialstyrelsen's core indicators (assistant/tables/lookups/core_indicators.py)."""

from __future__ import annotations

from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_a_core_value_stated_twice_is_shown_once(tools):
    values = tools.core_values("Förtroende för hälso- och sjukvården", year=2024)
    shown = [tuple(r.items()) for r in values.rows]
    assert values.found and len(shown) == len(set(shown)) == len(values.citations)


def test_saying_kärnindikator_lets_half_its_name_name_it(tools):
    routed = route_question("Vad är datakällan för kärnindikatorn ordinarie läkare?", tools)
    assert routed[0].tool == "core_indicators"
    assert routed[0].rows[0]["Kärnindikator"] == "Ordinarie läkare för personer 65 år eller äldre"


def test_a_core_indicator_the_report_states_no_values_for_gets_none_of_anothers(tools):
    # The typo tolerant match scores "Medicinsk bedömning inom tre dagar vid psykisk ohälsa hos barn och unga"
    # above its floor for this name; the exact name of a core indicator must not borrow another's values.
    values = tools.core_values("Överbeläggningar och utlokaliseringar")
    assert not values.found and not values.rows
    assert "Överbeläggningar och utlokaliseringar" in values.message


def test_only_words_that_ask_for_values_bring_the_values_table(tools):
    def tools_of(question):
        return [r.tool for r in route_question(question, tools)]

    # "vård" in the indicator's own name folds to a word beginning "vard", as "värde" does: no values asked
    assert tools_of("Vilken datakälla används för kärnindikatorn förtroende för hälso- och sjukvården?") == [
        "core_indicators"
    ]
    assert tools_of("Vilket värde hade kärnindikatorn förtroende för hälso- och sjukvården?") == [
        "core_indicators",
        "core_values",
    ]
    ranked = "I vilken region diskuteras levnadsvanor oftast respektive minst vid primärvårdsbesök?"
    assert tools_of(ranked) == ["core_indicators", "core_values"]
    # no values stated for it: the definition alone, not the values of another core indicator
    asked = "Överbeläggningar och utlokaliseringar som kärnindikator: vilken region har högst värde?"
    assert tools_of(asked) == ["core_indicators"]
