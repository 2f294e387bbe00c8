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
