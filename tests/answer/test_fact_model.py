"""Tests for assistant.answer.fact_model: unit features, the fitted model's probabilities, the shipped file and
the units it keeps out of an answer."""

from __future__ import annotations

import json
import logging

import pytest

import assistant.answer.fact_model as fact_model
from assistant.answer.abstention_model import NoAbstention
from assistant.answer.fact_model import FEATURE_NAMES, NoFactModel, UnitFactModel, unit_features
from assistant.answer.selection import select_units
from assistant.answer.sentences import SentenceAnswerer
from assistant.answer.units import Unit, UnitSignals
from assistant.models import Passage


def _unit(text: str, position: int, score: float, hit: float, passage: int = 0) -> Unit:
    unit = Unit(text, passage, position, frozenset(text.lower().split()), score=score)
    unit.signals = UnitSignals(hit=hit, rule_score=score)
    return unit


def _passage(index: int = 0, ranks: dict[str, int] | None = None) -> Passage:
    return Passage(f"c{index}", "d", "Titel", "Avsnitt", "…", None, 1.0, ranks=ranks or {})


def _model_on(feature: str, weight: float = 4.0, prune_below: float = 0.0) -> UnitFactModel:
    """A model that weighs one feature alone (standardised around 0.5)."""
    weights = tuple(weight if name == feature else 0.0 for name in FEATURE_NAMES)
    return UnitFactModel(
        FEATURE_NAMES, (0.5,) * len(FEATURE_NAMES), (1.0,) * len(FEATURE_NAMES), weights, 0.0, prune_below
    )


def test_every_unit_gets_one_value_per_feature_some_relative_to_the_best():
    units = [_unit("Den bästa meningen.", 0, 1.0, 0.8), _unit("En sämre mening med 12 personer.", 1, 0.5, 0.4)]
    rows = unit_features(units, "numeric", [_passage(ranks={"keyword": 2, "vector": 1})])
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    named = [dict(zip(FEATURE_NAMES, row)) for row in rows]
    assert named[0]["hit_of_best"] == 1.0 and named[1]["hit_of_best"] == 0.5
    assert named[0]["rule_gap"] == 0.0 and named[1]["rule_gap"] == -0.5
    assert named[1]["numeric_number"] == 1.0 and named[0]["numeric_number"] == 0.0
    assert named[1]["best_passage"] == 1.0 and named[1]["after_best"] == 1.0
    assert named[0]["keyword_rank"] == 0.5 and named[0]["vector_rank"] == 1.0


def test_the_probability_rises_with_a_weighed_feature_and_is_set_on_the_units():
    units = [_unit("Mycket träff.", 0, 1.0, 0.9), _unit("Lite träff.", 1, 0.2, 0.1)]
    model = _model_on("hit")
    model.estimate(units, "fact", [_passage()])
    assert units[0].fact_probability > 0.5 > units[1].fact_probability


def test_no_model_leaves_the_units_without_a_probability():
    units = [_unit("En mening.", 0, 1.0, 0.9)]
    NoFactModel().estimate(units, "fact", [_passage()])
    assert units[0].fact_probability is None and NoFactModel.prune_below == 0.0


def test_selection_leaves_out_unlikely_units_but_never_the_best_or_what_is_read_on_after_it():
    units = [
        _unit("Den bästa meningen om frågan.", 0, 1.0, 0.9),
        _unit("Meningen efter den bästa.", 1, 0.9, 0.1),
        _unit("En annan passages mening med svaret.", 0, 0.95, 0.8, passage=1),
        _unit("En annan passages utfyllnad.", 1, 0.94, 0.1, passage=1),
    ]
    for unit, probability in zip(units, (0.01, 0.01, 0.6, 0.02)):
        unit.fact_probability = probability
    ranked = sorted(units, key=lambda u: -u.score)
    kept = select_units(ranked, "fact", [_passage(0), _passage(1)], units, prune_below=0.1)
    assert [u.text for u in kept] == [units[0].text, units[1].text, units[2].text]
    everything = select_units(ranked, "fact", [_passage(0), _passage(1)], units)
    assert units[3] in everything


def test_the_abstention_features_read_the_rules_choice_whatever_the_model_leaves_out():
    passages = [
        Passage("c0", "d", "Titel", "Nätverket", "Nätverket träffas varje månad. Nätverket har 25 deltagare.", 1, 1.0)
    ]
    question = SentenceAnswerer().question("Hur många deltagare har nätverket och hur ofta träffas det?")
    keeps_all = SentenceAnswerer(facts=NoFactModel())
    prunes_all = SentenceAnswerer(facts=_model_on("hit", weight=0.0, prune_below=0.9))  # every unit at p = 0.5
    plain, pruned = keeps_all.draft(question, passages), prunes_all.draft(question, passages)
    assert plain.features(False, None) == pruned.features(False, None)
    assert len(pruned.said) < len(plain.chosen)
    answer = prunes_all.answer(question, passages, decision=NoAbstention())
    assert answer.answer.count("[1]") == len(pruned.said)


def test_the_model_round_trips_through_json_and_rejects_unknown_features():
    model = _model_on("hit", prune_below=0.1)
    assert UnitFactModel.from_json(json.loads(json.dumps(model.to_json()))) == model
    broken = model.to_json() | {"names": [*FEATURE_NAMES[:-1], "no_such_feature"]}
    with pytest.raises(ValueError, match="no_such_feature"):
        UnitFactModel.from_json(broken)


def test_a_missing_or_unreadable_file_means_no_model(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(fact_model, "MODEL_FILE", tmp_path / "missing.json")
    fact_model.shipped_fact_model.cache_clear()
    try:
        assert isinstance(fact_model.shipped_fact_model(), NoFactModel)
        broken = tmp_path / "broken.json"
        broken.write_text("{not json", encoding="utf-8")
        monkeypatch.setattr(fact_model, "MODEL_FILE", broken)
        fact_model.shipped_fact_model.cache_clear()
        with caplog.at_level(logging.WARNING):
            assert isinstance(fact_model.shipped_fact_model(), NoFactModel)
        assert "Unreadable fact model" in caplog.text
    finally:
        fact_model.shipped_fact_model.cache_clear()


def test_the_shipped_model_if_any_loads_and_weighs_known_features():
    shipped = fact_model.shipped_fact_model()
    if fact_model.MODEL_FILE.exists():
        assert isinstance(shipped, UnitFactModel)
        assert set(shipped.names) <= set(FEATURE_NAMES) and 0.0 <= shipped.prune_below < 1.0
    else:
        assert isinstance(shipped, NoFactModel)
