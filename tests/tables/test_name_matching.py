"""Names matched the way users type them (assistant/tables/matching.py)."""

from __future__ import annotations

from assistant.tables.matching import best_matches, closest_names

NAMES = ["Suicidprevention", "Besökskort", "Samsjuklighet"]


def test_typos_and_lost_diacritics_still_match():
    assert best_matches("besokskort", NAMES) == [1]
    assert best_matches("suicidprevension", NAMES) == [0]
    assert best_matches("xyzzy", NAMES) == []


def test_the_closest_names_whatever_their_score():
    assert len(closest_names("xyzzy", NAMES)) == 3
