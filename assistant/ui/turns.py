"""One question and its answer in a browser session's conversation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from assistant.models import Answer


@dataclass
class ChatTurn:
    """A question, and either its answer or the Swedish message of what went wrong."""

    question: str
    answer: Answer | None = None
    error: str = ""
    answer_id: str = field(default_factory=lambda: uuid.uuid4().hex)


def history(turns: list[ChatTurn]) -> list[tuple[str, str]]:
    """(question, answer) pairs of the answered turns, for follow-up questions."""
    return [(t.question, t.answer.answer) for t in turns if t.answer is not None]
