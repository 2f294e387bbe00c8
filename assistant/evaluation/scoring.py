"""Score retrieval and answers on gold questions (see evals/SCORING.md)."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from assistant.evaluation.datasets import GoldQuestion, read_questions
from assistant.models import Answer, Passage
from assistant.text.folding import fold

__all__ = [
    "GoldQuestion",
    "read_questions",
    "evidence_matches",
    "found_facts",
    "evidence_found",
    "score_retrieval",
    "score_answers",
    "latency_percentiles_ms",
]

MATCH_THRESHOLD = 90
ANSWER_PREFIX_CHARS = 1500


def evidence_matches(evidence: Sequence[str], text: str) -> bool:
    """True when any evidence snippet matches the text (fuzzy partial ratio ≥ 90 after folding)."""
    folded = fold(text)
    return any(fuzz.partial_ratio(fold(snippet), folded) >= MATCH_THRESHOLD for snippet in evidence)


def found_facts(facts: Sequence[str], answer_text: str) -> list[str]:
    """The facts found as folded substrings of the answer's first 1,500 characters."""
    head = fold(answer_text[:ANSWER_PREFIX_CHARS])
    return [fact for fact in facts if fold(fact) in head]


def evidence_found(evidence: Sequence[str], answer: Answer, passages: int = 5) -> bool:
    """True when an evidence snippet matches one of the answer's citations or its first `passages` passages."""
    texts = [c.text for c in answer.citations] + [p.text for p in answer.passages[:passages]]
    return any(evidence_matches(evidence, text) for text in texts)


def first_hit_rank(question: GoldQuestion, passages: Sequence[Passage]) -> int | None:
    for rank, passage in enumerate(passages, start=1):
        if evidence_matches(question.evidence, passage.text):
            return rank
    return None


def score_retrieval(
    questions: Sequence[GoldQuestion], search: Callable[[str, int], list[Passage]], depth: int = 10
) -> dict:
    """hit@1/5/10 and MRR over the answerable questions, overall and per question type."""
    rows = []
    for question in questions:
        if not question.evidence:
            continue
        started = time.perf_counter()
        passages = search(question.question, depth)
        elapsed = time.perf_counter() - started
        rows.append(
            {"id": question.id, "type": question.type, "rank": first_hit_rank(question, passages), "seconds": elapsed}
        )
    by_type = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    return {
        "overall": _summary(rows),
        "by_type": {t: _summary(r) for t, r in sorted(by_type.items())},
        "misses_at_5": [r["id"] for r in rows if r["rank"] is None or r["rank"] > 5],
    }


def _summary(rows: list[dict]) -> dict:
    n = len(rows)
    if n == 0:
        return {"n": 0}

    def hit(k: int) -> float:
        return round(sum(1 for r in rows if r["rank"] and r["rank"] <= k) / n, 3)

    p50_ms, p95_ms = latency_percentiles_ms([r["seconds"] for r in rows])
    return {
        "n": n,
        "hit@1": hit(1),
        "hit@5": hit(5),
        "hit@10": hit(10),
        "mrr": round(sum(1 / r["rank"] for r in rows if r["rank"]) / n, 3),
        "p50_ms": round(p50_ms, 1),
        "p95_ms": round(p95_ms, 1),
    }


def latency_percentiles_ms(seconds: Sequence[float]) -> tuple[float, float]:
    """p50 and p95 of durations in seconds, in milliseconds (p95 is the nearest-rank value)."""
    ordered = sorted(s * 1000 for s in seconds)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def score_answers(questions: Sequence[GoldQuestion], ask: Callable[[str], object]) -> dict:
    """Answer quality per evals/SCORING.md: cited evidence, fact recall, abstention, latency, length.

    `ask(question)` returns an Answer (`.answer`, `.citations`, `.abstained`). Reported overall, per
    question type and per persona.
    """
    rows = []
    for question in questions:
        started = time.perf_counter()
        answer = ask(question.question)
        elapsed = time.perf_counter() - started
        answerable = question.answerable
        facts = found_facts(question.answer_facts, answer.answer)
        rows.append(
            {
                "id": question.id,
                "type": question.type,
                "persona": question.persona,
                "answerable": answerable,
                "abstained": bool(answer.abstained),
                "cited": (
                    any(evidence_matches(question.evidence, c.text) for c in answer.citations)
                    if question.evidence
                    else None
                ),
                "fact_recall": len(facts) / len(question.answer_facts) if question.answer_facts else None,
                "missing_facts": [f for f in question.answer_facts if f not in facts],
                "chars": len(answer.answer),
                "seconds": elapsed,
            }
        )
    by_type: dict[str, list[dict]] = defaultdict(list)
    by_persona: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
        by_persona[row["persona"]].append(row)
    return {
        "overall": _answer_summary(rows),
        "by_type": {t: _answer_summary(r) for t, r in sorted(by_type.items())},
        "by_persona": {p: _answer_summary(r) for p, r in sorted(by_persona.items())},
        "questions": [_question_row(r) for r in rows],
    }


def _question_row(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "seconds"} | {"ms": round(row["seconds"] * 1000, 1)}


def _answer_summary(rows: list[dict]) -> dict:
    if not rows:
        return {"n": 0}
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    cited = [r["cited"] for r in answerable if r["cited"] is not None]
    recalls = [r["fact_recall"] for r in answerable if r["fact_recall"] is not None]
    summary: dict = {"n": len(rows)}
    if answerable:
        summary["cited_evidence"] = round(sum(cited) / len(cited), 3) if cited else None
        summary["fact_recall"] = round(sum(recalls) / len(recalls), 3) if recalls else None
        summary["answer_rate"] = round(sum(1 for r in answerable if not r["abstained"]) / len(answerable), 3)
    if unanswerable:
        summary["abstention"] = round(sum(1 for r in unanswerable if r["abstained"]) / len(unanswerable), 3)
    summary["median_chars"] = statistics.median(r["chars"] for r in rows)
    p50_ms, p95_ms = latency_percentiles_ms([r["seconds"] for r in rows])
    summary["p50_ms"] = round(p50_ms, 1)
    summary["p95_ms"] = round(p95_ms, 1)
    return summary
