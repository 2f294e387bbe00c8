"""The answers the server gave lately, by answer id, so that feedback on one stores what was asked and answered."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from assistant.models import Answer, Citation

# Each kept answer holds its text and cited passages (some kB): a thousand is a few MB.
KEPT_ANSWERS = 1000


@dataclass(frozen=True)
class GivenAnswer:
    """What feedback on an answer stores: the question, the answer text, every source it cited, the backend."""

    question: str
    answer: str
    citations: tuple[Citation, ...]
    backend: str


class RecentAnswers:
    """The last `size` answers by answer id; thread-safe."""

    def __init__(self, size: int = KEPT_ANSWERS) -> None:
        self.size = size
        self._answers: OrderedDict[str, GivenAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, answer_id: str, question: str, answer: Answer) -> None:
        # The table rows' sources too, as the app stores them with its feedback.
        citations = answer.citations + tuple(c for result in answer.tool_calls for c in result.citations)
        given = GivenAnswer(question, answer.answer, citations, answer.backend)
        with self._lock:
            self._answers[answer_id] = given
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def get(self, answer_id: str) -> GivenAnswer | None:
        with self._lock:
            return self._answers.get(answer_id)
