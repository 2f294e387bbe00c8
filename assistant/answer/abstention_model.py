"""The abstention decision: a logistic model over EvidenceFeatures, fitted on the dev questions by
`assistant fit-abstention` (assistant/evaluation/fit_abstention.py) and shipped as JSON beside this module.

Without the fitted file the decision falls back to the two rules the features generalise: a name of the
question that no top passage mentions, or retrievers that disagree on the top passage while the best units
cover little of the question.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.answer.evidence_features import EvidenceFeatures

log = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("abstention_model.json")
# The rule fallback: support below this while the retrievers disagree means weak evidence.
RULE_MIN_SUPPORT = 0.52
RULE_AGREEMENT_RANK = 5
# Features that only mean something when vectors were searched as well as keywords.
_NEEDS_VECTORS = frozenset({"retrievers_agree", "top_vector_rank"})


@dataclass(frozen=True)
class AbstentionModel:
    """Standardised features times weights plus a bias gives the log-odds that the documents do not answer;
    at or above `threshold` (a probability) the assistant abstains. A name of the question that no top
    passage mentions always abstains: then the documents speak of something else, whatever else agrees."""

    names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    trained_on: str = ""
    # The model saw table-routed questions too (a feature says so): it decides for table answers as well.
    covers_tables = True

    def probability(self, features: EvidenceFeatures) -> float:
        """The model's probability that the documents do not answer the question. Without a vector search
        (keyword-only, while the vectors are built) the retrievers cannot agree: that feature then counts as
        its mean, saying nothing either way."""
        values = dict(zip(EvidenceFeatures.names(), features.values()))
        if not features.vector_searched:
            values.update({name: mean for name, mean in zip(self.names, self.means) if name in _NEEDS_VECTORS})
        z = self.bias + sum(
            w * (values[n] - m) / (s or 1.0) for n, m, s, w in zip(self.names, self.means, self.scales, self.weights)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def abstains(self, features: EvidenceFeatures) -> bool:
        """True when the question names something no top passage mentions, or the evidence is too weak."""
        return bool(features.missing_name) or self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        """The model as JSON-ready data (see `from_json`)."""
        return {
            "names": list(self.names),
            "means": list(self.means),
            "scales": list(self.scales),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
            "trained_on": self.trained_on,
        }

    @classmethod
    def from_json(cls, data: dict) -> AbstentionModel:
        """A model from `to_json` data. Raises ValueError when it names a feature that does not exist."""
        unknown = set(data["names"]) - set(EvidenceFeatures.names())
        if unknown:
            raise ValueError(f"unknown features in the abstention model: {sorted(unknown)}")
        return cls(
            tuple(data["names"]),
            tuple(float(v) for v in data["means"]),
            tuple(float(v) for v in data["scales"]),
            tuple(float(v) for v in data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            str(data.get("trained_on", "")),
        )


class RuleAbstention:
    """The fallback decision when no fitted model is shipped (see the module docstring). It judges the
    sentence answer only: a question routed to the tables gets its table answer whatever it says."""

    covers_tables = False

    def abstains(self, features: EvidenceFeatures) -> bool:
        """A missing name, or disagreeing retrievers with low support."""
        if features.missing_name:
            return True
        if not features.vector_searched:
            return False  # keyword-only search (or hand-made passages): no agreement to measure
        keyword_low = features.top_keyword_rank < 1 / RULE_AGREEMENT_RANK
        vector_low = 0 < features.top_vector_rank < 1 / RULE_AGREEMENT_RANK
        return (keyword_low or vector_low) and features.support < RULE_MIN_SUPPORT


class NoAbstention:
    """A decision that always answers: what the answer would say, for weighing the answer apart from the
    abstention (assistant fit-answer)."""

    covers_tables = False

    def abstains(self, features: EvidenceFeatures) -> bool:
        return False


Decision = AbstentionModel | RuleAbstention | NoAbstention


@lru_cache(maxsize=1)
def shipped_decision() -> Decision:
    """The fitted model shipped with the package, or the rule fallback when there is none (or it is unreadable)."""
    if not MODEL_FILE.exists():
        return RuleAbstention()
    try:
        return AbstentionModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.error("Abstention model %s unreadable, using the rules: %r", MODEL_FILE, exc)
        return RuleAbstention()
