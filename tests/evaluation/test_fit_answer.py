"""Tests for assistant.evaluation.fit_answer: coordinate ascent over the grid, scored on held-out folds."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.answer_weights import HAND_SET, AnswerWeights
from assistant.evaluation.datasets import GoldQuestion
from assistant.evaluation.fit_answer import AnswerItem, AnswerScorer, Said, cross_validated, fit_weights

BEST_VALUE_BONUS = 0.3
BEST_READ_ON = 1


class _KnownOptimum(AnswerScorer):
    """Recall peaks at value_bonus 0.3 and read_on 1; the items themselves are not answered."""

    def said(self, weights: AnswerWeights, ids) -> list[Said]:
        recall = 1.0 - abs(weights.value_bonus - BEST_VALUE_BONUS) - 0.1 * abs(weights.read_on - BEST_READ_ON)
        return [Said(recall, 500 + 100 * weights.read_on) for _ in ids]


def _items(n: int = 20) -> list[AnswerItem]:
    golds = [GoldQuestion(f"q{i:02d}", f"fråga {i}", "fact", "analyst", "doc.txt", ("x",), ("x",)) for i in range(n)]
    return [AnswerItem(gold, ("x",), None, None) for gold in golds]


def test_coordinate_ascent_finds_the_best_grid_point_and_keeps_the_rest():
    scorer = _KnownOptimum(_items())
    fitted = fit_weights(scorer, [item.gold.id for item in _items()])
    assert fitted.value_bonus == BEST_VALUE_BONUS and fitted.read_on == BEST_READ_ON
    assert replace(fitted, value_bonus=HAND_SET.value_bonus, read_on=HAND_SET.read_on) == HAND_SET


def test_every_fold_is_scored_with_weights_fitted_without_it_beside_the_hand_set_ones():
    report, fitted = cross_validated(_KnownOptimum(_items()), k=5)
    assert len(report.folds) == len(fitted) == 5
    tested = [i for fold in report.folds for i in fold.test_ids]
    assert sorted(tested) == sorted(item.gold.id for item in _items())
    for fold in report.folds:
        assert not set(fold.train_ids) & set(fold.test_ids)
        assert fold.scores["fact_recall"] > fold.scores["hand_set_recall"]
