"""Tests for assistant.answer.answer_weights: the weights that choose the sentence answer's units."""

from __future__ import annotations

import json
from dataclasses import replace

from assistant.answer import answer_weights
from assistant.answer.abstention_model import NoAbstention
from assistant.answer.answer_weights import HAND_SET, AnswerWeights
from assistant.answer.sentences import SentenceAnswerer
from assistant.models import Passage


def _passage(i: int, text: str) -> Passage:
    return Passage(chunk_id=f"d-{i}", doc_id="d", title="Titel", section="Avsnitt", text=text, page=i, score=1.0)


# The top passage speaks of the satsning; the second one says when it started.
PASSAGES = [
    _passage(0, "Satsningen Besökskort ger brukaren ett hjälpmedel i mötet med vården och socialtjänsten."),
    _passage(1, "Utöver detta har Besökskort startat i Katrineholm under hösten 2024."),
]
QUESTION = "När startade satsningen Besökskort?"


def _first_sentence(weights: AnswerWeights) -> str:
    answer = SentenceAnswerer(tuning=weights).answer(QUESTION, PASSAGES, decision=NoAbstention())
    return answer.answer.splitlines()[0]


def test_the_value_bonus_lifts_the_sentence_holding_the_asked_kind_of_value():
    no_bonus = replace(HAND_SET, value_bonus=0.0, rank_bonus=0.6, rank_decay=0.8)
    assert "hjälpmedel" in _first_sentence(no_bonus)
    assert "2024" in _first_sentence(replace(no_bonus, value_bonus=0.4))


def test_the_rank_bonus_decides_between_the_passages():
    small_bonus = replace(HAND_SET, value_bonus=0.1, rank_bonus=0.6, rank_decay=0.4)
    assert "hjälpmedel" in _first_sentence(small_bonus)
    assert "2024" in _first_sentence(replace(small_bonus, rank_bonus=0.0))


def test_weights_round_trip_through_json_and_ignore_unknown_keys():
    weights = AnswerWeights(rank_bonus=0.45, read_on=1, trained_on="test")
    data = json.loads(json.dumps({**weights.to_json(), "unknown": 1}))
    assert AnswerWeights.from_json(data) == weights


def test_without_a_readable_file_the_hand_set_defaults_are_used(tmp_path, monkeypatch):
    broken = tmp_path / "answer_weights.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(answer_weights, "WEIGHTS_FILE", broken)
    answer_weights.shipped_weights.cache_clear()
    try:
        assert answer_weights.shipped_weights() == HAND_SET
        monkeypatch.setattr(answer_weights, "WEIGHTS_FILE", tmp_path / "missing.json")
        answer_weights.shipped_weights.cache_clear()
        assert answer_weights.shipped_weights() == HAND_SET
    finally:
        monkeypatch.undo()
        answer_weights.shipped_weights.cache_clear()


def test_the_answer_reads_only_as_many_passages_as_the_weights_say():
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.answer.protocol import Evidence

    question = SentenceAnswerer().question(QUESTION)
    evidence = Evidence(tuple(PASSAGES))
    both = ExtractiveAnswerer(NoAbstention(), replace(HAND_SET, rank_bonus=0.0, value_bonus=0.4)).answer(
        question, evidence
    )
    first = ExtractiveAnswerer(NoAbstention(), replace(HAND_SET, read_passages=1)).answer(question, evidence)
    assert "2024" in both.answer
    assert [p.chunk_id for p in first.passages] == ["d-0"] and "2024" not in first.answer
