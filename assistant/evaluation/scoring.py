"""Score retrieval on a question file in the gold format (see evals/SCORING.md)."""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from assistant.models import Passage
from assistant.text.folding import fold

MATCH_THRESHOLD = 90


@dataclass(frozen=True)
class GoldQuestion:
    """One gold question: what was asked, its type and persona, and the evidence that answers it."""

    id: str
    question: str
    type: str
    persona: str
    doc: str | None
    evidence: tuple[str, ...]
    answer_facts: tuple[str, ...]


def read_questions(path: Path) -> list[GoldQuestion]:
    """Read a JSONL question file (or every dev_*.jsonl in a folder)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    questions = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                questions.append(
                    GoldQuestion(
                        id=row["id"],
                        question=row["question"],
                        type=row["type"],
                        persona=row.get("persona", ""),
                        doc=row.get("doc"),
                        evidence=tuple(row.get("evidence", [])),
                        answer_facts=tuple(row.get("answer_facts", [])),
                    )
                )
    return questions


def evidence_matches(evidence: Sequence[str], text: str) -> bool:
    """True when any evidence snippet matches the text (fuzzy partial ratio ≥ 90 after folding)."""
    folded = fold(text)
    return any(fuzz.partial_ratio(fold(snippet), folded) >= MATCH_THRESHOLD for snippet in evidence)


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


ANSWER_PREFIX_CHARS = 1500


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
        head = fold(answer.answer[:ANSWER_PREFIX_CHARS])
        answerable = bool(question.evidence or question.answer_facts)
        facts = [f for f in question.answer_facts if fold(f) in head]
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
