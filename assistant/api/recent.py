"""The answers the server gave lately, by answer id, so that feedback on one stores what was asked and answered."""

from __future__ import annotations

import threading
from collections import OrderedDict

from assistant.models import Answer

KEPT_ANSWERS = 5000


class RecentAnswers:
    """The last `size` answers (question and Answer) by answer id; thread-safe."""

    def __init__(self, size: int = KEPT_ANSWERS) -> None:
        self.size = size
        self._answers: OrderedDict[str, tuple[str, Answer]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, answer_id: str, question: str, answer: Answer) -> None:
        with self._lock:
            self._answers[answer_id] = (question, answer)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

    def get(self, answer_id: str) -> tuple[str, Answer] | None:
        with self._lock:
            return self._answers.get(answer_id)
