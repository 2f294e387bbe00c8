"""Fit the abstention decision on the dev questions, report it with k-fold cross-validation, and write the
model the assistant ships (assistant/answer/abstention_model.json).

Each dev question's evidence features come from the same path `Assistant.ask` takes. A logistic regression
(standardised features, classes balanced) learns which evidence means "the documents do not answer"; the
threshold is the probability that keeps the answer rate on answerable questions at `TARGET_ANSWER_RATE`,
read from held-out predictions inside the training folds (the median over a few inner splits) with the
split-conformal count of abstentions (`allowed_abstentions`), so that it holds on questions the fit has not
seen. Every figure
reported for a fold comes from a model fitted without that fold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer.abstention_model import MODEL_FILE, AbstentionModel
from assistant.answer.evidence_features import EvidenceFeatures
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.fact_model import FactModel
from assistant.answer.protocol import Evidence
from assistant.evaluation.crossval import CrossValReport, cross_validate, held_out_predictions
from assistant.evaluation.datasets import GoldQuestion
from assistant.question import Question

TARGET_ANSWER_RATE = 0.95
INNER_FOLDS = 4
INNER_REPEATS = 5  # inner splits whose thresholds the median is taken of; not tuned on the questions
REGULARISATION = 1.0  # scikit-learn's default C; not tuned on the questions
# Features the model does not weigh: whether vectors were searched at all (always, with the default index;
# the rules use it) and whether the question asks for a value — a trait of the question's wording, not of
# the evidence; the model weighs whether the asked value is there (value_missing, value_near_rare_term).
# The coverage of the best unit and of the chosen units, and the two retrievers' ranks of the top passage,
# are left out too: they say again what support and retrievers_agree say, and such twins get weights of
# opposite sign that extrapolate badly.
NOT_WEIGHED = frozenset(
    {"vector_searched", "expects_value", "best_coverage", "answer_coverage", "top_keyword_rank", "top_vector_rank"}
)


@dataclass(frozen=True)
class Example:
    """One dev question's evidence features and whether the documents answer it."""

    question: GoldQuestion
    features: EvidenceFeatures | None

    @property
    def unanswerable(self) -> bool:
        return not self.question.answerable


Gathered = Mapping[str, tuple[Question, Evidence]]
# Fits the fact model (answer/fact_model.py) on some of the questions (evaluation/fit_fact_model.py).
FactFit = Callable[[Sequence[GoldQuestion]], FactModel]


def gather_questions(assistant, questions: Sequence[GoldQuestion]) -> dict[str, tuple[Question, Evidence]]:
    """Each question as the pipeline reads it and its evidence, as `ask` gathers them (no history, no
    filters), by id: gathered once, answered with each fold's models."""
    return {question.id: assistant.gather(question.question) for question in questions}


def collect_examples(
    assistant, questions: Sequence[GoldQuestion], gathered: Gathered | None = None
) -> dict[str, Example]:
    """The evidence features of every question, by id, as `ask` would see them (no history, no filters);
    `gathered` holds the evidence when the caller has gathered it.

    A question that asks two sides (retrieval/comparison.py) is left out: it is decided side by side, on each
    side's evidence, and whether the documents answer one side is not what the gold label says. Only when no
    side can be answered is the question decided whole, on evidence the fit then has not seen."""
    answerer = ExtractiveAnswerer()
    examples = {}
    for question in questions:
        asked, evidence = gathered[question.id] if gathered else assistant.gather(question.question)
        if not evidence.parts:
            examples[question.id] = Example(question, answerer.features(asked, evidence))
    return examples


def fit_model(examples: Sequence[Example], seed: int = 0, trained_on: str = "") -> AbstentionModel:
    """A logistic abstention model over the examples, its threshold set for TARGET_ANSWER_RATE on held-out
    predictions within these examples."""
    usable = [e for e in examples if e.features is not None]
    model = _fit_weights(usable)
    threshold = _threshold(usable, seed)
    return AbstentionModel(model.names, model.means, model.scales, model.weights, model.bias, threshold, trained_on)


def _fit_weights(examples: Sequence[Example]) -> AbstentionModel:
    from sklearn.linear_model import LogisticRegression

    all_names = EvidenceFeatures.names()
    columns = [i for i, name in enumerate(all_names) if name not in NOT_WEIGHED]
    names = tuple(all_names[i] for i in columns)
    x = np.array([[e.features.values()[i] for i in columns] for e in examples], dtype=float)
    y = np.array([e.unanswerable for e in examples], dtype=int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    classifier = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=1000)
    classifier.fit((x - means) / scales, y)
    weights = tuple(float(w) for w in classifier.coef_[0])
    return AbstentionModel(names, tuple(means), tuple(scales), weights, float(classifier.intercept_[0]), 0.5)


def _threshold(examples: Sequence[Example], seed: int) -> float:
    """The median over INNER_REPEATS splits of the threshold each split's held-out predictions give
    (_split_threshold): one split's threshold swings with which few questions its folds hold."""
    return float(np.median([_split_threshold(examples, seed * INNER_REPEATS + r) for r in range(INNER_REPEATS)]))


def _split_threshold(examples: Sequence[Example], seed: int) -> float:
    """The lowest probability at which at most 1 - TARGET_ANSWER_RATE of the answerable questions abstain,
    judged on predictions each made by a model that did not see that question."""
    questions = [e.question for e in examples]
    by_id = {e.question.id: e for e in examples}
    k = min(INNER_FOLDS, sum(1 for e in examples if e.unanswerable))
    if k < 2:
        return 0.5

    def fit(train: list[GoldQuestion]) -> AbstentionModel:
        return _fit_weights([by_id[q.id] for q in train])

    def predict(model: AbstentionModel, test: list[GoldQuestion]) -> list[float]:
        return [model.probability(by_id[q.id].features) for q in test]

    held_out = held_out_predictions(questions, fit, predict, k=k, seed=seed)
    answerable = [i for i in held_out if not by_id[i].unanswerable]
    # Answerable questions that may abstain; those a missing name already abstains count against it.
    allowed = allowed_abstentions(len(answerable), TARGET_ANSWER_RATE)
    allowed -= sum(1 for i in answerable if by_id[i].features.missing_name)
    free = sorted(held_out[i] for i in answerable if not by_id[i].features.missing_name)
    if allowed < 0 or not free:
        return 1.0  # the model may not abstain beyond the names rule
    # Abstain strictly above the (allowed+1)-th highest probability of the answerable ones still answered.
    cut = free[-(allowed + 1)] if allowed < len(free) else 0.0
    return float(min(1.0, np.nextafter(cut, 1.0)))


def allowed_abstentions(answerable: int, answer_rate: float) -> int:
    """How many of `answerable` held-out answerable questions may abstain for a new answerable question to be
    answered with probability at least `answer_rate`: the split-conformal count, floor((n + 1)(1 - rate)) - 1.
    The plain share, floor(n (1 - rate)), puts the threshold at the edge of the sample it is read from, and
    questions it has not seen fall short of the rate (held out, 0.936 answered for 0.95)."""
    return math.floor((answerable + 1) * (1 - answer_rate) + 1e-9) - 1


def decisions(model: AbstentionModel, examples: Sequence[Example]) -> dict[str, bool]:
    """Whether the model abstains on each example (no features: nothing to say, always abstains)."""
    return {e.question.id: e.features is None or model.abstains(e.features) for e in examples}


def abstention_figures(abstains: dict[str, bool], examples: Sequence[Example]) -> dict[str, float]:
    """Abstention rate on the unanswerable and answer rate on the answerable examples."""
    unanswerable = [e for e in examples if e.unanswerable]
    answerable = [e for e in examples if not e.unanswerable]
    figures = {}
    if unanswerable:
        figures["abstains_unanswerable"] = sum(abstains[e.question.id] for e in unanswerable) / len(unanswerable)
    if answerable:
        figures["answers_answerable"] = sum(not abstains[e.question.id] for e in answerable) / len(answerable)
    return figures


def cross_validated(
    examples: dict[str, Example], k: int = 5, seed: int = 0, questions: Sequence[GoldQuestion] | None = None
) -> CrossValReport:
    """Abstention and answer rates per held-out fold, each from a model fitted on the other folds. (The features
    read the units the rules choose, whatever a fact model leaves out of the answer: they need no refitting.)

    The folds are cut from `questions` (by default the examples' own), so that the decision is scored on the
    same folds as the whole answers (cross_validated_answers): a question without an example (one that asks two
    sides) takes its place in a fold and is neither fitted on nor scored."""
    questions = [e.question for e in examples.values()] if questions is None else list(questions)

    def fit(train: list[GoldQuestion]) -> AbstentionModel:
        return fit_model([examples[q.id] for q in train if q.id in examples], seed)

    def score(model: AbstentionModel, test: list[GoldQuestion]) -> dict[str, float]:
        held = [examples[q.id] for q in test if q.id in examples]
        return abstention_figures(decisions(model, held), held)

    return cross_validate(questions, fit, score, k=k, seed=seed)


def write_model(model: AbstentionModel, path: Path = MODEL_FILE) -> Path:
    """Write the model as the JSON the assistant loads."""
    path.write_text(json.dumps(model.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def cross_validated_answers(
    assistant,
    questions: Sequence[GoldQuestion],
    k: int = 5,
    seed: int = 0,
    examples: dict[str, Example] | None = None,
    fit_facts: FactFit | None = None,
    gathered: Gathered | None = None,
) -> dict:
    """Each question answered as `ask` would, but with the models of the fold that held it out, by id: the
    abstention model, and with `fit_facts` the fact model too. `examples` are the questions' collected features
    and `gathered` their evidence, when the caller has them. The answer figures of these answers are the
    cross-validated ones the README reports."""
    gathered = gather_questions(assistant, questions) if gathered is None else gathered
    examples = collect_examples(assistant, questions, gathered) if examples is None else examples

    def fit(train: list[GoldQuestion]) -> tuple[AbstentionModel, FactModel | None]:
        facts = fit_facts(train) if fit_facts else None
        return fit_model([examples[q.id] for q in train if q.id in examples], seed), facts

    def predict(fitted: tuple[AbstentionModel, FactModel | None], test: list[GoldQuestion]) -> list:
        decision, facts = fitted
        answerer = ExtractiveAnswerer(decision=decision, facts=facts)
        return [answerer.answer(*gathered[q.id]) for q in test]

    return held_out_predictions(list(questions), fit, predict, k=k, seed=seed)


def fit_and_report(assistant, questions: Sequence[GoldQuestion], write: bool, k: int = 5, seed: int = 0) -> list[str]:
    """Fit on all the questions, print the cross-validated figures (per fold and mean, the decision alone and
    the whole answers of each set), and write the shipped model when `write`. Returns the printed lines."""
    from assistant.answer.fact_model import UnitFactModel, shipped_fact_model
    from assistant.evaluation.fit_fact_model import FactModelFitter, collect_items
    from assistant.evaluation.scoring import score_answers

    gathered = gather_questions(assistant, questions)
    examples = collect_examples(assistant, questions, gathered)
    # With a shipped fact model, each fold's answers leave units out by a fact model fitted on its training
    # questions: the fold's answers then owe nothing to its gold facts.
    fit_facts = None
    if isinstance(shipped_fact_model(), UnitFactModel):
        fit_facts = FactModelFitter(collect_items(assistant, questions, gathered))
    lines = ["Avstå eller svara, korsvaliderat (modellerna för varje vikning har inte sett den):"]
    reports = [cross_validated(examples, k, seed + offset, questions) for offset in range(REPORT_SEEDS)]
    lines += reports[0].table().splitlines()
    lines.append(_over_seeds(reports))
    if fit_facts:
        lines.append("(svaren lämnar utanför meningar efter en faktamodell anpassad på vikningens träningsfrågor)")
    by_set: dict[str, list[GoldQuestion]] = {}
    for question in questions:
        by_set.setdefault(_set_name(question), []).append(question)
    figures: dict[str, list[dict]] = {name: [] for name in by_set}
    for offset in range(REPORT_SEEDS):
        answers = cross_validated_answers(assistant, questions, k, seed + offset, examples, fit_facts, gathered)
        for name, members in by_set.items():
            lookup = {q.question: answers[q.id] for q in members}
            figures[name].append(score_answers(members, lookup.__getitem__)["overall"])
    last = seed + REPORT_SEEDS - 1
    lines.append(f"Svaren med varje vikningens modell (frö {seed}, och medel över frö {seed}–{last}):")
    for name, runs in figures.items():
        n = len(by_set[name])
        lines.append(f"  {name:12s} n={n:3d}  " + _answer_figures(runs[0]))
        lines.append(f"  {'':12s} {'medel':>6s}  " + _answer_figures(_mean_figures(runs)))
    trained_on = f"{len(examples)} dev questions (of {len(questions)}; those asking two sides left out), seed {seed}"
    model = fit_model(list(examples.values()), seed, trained_on=trained_on)
    lines.append("Vikter (standardiserade särdrag):")
    lines += [f"  {name:22s} {weight:+.2f}" for name, weight in zip(model.names, model.weights)]
    lines.append(f"  tröskel {model.threshold:.3f}")
    if write:
        lines.append(f"Skrev {write_model(model)}")
    return lines


REPORT_SEEDS = 5  # the means are also shown over this many fold splits: one split's figure swings


def _answer_figures(overall: dict) -> str:
    shown = {key: overall.get(key) for key in _ANSWER_FIGURES if overall.get(key) is not None}
    return "  ".join(f"{key}={value}" for key, value in shown.items())


def _mean_figures(runs: Sequence[dict]) -> dict:
    """Each answer figure's mean over the runs of different fold splits."""
    means = {}
    for key in _ANSWER_FIGURES:
        values = [run[key] for run in runs if run.get(key) is not None]
        if values:
            means[key] = round(float(np.mean(values)), 3 if key != "median_chars" else 1)
    return means


def _over_seeds(reports: Sequence[CrossValReport]) -> str:
    """The decision's cross-validated mean rates over the reports of different fold splits, with their range."""
    runs = [report.mean for report in reports]
    parts = []
    for key in ("abstains_unanswerable", "answers_answerable"):
        values = [run[key] for run in runs if key in run]
        if values:
            parts.append(f"{key} {np.mean(values):.3f} ({min(values):.3f}–{max(values):.3f})")
    seeds = f"{reports[0].seed}–{reports[-1].seed}"
    return f"  över {len(reports)} uppdelningar (frö {seeds}): " + ", ".join(parts)


_ANSWER_FIGURES = ("cited_evidence", "fact_recall", "answer_rate", "abstention", "median_chars")


def _set_name(question: GoldQuestion) -> str:
    return "dev (36)" if question.id.startswith("d-") else "dev_more"
