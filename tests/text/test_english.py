"""Tests for assistant.text.english: English questions search the Swedish documents with Swedish domain terms."""

from __future__ import annotations

from assistant.text.english import swedish_terms


def test_domain_phrases_become_swedish_words():
    assert "kärnindikatorer" in swedish_terms("How many core indicators are there?")
    assert "täljare" in swedish_terms("What is the numerator of the measure?")
    assert "förtroende" in swedish_terms("Which region has the most trust in healthcare?")


def test_the_longest_phrase_wins():
    words = swedish_terms("What does primary care do?").split()
    assert "primärvård" in words and "vård" not in words  # "primary care" is not also "care"
    core = swedish_terms("List the core indicators").split()
    assert "kärnindikator" in core and "indikator" not in core


def test_words_outside_the_domain_add_nothing():
    assert swedish_terms("Tell me a joke about the weather") == ""


def test_a_short_english_question_about_a_swedish_name_is_english() -> None:
    from assistant.text.english import is_english

    assert is_english("Who runs Besökskort?")
    assert is_english("When did Besökskort start?")
    assert is_english("Is Nätverk Nära vård ongoing?")
    assert not is_english("Vem driver Besökskort?")
    assert not is_english("Har alla kommuner beslutat om målbilden?")
    assert not is_english("Lista alla satsningar inom kompetensförsörjning")


def test_an_english_request_that_opens_with_a_verb_is_english() -> None:
    from assistant.text.english import is_english

    assert is_english("Compare Sörmland and Dalarna on mobile teams.")
    assert is_english("Summarize the färdplan for me")
    assert is_english("According to Socialstyrelsen, how is Dalarna doing?")
    assert not is_english("Jämför Sörmland och Dalarna")
    assert not is_english("Sammanfatta färdplanen")
    assert not is_english("Show-kök i Eskilstuna?")  # a Swedish compound, not the English verb
