"""The weights that choose the sentence answer's units, fitted on the dev questions by `assistant fit-answer`
(assistant/evaluation/fit_answer.py) and shipped as JSON beside this module.

Without the fitted file the answer uses the defaults below, the values the rules had when they were set by
hand. Every weight is one of a few candidates the fit tries; the README reports the fit cross-validated.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("answer_weights.json")


@dataclass(frozen=True)
class AnswerWeights:
    """How units are scored and chosen (answer/unit_scoring.py, answer/selection.py).

    rank_bonus / rank_decay: what a passage's retrieval rank adds to its units' score, `rank_bonus / (1 +
    rank_decay * rank)`; value_bonus: what a unit holding the kind of value the question asks for (a date for
    "när", a number for "hur många", a share, an amount, a person or body for "vem"), or for a list question a
    sentence that introduces a list, adds; floor_share: the
    share of the best unit's score a unit needs to be said too; read_on: how many sentences after the best
    one come along; passage_context: how much the question's terms that the unit's passage holds elsewhere
    count for the unit ("Tidplan: augusti 2020 till oktober 2022" in the abstract about the asked study);
    read_passages: how many of the retrieved passages (best first) the answer reads.
    """

    rank_bonus: float = 0.6
    rank_decay: float = 0.4
    value_bonus: float = 0.2
    floor_share: float = 0.6
    read_on: int = 2
    passage_context: float = 0.0
    read_passages: int = 8
    trained_on: str = ""

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> AnswerWeights:
        known = {f.name: f.type for f in fields(cls)}
        values = {name: data[name] for name in known if name in data}
        for name in ("read_on", "read_passages"):
            if name in values:
                values[name] = int(values[name])
        return cls(**values)


HAND_SET = AnswerWeights()  # the defaults: the weights as they were set by hand


@lru_cache(maxsize=1)
def shipped_weights() -> AnswerWeights:
    """The fitted weights shipped beside this module, or the defaults when the file is missing or unreadable."""
    try:
        return AnswerWeights.from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return AnswerWeights()
    except (OSError, ValueError, TypeError) as exc:
        log.warning("Unreadable answer weights %s (%s); using the defaults", WEIGHTS_FILE, exc)
        return AnswerWeights()
