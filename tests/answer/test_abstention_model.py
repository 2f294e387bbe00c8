"""Tests for assistant.answer.abstention_model: the shipped fitted model and the rule fallback."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from assistant.answer.abstention_model import MODEL_FILE, AbstentionModel, RuleAbstention, shipped_decision
from assistant.answer.evidence_features import EvidenceFeatures, expected_value, has_value

NEUTRAL = EvidenceFeatures(*([0.0] * len(EvidenceFeatures.names())))


def test_the_shipped_model_is_fitted_and_reads_only_existing_features():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = AbstentionModel.from_json(data)
    assert isinstance(shipped_decision(), AbstentionModel)
    assert set(model.names) <= set(EvidenceFeatures.names())
    assert 0.0 < model.threshold < 1.0 and any(model.weights)
    assert "dev questions" in model.trained_on


def test_a_name_no_passage_mentions_always_abstains():
    model = AbstentionModel(("support",), (0.0,), (1.0,), (-5.0,), -5.0, 0.9)
    assert not model.abstains(replace(NEUTRAL, support=1.0))
    assert model.abstains(replace(NEUTRAL, support=1.0, missing_name=1.0))


def test_probability_follows_the_weights():
    model = AbstentionModel(("value_missing",), (0.5,), (0.5,), (2.0,), 0.0, 0.5)
    assert model.probability(replace(NEUTRAL, value_missing=1.0)) > 0.5 > model.probability(NEUTRAL)


def test_a_model_naming_an_unknown_feature_is_refused():
    with pytest.raises(ValueError):
        AbstentionModel.from_json(
            {"names": ["nosuch"], "means": [0], "scales": [1], "weights": [1], "bias": 0, "threshold": 0.5}
        )


def test_rules_abstain_on_disagreement_with_low_support_only_when_vectors_were_searched():
    rules = RuleAbstention()
    weak = replace(NEUTRAL, support=0.3, top_keyword_rank=1 / 20, top_vector_rank=1.0, vector_searched=1.0)
    assert rules.abstains(weak)
    assert not rules.abstains(replace(weak, support=0.9))
    assert not rules.abstains(replace(weak, top_keyword_rank=1.0))
    assert not rules.abstains(replace(weak, vector_searched=0.0, top_vector_rank=0.0))


def test_the_kind_of_value_asked_for_and_found():
    assert expected_value("Hur mycket kostade projektet?") == "money"
    assert expected_value("Vilken summa fick satsningen?") == expected_value("Hur stort anslag gavs?") == "money"
    assert expected_value("Give a summary of the mobile teams") == expected_value("Summarize the färdplan") == ""
    assert expected_value("Hur stor andel har en fast läkarkontakt?") == "percent"
    assert expected_value("Hur många deltog?") == "count"
    assert expected_value("Vem leder nätverket?") == "person"
    assert expected_value("Vad är ett fokusområde?") == ""
    assert has_value("money", "Budgeten var 2,5 miljoner kronor.") and not has_value("money", "Budgeten ökade.")
    assert has_value("percent", "84 procent") and not has_value("percent", "84 personer")
    assert not has_value("money", "Kostnaden i kronor per invånare ökade.")  # the unit alone is no amount


def test_a_count_is_a_number_that_is_no_year_and_no_article():
    assert has_value("count", "I nätverket ingår 25 personer.")
    assert has_value("count", "Tre kommuner deltog.")
    assert not has_value("count", "Under 2022 startade en studie.")  # a year and the article "en"
    assert not has_value("count", "Andelen var 84 % och 61 procent.")  # shares, not counts


def test_a_question_for_a_date_wants_the_day():
    assert expected_value("Vilket datum skickades dokumentet?") == "day"
    assert expected_value("När startade satsningen?") == "date"
    assert has_value("day", "Dokumentet skickades den 14 mars 2023.")
    assert has_value("day", "Beslutet togs 2023-03-14.") and has_value("day", "Mötet hölls 21/9.")
    assert not has_value("day", "Dokumentet skickades i mars 2023.")
    assert has_value("date", "Satsningen startade hösten 2024.")


def test_the_value_coverage_gap_is_what_the_best_unit_holding_the_asked_value_covers_less():
    from assistant.answer.evidence_features import value_coverage_gap
    from assistant.answer.units import Unit

    def unit(text: str, coverage: float) -> Unit:
        return Unit(text, 0, 0, frozenset(), coverage=coverage)

    about_it = unit("DepActive-studien undersöker fysisk aktivitet vid depression.", 0.8)
    a_number_elsewhere = unit("I nätverket ingår 25 personer.", 0.2)
    assert value_coverage_gap("count", [about_it, a_number_elsewhere], 0.8) == pytest.approx(0.6)
    assert value_coverage_gap("count", [about_it], 0.8) == pytest.approx(0.8)  # no unit holds a count
    answered = unit("I DepActive-studien ingår 300 deltagare.", 0.8)
    assert value_coverage_gap("count", [about_it, answered], 0.8) == 0.0
    assert value_coverage_gap("", [about_it], 0.8) == 0.0  # the question asks for no value


def test_a_time_told_relative_to_something_answers_when():
    assert has_value("date", "Sjuksköterskan gör en vårdplanering inom tre dagar efter beslutet.")
    assert has_value("date", "Enhetschefen följer upp hemsjukvården varje kvartal.")
    assert has_value("date", "Rådet träffas två gånger per år.") and has_value("date", "Planen följs upp årligen.")
    assert not has_value("date", "Vården ges i hemmet av distriktssköterskor.")


def test_without_a_vector_search_the_retrievers_agreeing_or_not_says_nothing():
    model = AbstentionModel(("retrievers_agree",), (0.8,), (0.4,), (-2.0,), 0.0, 0.9)
    keyword_only = replace(NEUTRAL, vector_searched=0.0, retrievers_agree=0.0)
    assert model.probability(keyword_only) == pytest.approx(0.5)  # the mean: no push either way
    both = replace(NEUTRAL, vector_searched=1.0, retrievers_agree=0.0)
    assert model.probability(both) > 0.9  # searched both ways and they disagree: weak evidence
