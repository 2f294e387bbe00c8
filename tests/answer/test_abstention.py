"""Tests for assistant.answer.abstention: the evidence that the documents do not answer."""

from __future__ import annotations

from assistant.answer.abstention import ABSTAIN_EN, ABSTAIN_SV, NEARBY_EN, NEARBY_SV, abstention, missing_name
from assistant.answer.composition import compose_answer
from assistant.answer.units import Unit
from assistant.models import Passage
from assistant.text.tokens import tokenize

PASSAGES = [Passage("c", "d", "Rapport", "Avsnitt", "Följeforskningen i Sörmland leds av FoU i Sörmland.", None, 1.0)]
VOCABULARY = set(tokenize("följeforskningen i sörmland leds av fou dalarna region halland"))


def test_a_name_no_top_passage_mentions_is_missing():
    assert missing_name("Hur ser följeforskningen ut i Halland?", PASSAGES, None) == "Halland"
    assert missing_name("Hur ser följeforskningen ut i Sörmland?", PASSAGES, None) == ""


def test_the_first_word_of_a_later_sentence_is_no_name():
    question = "Forskas det på omställningen? Jämför följeforskningen i Sörmland."
    assert missing_name(question, PASSAGES, None) == ""
    assert missing_name("Forskas det? Jämför Sörmland och Halland.", PASSAGES, None) == "Halland"


def test_in_an_english_question_a_word_the_corpus_never_uses_is_no_name():
    question = "When did the PhD project in Sörmland start?"
    assert missing_name(question, PASSAGES, None, VOCABULARY, english=True) == ""
    assert missing_name(question, PASSAGES, None, VOCABULARY, english=False) == "PhD"
    other = "When did the project in Halland start?"  # a place the corpus knows, not in these passages
    assert missing_name(other, PASSAGES, None, VOCABULARY, english=True) == "Halland"


def test_the_abstention_names_the_closest_section_in_quotes_the_app_shows_as_written():
    from assistant.answer.abstention import abstention
    from assistant.ui.text import answer_markdown

    passage = Passage("c", "d", "Projektrapport", "Genomförande", "Text.", None, 1.0)
    text = abstention([passage], False, (), 0.0, 0.0).answer
    assert text.endswith("närmast i dokumenten är ”Projektrapport – Genomförande”.")
    assert "\\*" not in answer_markdown(text)  # no emphasis for the app to show as escaped asterisks


def _nearby(english: bool):
    units = [Unit("Nätverket har 25 personer.", 0, 0, frozenset()), Unit("Det träffas varje månad.", 0, 1, frozenset())]
    return compose_answer(units, PASSAGES, english, "fact")


def test_the_abstention_lists_the_nearest_sentences_under_its_plain_answer_each_cited():
    answer = abstention(PASSAGES, False, (), 0.0, 0.0, _nearby(False))
    assert answer.abstained and len(answer.citations) == 1 and answer.citations[0].chunk_id == "c"
    lines = [f"{ABSTAIN_SV} {NEARBY_SV}", "- Nätverket har 25 personer. [1]", "- Det träffas varje månad. [1]"]
    assert answer.answer == "\n".join(lines)


def test_an_english_abstention_lists_them_without_the_lead_of_an_answer():
    answer = abstention(PASSAGES, True, (), 0.0, 0.0, _nearby(True))
    lines = [f"{ABSTAIN_EN} {NEARBY_EN}", "- Nätverket har 25 personer. [1]", "- Det träffas varje månad. [1]"]
    assert answer.answer == "\n".join(lines)
