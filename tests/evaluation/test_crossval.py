"""Cross-validation: folds by question, stratified by type and document, and held-out figures that are honest."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from assistant.evaluation.crossval import cross_validate, folds, held_out_predictions, stratum_labels
from assistant.evaluation.datasets import GoldConversation, GoldQuestion, dev_sets


def _question(n: int, kind: str = "fact", doc: str | None = "a.txt") -> GoldQuestion:
    return GoldQuestion(f"q{n:03d}", f"fråga {n}?", kind, "analyst", doc, ("e",), ("f",))


def _synthetic(count: int = 200) -> list[GoldQuestion]:
    kinds, docs = ("fact", "list", "numeric", "definition"), ("a.txt", "b.txt", "c.txt")
    return [_question(n, kinds[n % 4], docs[n % 3]) for n in range(count)]


def test_every_question_is_in_exactly_one_test_fold():
    questions = _synthetic(103)
    split = folds(questions, k=5, seed=0)
    assert len(split) == 5
    tested = Counter(i for _, test in split for i in test)
    assert set(tested) == {q.id for q in questions} and set(tested.values()) == {1}
    for train, test in split:
        assert not set(train) & set(test) and len(train) + len(test) == 103


def test_folds_depend_on_ids_and_seed_only():
    questions = _synthetic(60)
    shuffled = random.Random(1).sample(questions, len(questions))
    assert folds(questions, seed=3) == folds(shuffled, seed=3)
    assert folds(questions, seed=3) != folds(questions, seed=4)


def test_each_stratum_is_spread_over_the_folds():
    questions = [_question(n, "fact", "a.txt") for n in range(10)] + [
        _question(n, "list", "b.txt") for n in range(10, 60)
    ]
    for _, test in folds(questions, k=5):
        assert sum(1 for i in test if int(i[1:]) < 10) == 2  # 10 "fact|a.txt" over 5 folds


def test_small_strata_merge_into_their_type_then_other():
    questions = (
        [_question(n, "fact", "a.txt") for n in range(5)]  # big enough on its own
        + [_question(n, "fact", "b.txt") for n in range(5, 8)]  # 3 + 2 of type fact: merged into "fact"
        + [_question(n, "fact", "c.txt") for n in range(8, 10)]
        + [_question(n, "list", "a.txt") for n in range(10, 13)]  # 3 list + 2 numeric: too few per type
        + [_question(n, "numeric", "a.txt") for n in range(13, 15)]
    )
    labels = stratum_labels(questions, k=5)
    assert Counter(labels.values()) == {"fact|a.txt": 5, "fact": 5, "other": 5}
    assert labels["q010"] == labels["q013"] == "other"


def test_a_too_small_other_joins_the_largest_stratum():
    questions = [_question(n, "fact", "a.txt") for n in range(8)] + [_question(8, "list", "b.txt")]
    assert set(stratum_labels(questions, k=5).values()) == {"fact|a.txt"}


def test_conversations_are_stratified_by_their_final_document():
    conversations = [
        GoldConversation(f"c{n:02d}", ("a?", "b?"), ("x.txt", "y.txt", "z.txt")[n % 3] if n < 20 else "w.txt", (), ())
        for n in range(22)
    ]
    labels = stratum_labels(conversations, k=5)
    assert labels["c00"] == "doc:x.txt" and labels["c20"] == labels["c21"] == "doc:x.txt"  # w.txt: 2 < 5
    assert Counter(i for _, test in folds(conversations, k=5) for i in test) == {c.id: 1 for c in conversations}


def test_a_memorising_fit_scores_chance_on_held_out_folds():
    rng = random.Random(7)
    questions = _synthetic(200)
    label = {q.id: rng.random() < 0.5 for q in questions}  # noise: nothing to learn
    seen_by_fit = []

    def fit(train):
        seen_by_fit.append({q.id for q in train})
        return {q.id: label[q.id] for q in train}

    def accuracy(memory, items):
        return {"accuracy": sum(memory.get(q.id, False) == label[q.id] for q in items) / len(items)}

    report = cross_validate(questions, fit, accuracy, k=5, seed=0)
    for fold, seen in zip(report.folds, seen_by_fit):
        assert not seen & set(fold.test_ids)
    assert accuracy(fit(questions), questions)["accuracy"] == 1.0  # what a leak would report
    assert 0.35 < report.mean["accuracy"] < 0.65
    assert len(report.folds) == 5 and report.mean["accuracy"] == pytest.approx(
        sum(f.scores["accuracy"] for f in report.folds) / 5
    )


def test_the_report_prints_every_fold_and_the_mean():
    report = cross_validate(
        _synthetic(50), lambda train: len(train), lambda n, test: {"n_train": n, "n_test": len(test)}
    )
    table = report.table()
    lines = table.splitlines()
    assert lines[0] == "5-delad korsvalidering, frö 0"
    assert lines[1].split() == ["vikning", "träning", "test", "n_train", "n_test"]
    assert [line.split()[0] for line in lines[2:]] == ["1", "2", "3", "4", "5", "medel", "std"]
    assert lines[-2].split() == ["medel", "40.000", "10.000"]
    assert report.to_dict()["mean"] == {"n_train": 40.0, "n_test": 10.0}


def test_held_out_predictions_come_from_a_model_without_the_item():
    questions = _synthetic(40)
    predicted = held_out_predictions(
        questions, lambda train: {q.id for q in train}, lambda seen, test: [q.id in seen for q in test]
    )
    assert set(predicted) == {q.id for q in questions} and not any(predicted.values())


def test_bad_arguments_fail_early():
    with pytest.raises(ValueError, match="unique"):
        folds([_question(1), _question(1)] + [_question(n) for n in range(2, 10)])
    with pytest.raises(ValueError, match="between 2"):
        folds(_synthetic(4), k=5)


def test_the_dev_questions_split_into_five_stratified_folds():
    questions = [q for s in dev_sets() if s.kind == "questions" for q in s.load()]
    split = folds(questions, k=5, seed=0)
    assert sorted(i for _, test in split for i in test) == sorted(q.id for q in questions)
    unanswerable = {q.id for q in questions if q.type == "unanswerable"}
    assert all(4 <= len(unanswerable & set(test)) <= 5 for _, test in split)  # 23 over 5 folds
