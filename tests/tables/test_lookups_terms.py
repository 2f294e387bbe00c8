"""Lookups in the glossary (assistant/tables/lookups/terms.py)."""

from __future__ import annotations

from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_a_term_asked_by_what_it_stands_for_is_found(tools):
    routed = route_question("Vad är Länsgemensamt regionalt stöd?", tools)
    assert [r.tool for r in routed] == ["term"] and {r["Begrepp"] for r in routed[0].rows} == {"LRS"}
