"""The rows a name picks out of a table column (assistant/tables/lookups/by_name.py)."""

from __future__ import annotations

from assistant.tables.lookups.by_name import rows_named

ROWS = [
    {"malomrade": "Vård och omsorg", "n": 1},
    {"malomrade": "Hälsa", "n": 2},
    {"malomrade": "Vård och omsorg", "n": 3},
]
LOOKUP = ("measures", {"malomrade": "x"}, "målområde")


def test_a_misspelt_name_without_a_umlaut_keeps_every_row_of_its_best_match() -> None:
    named = rows_named("vard och omsorj", ROWS, "malomrade", LOOKUP)
    assert (named.name, [r["n"] for r in named.rows], named.nothing) == ("Vård och omsorg", [1, 3], None)


def test_no_matching_name_is_the_lookups_nothing_found_result_with_the_closest_names() -> None:
    named = rows_named("Ekonomi", ROWS, "malomrade", LOOKUP)
    assert named.rows == [] and named.name == ""
    assert named.nothing.tool == "measures" and named.nothing.arguments == {"malomrade": "x"}
    assert named.nothing.message.startswith("Hittade inget målområde som matchar ”Ekonomi”.")
    assert set(named.nothing.suggestions) <= {"Vård och omsorg", "Hälsa"}


def test_an_extra_name_can_match_though_no_row_holds_it() -> None:
    named = rows_named("Digitalisering", ROWS, "malomrade", LOOKUP, extra_names=["Digitalisering"])
    assert (named.name, named.rows, named.nothing) == ("Digitalisering", [], None)


def test_a_higher_min_score_refuses_a_loose_match() -> None:
    assert rows_named("Hälsan", ROWS, "malomrade", LOOKUP).name == "Hälsa"
    assert rows_named("Häls", ROWS, "malomrade", LOOKUP, min_score=99).nothing is not None
