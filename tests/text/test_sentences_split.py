"""Tests for assistant.text.sentences: a passage cut into sentences and list items."""

from __future__ import annotations

from assistant.text.sentences import SentenceUnit, sentence_units, split_units

TEXT = (
    "Fokusområden har tagits fram.\n"
    "• Kompetensförsörjning: Regionen rekryterar aktivt. Att uppnå en stabil bemanning bidrar till kontinuitet.\n"
    "• Digitalisering: Tjänsterna utvecklas."
)


def test_a_second_sentence_of_a_list_item_continues_that_item():
    assert sentence_units(TEXT) == [
        SentenceUnit("Fokusområden har tagits fram.", False, False),
        SentenceUnit("Kompetensförsörjning: Regionen rekryterar aktivt.", True, False),
        SentenceUnit("Att uppnå en stabil bemanning bidrar till kontinuitet.", True, True),
        SentenceUnit("Digitalisering: Tjänsterna utvecklas.", True, False),
    ]
    assert split_units(TEXT) == [(u.text, u.bullet) for u in sentence_units(TEXT)]


def test_a_range_broken_after_its_dash_is_one_sentence():
    text = "Karta och kompass, långtidsstudie 0–\n18 år.\nArbetet sker i samarbete med FoUiS."
    assert split_units(text) == [
        ("Karta och kompass, långtidsstudie 0–18 år.", False),
        ("Arbetet sker i samarbete med FoUiS.", False),
    ]


def test_a_line_ending_in_a_dash_after_a_word_is_not_joined_to_a_number():
    assert split_units("Mål –\n2030 gäller.") == [("Mål –", False), ("2030 gäller.", False)]
