"""The fact model: a logistic model over each answer unit's signals that gives the probability that the unit
states one of the facts the question asks for (or brings them: a list's lead-in brings its items). Fitted on
the dev questions by `assistant fit-fact-model` (assistant/evaluation/fit_fact_model.py) and shipped as JSON
beside this module, with the probability below which the answer leaves a unit out (`prune_below`, fitted
too). The hand-set scores (answer/unit_scoring.py) still order the units; the model, which weighs them among
its signals, only keeps out of the answer the units unlikely to say anything asked for, so that the budget
goes to the others.

Without the fitted file no unit is left out for it.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from assistant.answer.unit_scoring import NUMBER
from assistant.answer.units import Unit
from assistant.models import Passage

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("fact_model.json")

SHORT_CHARS = 25
LONG_CHARS = 400

FEATURE_NAMES = (
    "hit",
    "context",
    "around",
    "term_share",
    "hit_of_best",
    "rule_score",
    "rule_gap",
    "passage_rank",
    "position",
    "holds_value",
    "value_missing",
    "number",
    "bullet",
    "introduces_list",
    "list_lead_in",
    "length",
    "short",
    "long",
    "ranks",
    "defines",
    "numeric_number",
    "keyword_rank",
    "vector_rank",
    "best_passage",
    "after_best",
)


def unit_features(units: Sequence[Unit], kind: str, passages: Sequence[Passage]) -> list[tuple[float, ...]]:
    """Each unit's features, in FEATURE_NAMES order. Some are relative to the question's other units (its hit
    against the best unit's, its rule score against the best, whether it is in the best unit's passage and
    how soon after it): what ranks first depends on the rivals."""
    best_hit = max((u.signals.hit for u in units), default=0.0) or 1.0
    best = max(units, key=lambda u: u.signals.rule_score, default=None)
    best_rule = best.signals.rule_score if best else 0.0
    rows = []
    for unit in units:
        ranks = passages[unit.passage].ranks if unit.passage < len(passages) else {}
        same = best is not None and unit.passage == best.passage
        after = unit.position - best.position if same else 0
        signals = unit.signals
        number = bool(NUMBER.search(unit.text))
        rows.append(
            (
                signals.hit,
                signals.context,
                signals.around,
                signals.term_share,
                signals.hit / best_hit,
                signals.rule_score,
                signals.rule_score - best_rule,
                1.0 / (1.0 + unit.passage),
                math.log1p(unit.position),
                float(signals.holds_value),
                float(signals.asks_value and not signals.holds_value),
                float(number),
                float(unit.bullet),
                float(unit.introduces_list),
                float(unit.introduces_list and kind == "list"),
                math.log1p(len(unit.text)),
                float(len(unit.text) < SHORT_CHARS),
                float(len(unit.text) > LONG_CHARS),
                float(signals.ranks),
                float(signals.defines),
                float(number and kind == "numeric"),
                _reciprocal(ranks.get("keyword")),
                _reciprocal(ranks.get("vector")),
                float(same),
                1.0 / after if after > 0 else 0.0,
            )
        )
    return rows


def _reciprocal(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


@dataclass(frozen=True)
class UnitFactModel:
    """Standardised features times weights plus a bias gives the log-odds that a unit states an asked fact;
    a unit below `prune_below` (a probability) is not said, unless it is the best unit or read on after it."""

    names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    prune_below: float = 0.0
    trained_on: str = ""

    def probabilities(self, units: Sequence[Unit], kind: str, passages: Sequence[Passage]) -> list[float]:
        """Each unit's probability of stating an asked fact."""
        return self.probabilities_of(unit_features(units, kind, passages))

    def probabilities_of(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probability for each row of features (in FEATURE_NAMES order, as unit_features gives them)."""
        position = {name: i for i, name in enumerate(FEATURE_NAMES)}
        columns = [position[name] for name in self.names]
        out = []
        for row in rows:
            z = self.bias + sum(
                w * (row[c] - m) / (s or 1.0) for c, m, s, w in zip(columns, self.means, self.scales, self.weights)
            )
            out.append(1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z)))))
        return out

    def estimate(self, units: Sequence[Unit], kind: str, passages: Sequence[Passage]) -> None:
        """Set each unit's probability of stating an asked fact."""
        for unit, probability in zip(units, self.probabilities(units, kind, passages)):
            unit.fact_probability = probability

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> UnitFactModel:
        names = tuple(data["names"])
        unknown = set(names) - set(FEATURE_NAMES)
        if unknown:
            raise ValueError(f"unknown features {sorted(unknown)}")
        return cls(
            names=names,
            means=tuple(float(v) for v in data["means"]),
            scales=tuple(float(v) for v in data["scales"]),
            weights=tuple(float(v) for v in data["weights"]),
            bias=float(data["bias"]),
            prune_below=float(data.get("prune_below", 0.0)),
            trained_on=str(data.get("trained_on", "")),
        )


class FactModel(Protocol):
    """What estimates how likely each unit states an asked fact, and the probability below which a unit is
    left out of the answer."""

    prune_below: float

    def estimate(self, units: Sequence[Unit], kind: str, passages: Sequence[Passage]) -> None: ...


class NoFactModel:
    """No estimate: every unit may be said (the answer as the hand-set rules choose it)."""

    prune_below = 0.0

    def estimate(self, units: Sequence[Unit], kind: str, passages: Sequence[Passage]) -> None:
        return None


@lru_cache(maxsize=1)
def shipped_fact_model() -> FactModel:
    """The fitted model shipped beside this module, or no model when the file is missing or unreadable."""
    try:
        return UnitFactModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return NoFactModel()
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("Unreadable fact model %s (%s); no unit is left out for it", MODEL_FILE, exc)
        return NoFactModel()
