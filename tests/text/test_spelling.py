"""Tests for assistant.text.spelling: misspelt long words respelt as the corpus spells them."""

from __future__ import annotations

from collections import Counter

from assistant.text.decompounding import Decompounder
from assistant.text.spelling import respelt
from assistant.text.tokens import tokenize

CORPUS = (
    "närvårdskoordinatorer närvårdskoordinatorer sjukhuskoordinatorer sjukhuskoordinatorer sörmland sörmland "
    "fullständig fullständig samordning samordning indikatorer indikatorer kommunerna kommunerna"
)


def _index() -> tuple[Decompounder, set[str]]:
    decompounder = Decompounder(Counter(CORPUS.split()))
    return decompounder, set(tokenize(CORPUS, decompounder))


def test_a_long_word_one_or_two_edits_from_a_corpus_word_is_respelt_as_it():
    decompounder, vocabulary = _index()
    question = "Hur många närvårdskordinatorer finns i Sörmlnad?"
    assert respelt(question, decompounder, vocabulary) == "Hur många närvårdskoordinatorer finns i Sörmland?"


def test_known_short_or_differently_starting_words_stay_as_they_are():
    decompounder, vocabulary = _index()
    for question in (
        "Varför är siffrorna ofullständiga?",  # not "fullständiga": the first letter is no misspelling
        "Hur går samordningen till i kommunerna?",  # known stems
        "Vad gör teamen?",  # short words
        "Vad betyder kvalitetsregister?",  # nothing in the corpus is near it
    ):
        assert respelt(question, decompounder, vocabulary) == question
    assert respelt("Vad är samordnng?", None, None) == "Vad är samordnng?"  # no index: nothing to respell by
