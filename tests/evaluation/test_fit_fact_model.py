"""Tests for assistant.evaluation.fit_fact_model: labels from the gold facts, the fit, and held-out folds."""

from __future__ import annotations

from assistant.answer.fact_model import NoFactModel, UnitFactModel
from assistant.answer.protocol import Evidence
from assistant.answer.units import Unit
from assistant.evaluation.datasets import GoldQuestion
from assistant.evaluation.fit_fact_model import (
    PRUNE_CANDIDATES,
    FactModelFitter,
    brought_text,
    collect_items,
    cross_validated,
    fit_model,
)
from assistant.evaluation.fit_fact_model import probabilities as unit_probabilities
from assistant.models import Passage
from assistant.question import understand

TOPICS = ["nätverket", "styrgruppen", "arbetsgruppen", "projektet", "enheten", "rådet"]


def _passage(topic: str, index: int) -> Passage:
    text = (
        f"Om {topic} finns mycket att säga i rapporten. "
        f"{topic.capitalize()} har {10 + index} deltagare från kommunerna. "
        f"Rapporten nämner {topic} flera gånger i olika avsnitt. "
        f"Läs mer om {topic} och annat i bilagorna."
    )
    return Passage(f"c{index}", f"doc-{index}", "Titel", topic.capitalize(), text, 1, 1.0)


class _Gathering:
    """Each question's evidence: the passage on its topic first, then the others."""

    def __init__(self) -> None:
        self.passages = {topic: _passage(topic, i) for i, topic in enumerate(TOPICS)}

    def gather(self, text: str):
        topic = next(t for t in TOPICS if t in text)
        ordered = [self.passages[topic], *(p for t, p in self.passages.items() if t != topic)]
        return understand(text), Evidence(tuple(ordered))


def _questions(facts: bool = True) -> list[GoldQuestion]:
    questions = []
    for round_ in range(2):
        for i, topic in enumerate(TOPICS):
            fact = f"{10 + i} deltagare" if facts else "står inte någonstans"
            questions.append(
                GoldQuestion(
                    f"q{round_}{i}", f"Hur många deltagare har {topic}?", "numeric", "analyst", "doc", (fact,), (fact,)
                )
            )
    return questions


def test_a_unit_is_labelled_by_the_gold_facts_it_says():
    items = collect_items(_Gathering(), _questions())
    assert len(items) == len(_questions())
    for item in items:
        stating = [i for i, states in enumerate(item.states) if states]
        assert len(stating) == 1  # the sentence with the count in the asked topic's passage
        assert len(item.features) == len(item.states) == len(item.rule_scores)


def test_a_lead_in_says_the_items_it_brings():
    units = [
        Unit("Målbilden har tre målområden:", 0, 0, frozenset(), introduces_list=True),
        Unit("Tillsammans", 0, 1, frozenset(), bullet=True),
        Unit("Nära", 0, 2, frozenset(), bullet=True),
        Unit("En mening efter listan.", 0, 3, frozenset()),
    ]
    assert brought_text(units, 0) == "Målbilden har tre målområden: Tillsammans Nära"
    assert brought_text(units, 3) == "En mening efter listan."


def test_the_fit_learns_which_units_say_facts_and_picks_a_candidate_probability():
    items = collect_items(_Gathering(), _questions())
    model = fit_model(items)
    assert isinstance(model, UnitFactModel) and model.prune_below in PRUNE_CANDIDATES
    for item in items:
        probabilities = unit_probabilities(model, item)
        stating = next(i for i, states in enumerate(item.states) if states)
        assert probabilities[stating] == max(probabilities)


def test_without_both_kinds_of_unit_there_is_no_model():
    items = collect_items(_Gathering(), _questions(facts=False))
    assert isinstance(fit_model(items), NoFactModel)
    assert isinstance(FactModelFitter(items)(_questions(facts=False)), NoFactModel)


def test_every_fold_is_scored_by_a_model_that_did_not_see_it():
    items = collect_items(_Gathering(), _questions())
    seen: list[set[str]] = []
    fitter = FactModelFitter(items)
    report = cross_validated(items, k=3)
    assert len(report.folds) == 3
    for fold in report.folds:
        assert not set(fold.train_ids) & set(fold.test_ids)
        assert {"fact_recall", "recall_without", "median_chars", "prune_below"} <= set(fold.scores)
        seen.append(set(fold.train_ids))
    # The fitter fits each training set once and hands the same model back.
    first = [q for q in _questions() if q.id in seen[0]]
    assert fitter(first) is fitter(list(reversed(first)))
