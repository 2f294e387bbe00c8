"""The answers the server gave lately, by answer id and the caller each was given to, so that feedback on one
stores what was asked and answered, and only its own caller can give it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from assistant.models import Answer, Citation

# Each kept answer holds its text and cited passages (some kB): a thousand is a few MB.
KEPT_ANSWERS = 1000


@dataclass(frozen=True)
class GivenAnswer:
    """What feedback on an answer stores: the question, the answer text, every source it cited, the backend; and
    the caller it was given to (`key:<name>`, `oidc:<sub>` or the local caller)."""

    question: str
    answer: str
    citations: tuple[Citation, ...]
    backend: str
    caller_id: str


class RecentAnswers:
    """The last `size` answers by answer id; thread-safe."""

    def __init__(self, size: int = KEPT_ANSWERS) -> None:
        self.size = size
        self._answers: OrderedDict[str, GivenAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, answer_id: str, question: str, answer: Answer, caller_id: str) -> None:
        # The table rows' sources too, as the app stores them with its feedback.
        citations = answer.citations + tuple(c for result in answer.tool_calls for c in result.citations)
        given = GivenAnswer(question, answer.answer, citations, answer.backend, caller_id)
        with self._lock:
            self._answers[answer_id] = given
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def given_to(self, answer_id: str, caller_id: str) -> GivenAnswer | None:
        """The answer if it was given to this caller; None when it is unknown, too old or another caller's."""
        with self._lock:
            given = self._answers.get(answer_id)
        return given if given is not None and given.caller_id == caller_id else None
