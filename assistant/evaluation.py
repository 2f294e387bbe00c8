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

from .folding import fold
from .models import Passage

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
                        id=row["id"], question=row["question"], type=row["type"],
                        persona=row.get("persona", ""), doc=row.get("doc"),
                        evidence=tuple(row.get("evidence", [])), answer_facts=tuple(row.get("answer_facts", [])),
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
        rows.append({"id": question.id, "type": question.type, "rank": first_hit_rank(question, passages),
                     "seconds": elapsed})
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

    latencies = sorted(r["seconds"] * 1000 for r in rows)
    return {
        "n": n, "hit@1": hit(1), "hit@5": hit(5), "hit@10": hit(10),
        "mrr": round(sum(1 / r["rank"] for r in rows if r["rank"]) / n, 3),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[min(n - 1, int(0.95 * n))], 1),
    }
