"""Retrieval scoring, and the quality floor of the full corpus index on the dev questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.scoring import GoldQuestion, evidence_matches, read_questions, score_retrieval
from assistant.models import Passage

REPO = Path(__file__).resolve().parent.parent
DEV_QUESTIONS = REPO / "evals" / "questions"


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
    questions = read_questions(DEV_QUESTIONS)
    assert len(questions) == 36
    assert {q.type for q in questions} >= {"definition", "numeric", "indicator_definition", "unanswerable"}


@pytest.mark.slow
def test_fused_search_on_the_full_corpus_beats_each_retriever(full_assistant):
    questions = read_questions(DEV_QUESTIONS)
    retriever = full_assistant.retriever
    fused = score_retrieval(questions, retriever.search)["overall"]
    keyword = score_retrieval(questions, retriever.keyword_search)["overall"]
    vector = score_retrieval(questions, retriever.vector_search)["overall"]
    # Regression floor just under the figure measured (0.909; the goal is > 0.9).
    # Latency is a benchmark figure (`assistant bench`), not asserted here: the cores are shared.
    assert fused["hit@5"] >= 0.87
    assert fused["hit@5"] >= max(keyword["hit@5"], vector["hit@5"])
