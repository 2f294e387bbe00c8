"""Tests for assistant.evaluation.fit_abstention: the fitted decision on synthetic evidence."""

from __future__ import annotations

import random
from dataclasses import replace

from assistant.answer.evidence_features import EvidenceFeatures
from assistant.evaluation.datasets import GoldQuestion
from assistant.evaluation.fit_abstention import (
    TARGET_ANSWER_RATE,
    Example,
    abstention_figures,
    allowed_abstentions,
    cross_validated,
    decisions,
    fit_model,
)

NEUTRAL = EvidenceFeatures(*([0.0] * len(EvidenceFeatures.names())))


def _examples(n_answerable: int = 80, n_unanswerable: int = 20, seed: int = 1) -> dict[str, Example]:
    rng = random.Random(seed)
    examples = {}
    for i in range(n_answerable + n_unanswerable):
        unanswerable = i >= n_answerable
        qid = f"q{i:03d}"
        question = GoldQuestion(
            qid,
            f"fråga {i}",
            "unanswerable" if unanswerable else "fact",
            "analyst",
            None if unanswerable else "doc.txt",
            () if unanswerable else ("x",),
            () if unanswerable else ("x",),
        )
        # Unanswerable questions have lower support, with overlap: the classes are separable only in part.
        support = rng.gauss(0.35 if unanswerable else 0.75, 0.15)
        examples[qid] = Example(question, replace(NEUTRAL, support=support, answer_coverage=rng.random()))
    return examples


def test_the_fitted_model_abstains_on_weak_evidence_and_keeps_the_answer_rate():
    examples = list(_examples().values())
    model = fit_model(examples)
    figures = abstention_figures(decisions(model, examples), examples)
    assert figures["answers_answerable"] >= TARGET_ANSWER_RATE - 0.05
    assert figures["abstains_unanswerable"] > 0.3
    weights = dict(zip(model.names, model.weights))
    assert weights["support"] < 0  # more support, fewer abstentions


def test_cross_validation_reports_every_fold_from_held_out_models():
    report = cross_validated(_examples(), k=5)
    assert len(report.folds) == 5
    tested = [i for fold in report.folds for i in fold.test_ids]
    assert len(tested) == len(set(tested)) == 100
    assert 0.0 <= report.mean["abstains_unanswerable"] <= 1.0


def test_the_decision_is_scored_on_the_folds_of_all_the_questions_the_answers_are_folded_over():
    from assistant.evaluation.crossval import cross_validate

    examples = _examples()
    two_sided = [
        GoldQuestion(f"m{i}", f"jämför {i}", "multi_doc", "analyst", "doc.txt", ("x",), ("x",)) for i in range(6)
    ]
    questions = [e.question for e in examples.values()] + two_sided
    report = cross_validated(examples, k=5, questions=questions)
    answers_folds = cross_validate(questions, lambda train: None, lambda model, test: {}, k=5)
    assert [f.test_ids for f in report.folds] == [f.test_ids for f in answers_folds.folds]
    # The questions without an example are in the folds but neither fitted on nor scored.
    own = cross_validated(examples, k=5)
    assert [f.test_ids for f in own.folds] != [f.test_ids for f in report.folds]
    assert 0.0 <= report.mean["abstains_unanswerable"] <= 1.0


def test_noise_features_do_not_look_predictive_when_held_out():
    rng = random.Random(3)
    examples = _examples()
    noisy = {
        i: replace(e, features=replace(NEUTRAL, answer_coverage=rng.random(), support=rng.random()))
        for i, e in examples.items()
    }
    report = cross_validated(noisy, k=5)
    # With no signal, held-out abstention on unanswerable questions stays near the allowed false-abstain rate.
    assert report.mean["abstains_unanswerable"] < 0.35


def test_a_question_asking_two_sides_is_left_out_of_the_fit_but_still_answered():
    from assistant.answer.protocol import Evidence, EvidencePart
    from assistant.evaluation.fit_abstention import collect_examples, cross_validated_answers
    from assistant.models import Passage
    from assistant.question import understand
    from assistant.retrieval.filters import SearchFilters

    passage = Passage("c1", "d", "Titel", "Avsnitt", "Mobila team arbetar i hemmen dygnet runt.", 1, 1.0)

    class Gathering:
        def gather(self, text):
            parts = ()
            if "jämfört" in text:
                side = EvidencePart("Sörmland", understand("mobila team"), (passage,), SearchFilters())
                parts = (side, side)
            return understand(text), Evidence((passage,), parts=parts)

    examples = _examples(16, 4)
    questions = [e.question for e in examples.values()]
    questions[0] = replace(questions[0], question="Hur arbetar mobila team i Sörmland jämfört med Dalarna?")
    collected = collect_examples(Gathering(), questions)
    assert questions[0].id not in collected and len(collected) == len(questions) - 1
    answers = cross_validated_answers(Gathering(), questions, k=2)
    assert set(answers) == {q.id for q in questions}


def test_the_decision_is_also_reported_over_several_fold_splits(monkeypatch):
    import re

    import assistant.evaluation.fit_abstention as fit_abstention

    monkeypatch.setattr(fit_abstention, "INNER_REPEATS", 1)  # fewer fits: the test checks the report, not the fit
    examples = _examples()
    line = fit_abstention._over_seeds([cross_validated(examples, 5, seed) for seed in range(3)])
    means = [cross_validated(examples, 5, seed).mean["abstains_unanswerable"] for seed in range(3)]
    shown = re.search(r"abstains_unanswerable (\d\.\d{3}) \((\d\.\d{3})–(\d\.\d{3})\)", line)
    assert shown and "3 uppdelningar" in line
    assert float(shown.group(1)) == round(sum(means) / len(means), 3)
    assert (float(shown.group(2)), float(shown.group(3))) == (round(min(means), 3), round(max(means), 3))


def test_with_a_fact_model_each_fold_fits_its_own_on_its_training_questions_alone():
    from assistant.answer.fact_model import NoFactModel
    from assistant.answer.protocol import Evidence
    from assistant.evaluation.crossval import folds
    from assistant.evaluation.fit_abstention import cross_validated_answers
    from assistant.models import Passage
    from assistant.question import understand

    passage = Passage("c1", "d", "Titel", "Avsnitt", "Mobila team arbetar i hemmen dygnet runt.", 1, 1.0)

    class Gathering:
        def gather(self, text):
            return understand(text), Evidence((passage,))

    fitted_on: list[set[str]] = []

    def fit_facts(train):
        fitted_on.append({q.id for q in train})
        return NoFactModel()

    questions = [e.question for e in _examples(16, 4).values()]
    answers = cross_validated_answers(Gathering(), questions, k=2, fit_facts=fit_facts)
    assert set(answers) == {q.id for q in questions}
    assert fitted_on == [set(train) for train, _ in folds(questions, 2, 0)]


def test_the_abstentions_allowed_among_held_out_answerable_questions_are_the_conformal_count():
    # n - ceil((n + 1) * 0.95) of n held-out answerable questions: 4 of 100, not the plain share's 5.
    assert [allowed_abstentions(n, 0.95) for n in (19, 20, 99, 100, 120)] == [0, 0, 4, 4, 5]
    assert allowed_abstentions(100, 0.9) == 9
