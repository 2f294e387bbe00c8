"""The answers kept for feedback: the last ones only, with the table rows' sources, each for its own caller."""

from __future__ import annotations

from assistant.api.recent import RecentAnswers
from assistant.models import Answer, Citation, ToolResult


def _citation(n: int) -> Citation:
    return Citation(text=f"passage {n}", doc_id="d", title="T", section="S", page=n, chunk_id=f"c{n}")


def test_only_the_last_answers_are_kept_with_every_source() -> None:
    recent = RecentAnswers(size=2)
    rows = ToolResult("measures", {}, ("Titel",), ({"Titel": "x"},), (_citation(9),))
    answer = Answer("Svar [1].", (_citation(1),), (), tool_calls=(rows,), backend="extractive")
    recent.add("a", "Fråga a?", answer, "key:intranatet")
    recent.add("b", "Fråga b?", answer, "key:intranatet")
    recent.add("c", "Fråga c?", answer, "key:intranatet")
    assert recent.given_to("a", "key:intranatet") is None
    kept = recent.given_to("c", "key:intranatet")
    assert (kept.question, kept.answer, kept.backend) == ("Fråga c?", "Svar [1].", "extractive")
    assert [c.chunk_id for c in kept.citations] == ["c1", "c9"]


def test_an_answer_is_given_back_only_to_the_caller_it_was_given_to() -> None:
    recent = RecentAnswers()
    recent.add("a", "Fråga?", Answer("Svar.", (), ()), "oidc:anna@regionsormland.se")
    assert recent.given_to("a", "oidc:anna@regionsormland.se").caller_id == "oidc:anna@regionsormland.se"
    assert recent.given_to("a", "oidc:bertil@regionsormland.se") is None
    assert recent.given_to("a", "key:intranatet") is None
