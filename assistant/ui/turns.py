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


def history(turns: list[ChatTurn]) -> list[dict[str, str]]:
    """The answered turns as chat messages (user, then assistant), for follow-up questions."""
    messages = []
    for turn in turns:
        if turn.answer is not None:
            messages.append({"role": "user", "content": turn.question})
            messages.append({"role": "assistant", "content": turn.answer.answer})
    return messages
