"""Tests for the OCR repair's token and pattern steps (assistant.ingest.ocr.tokens, .patterns)."""

from __future__ import annotations

import pytest

from assistant.ingest.ocr.patterns import expand_patterns, is_repairable, matches_pattern
from assistant.ingest.ocr.tokens import (
    NUM_CLASS,
    YEAR_CLASS,
    adjacent,
    alphabetic_tokens,
    apply_case,
    context_class,
    iter_tokens,
)
from assistant.text.folding import fold, fold_letters


def test_fold_letters_keeps_length_and_case() -> None:
    assert fold_letters("Åtgärder för Éva") == "Atgarder for Eva"
    assert fold_letters("måltid") == "maltid"
    # Unlike fold, nothing but the Swedish letters changes.
    assert fold_letters("Hälso-\n och  sjukvård – ü") == "Halso-\n och  sjukvard – ü"
    assert fold("Hälso- och sjukvård – ü") == "halso- och sjukvard - u"


def test_tokens_skip_urls_and_mails() -> None:
    text = "Se www.socialstyrelsen.se/rapporter eller mejla info@region.se om &r 2024"
    assert [m.group() for m in iter_tokens(text)] == ["Se", "eller", "mejla", "om", "&r", "2024"]
    assert alphabetic_tokens(text) == ["Se", "eller", "mejla", "om", "&r"]


@pytest.mark.parametrize(
    ("token", "expected"), [("2024", YEAR_CLASS), ("65", NUM_CLASS), ("3,5", NUM_CLASS), ("Ar", "ar")]
)
def test_context_class(token: str, expected: str) -> None:
    assert context_class(token) == expected


@pytest.mark.parametrize(("template", "expected"), [("FORORD", "FÖRORD"), ("Forord", "Förord"), ("forord", "förord")])
def test_apply_case(template: str, expected: str) -> None:
    assert apply_case(template, "förord") == expected


def test_adjacent_needs_only_white_space_between() -> None:
    text = "det ar, 65 ar"
    matches = list(iter_tokens(text))
    tokens = [m.group() for m in matches]
    assert adjacent(text, matches, tokens, 1, -1) == "det"
    assert adjacent(text, matches, tokens, 1, 1) is None  # a comma in between
    assert adjacent(text, matches, tokens, 3, 1) is None  # the last token


def test_damage_patterns_reach_the_swedish_word() -> None:
    patterns = dict(expand_patterns("f6lja"))
    assert matches_pattern("följa", patterns["folja"])
    assert not matches_pattern("folja", patterns["folja"])  # "6" is never a plain "o"
    # A pair of damage characters may stand for one letter: "véarden" is "vården".
    assert any(matches_pattern("vården", allowed) for key, allowed in expand_patterns("véarden") if key == "varden")


@pytest.mark.parametrize(
    ("token", "repairable"),
    [("f6lja", True), ("&r", True), ("vard", True), ("a", False), ("2024", False), ("SKR", False), ("B7", False)],
)
def test_is_repairable(token: str, repairable: bool) -> None:
    assert is_repairable(token) is repairable
