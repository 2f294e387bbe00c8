"""Tests for assistant.question: the Question record, built once per ask, and chat-message histories."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.question import exchanges, question_kind, understand


@dataclass
class _LangchainLike:
    type: str
    content: str


def test_pairs_and_chat_messages_give_the_same_exchanges():
    pairs = [("Vad är SIP?", "En plan [1]"), ("vem gör den?", "Kommunen [1]")]
    messages = [
        {"role": "system", "content": "Du är en assistent."},
        {"role": "user", "content": "Vad är SIP?"},
        {"role": "assistant", "content": "En plan [1]"},
        {"role": "user", "content": "vem gör den?"},
        {"role": "assistant", "content": "Kommunen [1]"},
    ]
    assert exchanges(pairs) == exchanges(messages) == tuple(pairs)
    assert exchanges([_LangchainLike("human", "Vad är SIP?"), _LangchainLike("ai", "En plan [1]")]) == (pairs[0],)


def test_a_user_message_without_an_answer_keeps_its_question():
    messages = [{"role": "user", "content": "Vad är SIP?"}, {"role": "user", "content": "och LRS?"}]
    assert exchanges(messages) == (("Vad är SIP?", ""), ("och LRS?", ""))


def test_multipart_content_keeps_its_text_parts():
    message = {"role": "user", "content": [{"type": "text", "text": "Vad är SIP?"}, {"type": "image_url"}]}
    assert exchanges([message]) == (("Vad är SIP?", ""),)


def test_an_entry_that_is_neither_raises():
    with pytest.raises(ValueError):
        exchanges([42])


def test_a_three_turn_chat_history_resolves_the_follow_up():
    messages = [
        {"role": "user", "content": "Vilka forum finns för samverkan i Sörmland?"},
        {"role": "assistant", "content": "Det finns flera [1]"},
        {"role": "user", "content": "och i Dalarna?"},
        {"role": "assistant", "content": "I Dalarna [1]"},
    ]
    question = understand("vem leder dem?", messages)
    assert question.is_followup and question.text == "vem leder dem?"
    assert "forum" in question.resolved and "dalarna" in question.resolved.lower()
    assert len(question.history) == 2


def test_an_english_question_carries_its_swedish_terms_and_only_corpus_words():
    question = understand("What does primary care do in Sörmland?", vocabulary={"sormland", "primarvard"})
    assert question.english
    assert "primärvård" in question.search_text
    assert "sormland" in question.terms and "primarvard" in question.terms
    assert "does" not in question.corpus_text.split()


def test_kind_and_terms_of_a_swedish_question():
    question = understand("Vad är ett fokusområde?")
    assert (question.kind, question.english, question.is_followup) == ("definition", False, False)
    assert question.terms and all(t == t.lower() for t in question.terms)
    assert "vad" not in question.terms  # question words are not content
    assert question_kind("Hur många kärnindikatorer finns?") == "numeric"
    assert question_kind("Vilka satsningar pågår?") == "list"


def test_a_misspelt_word_is_searched_and_matched_as_the_corpus_spells_it_but_shown_as_typed():
    from collections import Counter

    from assistant.question import understand
    from assistant.text.decompounding import Decompounder
    from assistant.text.tokens import tokenize

    corpus = "närvårdskoordinatorer närvårdskoordinatorer sörmland sörmland"
    decompounder = Decompounder(Counter(corpus.split()))
    vocabulary = set(tokenize(corpus, decompounder))
    asked = understand("Hur många närvårdskordinatorer finns i Sörmlnad?", None, decompounder, vocabulary)
    assert asked.resolved == "Hur många närvårdskordinatorer finns i Sörmlnad?"
    assert asked.spelt == "Hur många närvårdskoordinatorer finns i Sörmland?"
    assert "närvårdskoordinatorer" in asked.search_text and "narvardskoordinator" in asked.terms
    english = understand("How many närvårdskordinatorer are there?", None, decompounder, vocabulary)
    assert english.spelt == english.resolved  # an English question's words are not Swedish misspellings
