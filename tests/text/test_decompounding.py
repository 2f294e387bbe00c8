"""Tests for assistant.text.decompounding: splitting Swedish compounds into known words."""

from __future__ import annotations

from collections import Counter

from assistant.text.decompounding import Decompounder


def test_splits_with_linking_s() -> None:
    decompounder = Decompounder(Counter({"samordning": 3, "indikator": 4}))
    assert decompounder.split("samordningsindikator") == ("samordning", "indikator")


def test_splits_without_link() -> None:
    decompounder = Decompounder(Counter({"hemsjuk": 2, "vården": 3}))
    assert decompounder.split("hemsjukvården") == ("hemsjuk", "vården")


def test_rejects_inflection_tails() -> None:
    decompounder = Decompounder(Counter({"vårdcentral": 10, "erna": 10, "arna": 10}))
    assert decompounder.split("vårdcentralerna") is None
    assert decompounder.split("läkarbesökarna") is None


def test_prefers_a_real_compound_over_an_inflection_tail() -> None:
    decompounder = Decompounder(Counter({"vård": 5, "centralerna": 3, "vårdcentral": 5, "erna": 9}))
    assert decompounder.split("vårdcentralerna") == ("vård", "centralerna")


def test_words_seen_once_are_not_known() -> None:
    decompounder = Decompounder(Counter({"samordning": 1, "indikator": 5}))
    assert decompounder.split("samordningsindikator") is None


def test_min_count_is_configurable() -> None:
    decompounder = Decompounder(Counter({"samordning": 1, "indikator": 1}), min_count=1)
    assert decompounder.split("samordningsindikator") == ("samordning", "indikator")


def test_short_and_non_alphabetic_words_are_not_split() -> None:
    decompounder = Decompounder(Counter({"vård": 5, "plan": 5, "covid": 5, "vaccin": 5}))
    assert decompounder.split("vårdplan") is None  # 8 letters: below the minimum compound length
    assert decompounder.split("covid19vaccin") is None


def test_parts_shorter_than_four_letters_are_not_used() -> None:
    decompounder = Decompounder(Counter({"sjukhus": 5, "bud": 5, "sjukhusbud": 1}))
    assert decompounder.split("sjukhusbud") is None


def test_from_words_counts_alphabetic_words_only() -> None:
    decompounder = Decompounder.from_words(["samordning", "samordning", "2023", "indikator", "indikator", "x1"])
    assert decompounder.counts == Counter({"samordning": 2, "indikator": 2})
    assert decompounder.split("samordningsindikator") == ("samordning", "indikator")


def test_best_split_has_the_highest_score() -> None:
    # "tillgänglighets|mått" needs the link s; "tillgänglighet" is far more frequent than "tillgäng".
    decompounder = Decompounder(Counter({"tillgänglighet": 20, "mått": 20, "tillgäng": 2, "lighetsmått": 2}))
    assert decompounder.split("tillgänglighetsmått") == ("tillgänglighet", "mått")
