"""Retrieval scoring, and the quality floor of the full corpus index on the dev questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.scoring import (
    GoldQuestion,
    evidence_found,
    evidence_matches,
    found_facts,
    read_questions,
    score_answers,
    score_retrieval,
)
from assistant.models import Answer, Citation, Passage

REPO = Path(__file__).resolve().parents[2]
DEV_QUESTIONS = REPO / "evals" / "questions"
# The 36 questions the figures of earlier sessions (and their floors) were measured on.
ORIGINAL_DEV = sorted(DEV_QUESTIONS.glob("dev_0*.jsonl"))


def _passage(text: str) -> Passage:
    return Passage(chunk_id=text[:8], doc_id="d", title="t", section="s", text=text, page=None, score=1.0)


def test_evidence_matching_folds_diacritics_and_hyphenation():
    text = "Socialstyrelsen har fastställt ett nationellt riktvärde på 1 100 invånare som"
    assert evidence_matches(["Socialstyrelsen har faststallt ett nationellt riktvarde pa 1 100 invanare"], text)
    assert evidence_matches(["kom-\nmunens interna arbete"], "kommunens interna arbete på 20 procent")
    assert not evidence_matches(["helt annan mening om budgeten"], text)


def test_score_retrieval_counts_ranks_and_skips_unanswerable():
    questions = [
        GoldQuestion("q1", "a?", "fact", "new_staff", "x", ("målbilden 2035",), ()),
        GoldQuestion("q2", "b?", "fact", "new_staff", "x", ("fokusområden",), ()),
        GoldQuestion("q3", "c?", "unanswerable", "new_staff", None, (), ()),
    ]
    ranked = {
        "a?": [_passage("Målbilden 2035 är gemensam"), _passage("annat")],
        "b?": [_passage("x")] * 6 + [_passage("Fyra fokusområden")],
    }
    result = score_retrieval(questions, lambda q, k: ranked[q][:k])
    assert result["overall"]["n"] == 2
    assert result["overall"]["hit@1"] == 0.5
    assert result["overall"]["hit@5"] == 0.5
    assert result["overall"]["hit@10"] == 1.0
    assert result["overall"]["mrr"] == round((1 + 1 / 7) / 2, 3)
    assert result["misses_at_5"] == ["q2"]


def test_dev_questions_are_in_the_repository():
    original = [q for f in ORIGINAL_DEV for q in read_questions(f)]
    more = read_questions(DEV_QUESTIONS / "dev_more.jsonl")
    assert len(original) == 36 and len(more) == 120
    assert sum(not q.answerable for q in more) == 20
    assert {q.type for q in original} >= {"definition", "numeric", "indicator_definition", "unanswerable"}
    assert len(read_questions(DEV_QUESTIONS)) == 156  # a folder reads every file in it


def _citation(text: str) -> Citation:
    return Citation(text=text, doc_id="d", title="t", section="s", page=None, chunk_id="d-1")


def test_fact_recall_reads_only_the_first_1500_characters_folded():
    assert found_facts(["Målbilden 2035", "fokusområden"], "MALBILDEN 2035 gäller") == ["Målbilden 2035"]
    assert found_facts(["fokusområden"], "x" * 1500 + " fokusområden") == []


def test_evidence_is_found_in_a_citation_or_the_first_five_passages():
    passages = tuple(_passage(f"passage {n}") for n in range(5)) + (_passage("Fyra fokusområden"),)
    sixth = Answer("svar", (), passages)
    assert not evidence_found(["Fyra fokusområden"], sixth)
    assert evidence_found(["Fyra fokusområden"], Answer("svar", (_citation("Fyra fokusområden"),), passages))
    assert evidence_found(["Fyra fokusområden"], Answer("svar", (), passages[1:]))


def test_score_answers_counts_abstention_only_on_unanswerable_questions():
    questions = [
        GoldQuestion("q1", "a?", "fact", "new_staff", "x", ("målbilden 2035",), ("2035", "fokusområden")),
        GoldQuestion("q2", "b?", "unanswerable", "analyst", None, (), ()),
        GoldQuestion("q3", "c?", "unanswerable", "analyst", None, (), ()),
    ]
    answers = {
        "a?": Answer("Målbilden gäller 2035.", (_citation("Målbilden 2035 är gemensam"),), ()),
        "b?": Answer("Det står inte i dokumenten.", (), (), abstained=True),
        "c?": Answer("Ett säkert felaktigt svar.", (), ()),
    }
    overall = score_answers(questions, answers.__getitem__)["overall"]
    assert overall["cited_evidence"] == 1.0
    assert overall["fact_recall"] == 0.5
    assert overall["answer_rate"] == 1.0
    assert overall["abstention"] == 0.5


@pytest.mark.slow
def test_fused_search_on_the_full_corpus_beats_each_retriever(full_assistant, record_property):
    questions = [q for f in ORIGINAL_DEV for q in read_questions(f)]
    retriever = full_assistant.retriever
    fused = score_retrieval(questions, retriever.search)["overall"]
    keyword = score_retrieval(questions, retriever.keyword_search)["overall"]
    vector = score_retrieval(questions, retriever.vector_search)["overall"]
    # Regression floor just under the figure measured on the 36 original questions (0.909; the goal is > 0.9).
    # Latency is a benchmark figure (`assistant bench`), not asserted here: the cores are shared.
    assert fused["hit@5"] >= 0.87
    assert fused["hit@5"] >= max(keyword["hit@5"], vector["hit@5"])
    # dev_more is reported on its own: its figure is not to be mixed into the old floor.
    more = score_retrieval(read_questions(DEV_QUESTIONS / "dev_more.jsonl"), retriever.search)["overall"]
    record_property("dev_more_fused", more)
    print(f"dev_more fused: {more}")
    assert more["n"] == 100
    assert more["hit@5"] >= 0.85  # regression floor under the 0.88 measured on dev_more (2026-12-01)
