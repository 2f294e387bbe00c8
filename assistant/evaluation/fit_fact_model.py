"""Fit the fact model (answer/fact_model.py) on the dev questions, report it with k-fold cross-validation
beside the answer without it, and write the model the assistant ships (assistant/answer/fact_model.json).

Each answerable dev question's evidence is gathered once, as `ask` gathers it; its units are scored by the
hand-set rules, and a unit is a positive example when what it says (its text, and a list's items for the
lead-in that brings them) holds one of the question's gold facts, found as the scoring finds facts (folded
substrings). A logistic regression (standardised features) learns the probability. The probability below which
a unit is left out (`prune_below`) is then the candidate of PRUNE_CANDIDATES whose answers on the training
questions hold the most facts, ties going to the shorter answers (as `assistant fit-answer` fits).

For each held-out fold, from a model fitted without it: the fact recall and median length of the answers
(the abstention decision left out: it is fitted apart, on these answers' drafts), beside the answers
without the model, and how well the probability orders the units (the share of the facts the TOP_UNITS most
probable units say, and the reciprocal rank of the first that says one) beside the hand-set scores. The
conversations are not fitted on; their last turns are the check on answers the model never saw.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.answer.abstention_model import NoAbstention
from assistant.answer.answer_weights import shipped_weights
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.fact_model import FEATURE_NAMES, MODEL_FILE, FactModel, NoFactModel, UnitFactModel, unit_features
from assistant.answer.protocol import Evidence
from assistant.answer.selection import MAX_LIST_ITEMS
from assistant.answer.sentences import SentenceAnswerer
from assistant.answer.units import Unit
from assistant.evaluation.crossval import CrossValReport, cross_validate
from assistant.evaluation.datasets import GoldQuestion
from assistant.evaluation.fit_abstention import Gathered
from assistant.evaluation.scoring import fold, found_facts
from assistant.question import Question

REGULARISATION = 1.0  # scikit-learn's default C; not tuned on the questions
TOP_UNITS = 5  # about as many units as an answer says (answer/selection.py, MAX_UNITS)
# Not tuned on the questions: a spread of probabilities from none left out to most.
PRUNE_CANDIDATES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


@dataclass(frozen=True)
class FactItem:
    """One answerable dev question: its gathered evidence, its units' features and which units state a fact."""

    question: GoldQuestion
    asked: Question
    evidence: Evidence
    features: tuple[tuple[float, ...], ...]
    states: tuple[frozenset[int], ...]  # per unit: the indexes of the gold facts it states
    rule_scores: tuple[float, ...]

    @property
    def id(self) -> str:
        return self.question.id


def collect_items(assistant, questions: Sequence[GoldQuestion], gathered: Gathered | None = None) -> list[FactItem]:
    """The answerable questions with facts, each with its evidence as `ask` gathers it (or as `gathered` holds
    it, by question id) and its scored units (from as many passages as the answer reads)."""
    read = shipped_weights().read_passages
    items = []
    for question in questions:
        if not question.answerable or not question.answer_facts:
            continue
        asked, evidence = gathered[question.id] if gathered else assistant.gather(question.question)
        answerer = SentenceAnswerer(evidence.decompounder, evidence.vocabulary)
        scored = answerer.scored_units(asked, list(evidence.passages[:read]))
        if scored is None:
            continue
        facts = [fold(fact) for fact in question.answer_facts]
        states = []
        for index in range(len(scored.units)):
            text = fold(brought_text(scored.units, index))
            states.append(frozenset(i for i, fact in enumerate(facts) if fact in text))
        items.append(
            FactItem(
                question,
                asked,
                evidence,
                tuple(unit_features(scored.units, asked.kind, evidence.passages[:read])),
                tuple(states),
                tuple(u.score for u in scored.units),
            )
        )
    return items


def brought_text(units: Sequence[Unit], index: int) -> str:
    """What the unit at `index` says when an answer chooses it: its text, and for a unit that introduces a list
    the list's items, which it brings along (answer/selection.py, expand_lists)."""
    unit = units[index]
    parts = [unit.text]
    if unit.introduces_list:
        for item in units[index + 1 : index + 1 + MAX_LIST_ITEMS]:
            if item.passage != unit.passage or not item.bullet:
                break
            parts.append(item.text)
    return " ".join(parts)


class FactModelFitter:
    """Fits the fact model on any subset of the questions, from items collected once (the cross-validation of
    the abstention decision fits one per fold); the same subset is fitted once."""

    def __init__(self, items: Sequence[FactItem]) -> None:
        self.items = {item.id: item for item in items}
        self._fitted: dict[frozenset[str], FactModel] = {}

    def __call__(self, train: Sequence[GoldQuestion]) -> FactModel:
        """The model fitted on the items of `train` (no model when they cannot teach one)."""
        key = frozenset(q.id for q in train if q.id in self.items)
        if key not in self._fitted:
            self._fitted[key] = fit_model([self.items[i] for i in sorted(key)])
        return self._fitted[key]


def fit_model(items: Sequence[FactItem], trained_on: str = "") -> FactModel:
    """The fact model fitted on `items`: the logistic weights, then the probability to leave units out below.
    Without units that state a fact and units that do not, there is nothing to learn: no model."""
    labels = {bool(states) for item in items for states in item.states}
    if len(labels) < 2:
        return NoFactModel()
    weighted = fit_weights(items)
    said = {
        candidate: [answer_recall(item, replace(weighted, prune_below=candidate)) for item in items]
        for candidate in PRUNE_CANDIDATES
    }
    chosen = max(
        PRUNE_CANDIDATES,
        key=lambda c: (statistics.fmean(r for r, _ in said[c]), -statistics.fmean(n for _, n in said[c]), -c),
    )
    return replace(weighted, prune_below=chosen, trained_on=trained_on)


def fit_weights(items: Sequence[FactItem]) -> UnitFactModel:
    """A logistic model over the units of `items`: does the unit say a gold fact (nothing left out yet)."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for item in items for row in item.features], dtype=float)
    y = np.array([bool(states) for item in items for states in item.states], dtype=int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    classifier = LogisticRegression(C=REGULARISATION, max_iter=2000)
    classifier.fit((x - means) / scales, y)
    return UnitFactModel(
        FEATURE_NAMES,
        tuple(float(v) for v in means),
        tuple(float(v) for v in scales),
        tuple(float(w) for w in classifier.coef_[0]),
        float(classifier.intercept_[0]),
    )


def ranking_figures(item: FactItem, scores: Sequence[float]) -> dict[str, float]:
    """How well `scores` order the item's units: the share of its facts the TOP_UNITS best state, and the
    reciprocal rank of the first unit that states one (0 when none does)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    stated = set().union(*(item.states[i] for i in order[:TOP_UNITS]))
    first = next((rank for rank, i in enumerate(order) if item.states[i]), None)
    return {
        "top_units_recall": len(stated) / len(item.question.answer_facts),
        "first_fact_rr": 0.0 if first is None else 1.0 / (1 + first),
    }


def answer_recall(item: FactItem, facts: FactModel) -> tuple[float, int]:
    """The fact recall and length of the answer composed with the fact model, the abstention decision left out."""
    text = ExtractiveAnswerer(decision=NoAbstention(), facts=facts).answer(item.asked, item.evidence).answer
    return len(found_facts(item.question.answer_facts, text)) / len(item.question.answer_facts), len(text)


def probabilities(model: FactModel, item: FactItem) -> list[float]:
    """The model's probability for each of the item's units, from their collected features ([] without one)."""
    if not isinstance(model, UnitFactModel):
        return []
    return model.probabilities_of(item.features)


def cross_validated(items: Sequence[FactItem], k: int = 5, seed: int = 0) -> CrossValReport:
    """Per held-out fold: the answers with the model fitted on the other folds beside those without a model,
    and the model's order of the units beside the hand-set scores'."""
    by_id = {item.id: item for item in items}
    without = NoFactModel()

    def fit(train: list[GoldQuestion]) -> FactModel:
        return fit_model([by_id[q.id] for q in train])

    def score(model: FactModel, test: list[GoldQuestion]) -> dict[str, float]:
        held = [by_id[q.id] for q in test]
        said = [answer_recall(item, model) for item in held]
        said_without = [answer_recall(item, without) for item in held]
        ordered = [ranking_figures(item, probabilities(model, item) or item.rule_scores) for item in held]
        by_rules = [ranking_figures(item, item.rule_scores) for item in held]
        return {
            "fact_recall": statistics.fmean(r for r, _ in said),
            "recall_without": statistics.fmean(r for r, _ in said_without),
            "median_chars": statistics.median(n for _, n in said),
            "median_without": statistics.median(n for _, n in said_without),
            "prune_below": model.prune_below,
            "top_units_recall": statistics.fmean(f["top_units_recall"] for f in ordered),
            "top_units_by_rules": statistics.fmean(f["top_units_recall"] for f in by_rules),
        }

    return cross_validate([item.question for item in items], fit, score, k=k, seed=seed)


def write_model(model: UnitFactModel, path: Path = MODEL_FILE) -> Path:
    """Write the model as the JSON the assistant loads."""
    path.write_text(json.dumps(model.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def fit_and_report(assistant, questions: Sequence[GoldQuestion], write: bool, k: int = 5, seed: int = 0) -> list[str]:
    """Fit on all answerable questions, print the cross-validated figures (per fold and mean) beside the
    answers without the model, and write the shipped model when `write`. Returns the printed lines."""
    items = collect_items(assistant, questions)
    lines = [f"Meningar som lämnas utanför svaret, korsvaliderat på {len(items)} besvarbara frågor (vikningen osedd):"]
    lines += cross_validated(items, k, seed).table().splitlines()
    model = fit_model(items, trained_on=f"{len(items)} answerable dev questions")
    if not isinstance(model, UnitFactModel):
        return [*lines, "Inget att lära: frågorna har inga meningar med och utan efterfrågade fakta."]
    lines.append("Vikter (standardiserade särdrag):")
    lines += [f"  {name:18s} {weight:+.2f}" for name, weight in zip(model.names, model.weights)]
    lines.append(f"  lämnas utanför under {model.prune_below:.2f}")
    if write:
        lines.append(f"Skrev {write_model(model)}")
    return lines
