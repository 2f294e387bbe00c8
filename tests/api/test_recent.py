"""The answers kept for feedback: the last ones only, with the table rows' sources."""

from __future__ import annotations

from assistant.api.recent import RecentAnswers
from assistant.models import Answer, Citation, ToolResult


def _citation(n: int) -> Citation:
    return Citation(text=f"passage {n}", doc_id="d", title="T", section="S", page=n, chunk_id=f"c{n}")


def test_only_the_last_answers_are_kept_with_every_source() -> None:
    recent = RecentAnswers(size=2)
    rows = ToolResult("measures", {}, ("Titel",), ({"Titel": "x"},), (_citation(9),))
    answer = Answer("Svar [1].", (_citation(1),), (), tool_calls=(rows,), backend="extractive")
    recent.add("a", "Fråga a?", answer)
    recent.add("b", "Fråga b?", answer)
    recent.add("c", "Fråga c?", answer)
    assert recent.get("a") is None
    kept = recent.get("c")
    assert (kept.question, kept.answer, kept.backend) == ("Fråga c?", "Svar [1].", "extractive")
    assert [c.chunk_id for c in kept.citations] == ["c1", "c9"]
