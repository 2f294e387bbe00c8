"""Which row a question names (assistant/tables/question_names.py)."""

from __future__ import annotations

from assistant.index.keyword_index import tokenize
from assistant.tables.question_names import best_named, most_shared, named_inside, unique_word_named


def stems(text: str) -> set[str]:
    return set(tokenize(text))


def test_one_shared_short_word_is_not_a_name():
    names = ["Andel SIP, kommun", "Suicidprevention"]
    assert best_named(stems("Hur går det med SIP-kollen?"), names, 0.6) is None
    assert best_named(stems("Hur arbetar länet med suicidprevention?"), names, 0.6) == "Suicidprevention"


def test_a_long_word_only_one_name_has_names_it():
    names = ["Kontinuitetsindex primärvårdsläkare", "Andel patienter med fast läkare"]
    assert unique_word_named(stems("Hur räknas kontinuitetsindex?"), names) == "Kontinuitetsindex primärvårdsläkare"


def test_a_tie_names_nothing():
    areas = ["1. Tillgänglighet i primärvården", "2. Tillgänglighet för äldre"]
    assert most_shared(stems("tillgänglighet"), areas) is None
    assert most_shared(stems("tillgänglighet för äldre"), areas) == "2. Tillgänglighet för äldre"


def test_a_one_word_name_inside_a_compound():
    assert named_inside("hur gar samsjuklighetssatsningen?", ["Samsjuklighet", "Besökskort"]) == "Samsjuklighet"
