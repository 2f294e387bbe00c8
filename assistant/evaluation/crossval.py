"""K-fold cross-validation over gold questions or conversations: the tool every fitted constant is reported with.

Folds are by question (or conversation), stratified so each fold holds a like share of every question type
and document: the stratum of a question is "type|doc". A stratum with fewer members than folds is merged
into its type, a type still too small into "other" (and a too small "other" into the largest stratum).
Conversations are stratified by `final_doc`. Items are ordered by id before splitting, so the folds depend
only on the ids, k and the seed (scikit-learn's StratifiedKFold with shuffling).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sklearn.model_selection import StratifiedKFold

from assistant.evaluation.datasets import GoldConversation, GoldQuestion

Item = TypeVar("Item", GoldQuestion, GoldConversation)
Model = TypeVar("Model")
Prediction = TypeVar("Prediction")

OTHER = "other"


@dataclass(frozen=True)
class FoldScore:
    """One fold: the ids fitted on, the ids scored, and the held-out figures."""

    index: int
    train_ids: tuple[str, ...]
    test_ids: tuple[str, ...]
    scores: dict[str, float]


@dataclass(frozen=True)
class CrossValReport:
    """Per-fold held-out figures, their mean and spread, and the k and seed that made the folds."""

    k: int
    seed: int
    folds: tuple[FoldScore, ...]

    @property
    def metrics(self) -> list[str]:
        """Metric names in the order the first fold reported them."""
        names: list[str] = []
        for fold in self.folds:
            names += [name for name in fold.scores if name not in names]
        return names

    @property
    def mean(self) -> dict[str, float]:
        """The unweighted mean over the folds of each metric (folds that lack a metric are left out)."""
        return {m: statistics.fmean(v) for m, v in self._values().items()}

    @property
    def std(self) -> dict[str, float]:
        """The sample standard deviation over the folds of each metric (0 with one fold)."""
        return {m: statistics.stdev(v) if len(v) > 1 else 0.0 for m, v in self._values().items()}

    def _values(self) -> dict[str, list[float]]:
        return {m: [f.scores[m] for f in self.folds if m in f.scores] for m in self.metrics}

    def table(self, digits: int = 3) -> str:
        """The per-fold figures, the mean and the spread as a printable table (Swedish headings)."""
        metrics = self.metrics
        header = ["vikning", "träning", "test", *metrics]
        rows = [[str(f.index + 1), str(len(f.train_ids)), str(len(f.test_ids))] for f in self.folds]
        for row, fold in zip(rows, self.folds):
            row += [_number(fold.scores.get(m), digits) for m in metrics]
        mean, std = self.mean, self.std
        rows.append(["medel", "", "", *(_number(mean.get(m), digits) for m in metrics)])
        rows.append(["std", "", "", *(_number(std.get(m), digits) for m in metrics)])
        widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
        lines = [f"{self.k}-delad korsvalidering, frö {self.seed}"]
        lines += ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in [header, *rows]]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """The report as JSON-ready data."""
        return {
            "k": self.k,
            "seed": self.seed,
            "mean": self.mean,
            "std": self.std,
            "folds": [{"index": f.index, "test_ids": list(f.test_ids), "scores": f.scores} for f in self.folds],
        }


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def stratum_labels(items: Sequence[Item], k: int) -> dict[str, str]:
    """Each item's stratum by id: "type|doc" for a question, `final_doc` for a conversation, merged when small."""
    labels = {item.id: _levels(item) for item in items}
    merged = {item_id: levels[0] for item_id, levels in labels.items()}
    for level in range(1, 3):
        counts = Counter(merged.values())
        for item_id, levels in labels.items():
            if counts[merged[item_id]] < k:
                merged[item_id] = levels[level] if level < len(levels) else OTHER
    counts = Counter(merged.values())
    if 0 < counts[OTHER] < k:
        largest = max(sorted(label for label in counts if label != OTHER), key=counts.__getitem__, default=OTHER)
        merged = {item_id: largest if label == OTHER else label for item_id, label in merged.items()}
    return merged


def _levels(item: GoldQuestion | GoldConversation) -> tuple[str, ...]:
    if isinstance(item, GoldConversation):
        return (f"doc:{item.final_doc}",)
    return (f"{item.type}|{item.doc}", item.type)


def folds(items: Sequence[Item], k: int = 5, seed: int = 0) -> list[tuple[list[str], list[str]]]:
    """k (train ids, test ids) pairs; every item is in exactly one test fold.

    Raises ValueError when ids repeat or k is not between 2 and the number of items.
    """
    ordered = _ordered(items, k)
    labels = stratum_labels(ordered, k)
    ids = [item.id for item in ordered]
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [
        ([ids[i] for i in train], [ids[i] for i in test])
        for train, test in splitter.split(ids, [labels[item_id] for item_id in ids])
    ]


def _ordered(items: Sequence[Item], k: int) -> list[Item]:
    ids = Counter(item.id for item in items)
    repeated = sorted(item_id for item_id, count in ids.items() if count > 1)
    if repeated:
        raise ValueError(f"ids must be unique for cross-validation, repeated: {', '.join(repeated[:5])}")
    if not 2 <= k <= len(items):
        raise ValueError(f"k must be between 2 and the number of items ({len(items)}), got {k}")
    return sorted(items, key=lambda item: item.id)


def cross_validate(
    items: Sequence[Item],
    fit: Callable[[list[Item]], Model],
    score: Callable[[Model, list[Item]], dict[str, float]],
    k: int = 5,
    seed: int = 0,
) -> CrossValReport:
    """Fit on k-1 folds and score on the held-out one, k times; the figure of a fold comes from a model that
    never saw that fold's items.

    `fit(train_items)` returns a model; `score(model, test_items)` returns named figures.
    """
    by_id = {item.id: item for item in items}
    results = []
    for index, (train_ids, test_ids) in enumerate(folds(items, k, seed)):
        model = fit([by_id[i] for i in train_ids])
        scores = {name: float(value) for name, value in score(model, [by_id[i] for i in test_ids]).items()}
        results.append(FoldScore(index, tuple(train_ids), tuple(test_ids), scores))
    return CrossValReport(k, seed, tuple(results))


def held_out_predictions(
    items: Sequence[Item],
    fit: Callable[[list[Item]], Model],
    predict: Callable[[Model, list[Item]], Sequence[Prediction]],
    k: int = 5,
    seed: int = 0,
) -> dict[str, Prediction]:
    """Each item's prediction by a model fitted without its fold (as scikit-learn's cross_val_predict), by id.

    Use it to pool held-out predictions before scoring, e.g. to pick a threshold or draw a calibration curve.
    """
    by_id = {item.id: item for item in items}
    predicted: dict[str, Prediction] = {}
    for train_ids, test_ids in folds(items, k, seed):
        model = fit([by_id[i] for i in train_ids])
        test = [by_id[i] for i in test_ids]
        values = list(predict(model, test))
        if len(values) != len(test):
            raise ValueError(f"predict returned {len(values)} predictions for {len(test)} items")
        predicted.update(zip(test_ids, values))
    return predicted
