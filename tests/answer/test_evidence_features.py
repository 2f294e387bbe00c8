"""Tests for assistant.answer.evidence_features: what the abstention model reads of the evidence."""

from __future__ import annotations

import pytest

from assistant.answer.evidence_features import _count_unlisted, _counted_unstated
from assistant.models import Passage
from assistant.question import understand
from assistant.text.tokens import tokenize


def _passage(text: str) -> Passage:
    return Passage("c", "d", "Titel", "Avsnitt", text, None, 1.0)


@pytest.mark.parametrize(
    ("text", "unstated"),
    [
        ("Under piloten hölls forummöten på två kliniker.", True),  # named, but no count stands before it
        ("Under piloten hölls 12 forummöten på två kliniker.", False),
        ("Under piloten hölls tolv nya forummöten.", False),  # a number word, a word between
        ("Piloten pågick under 2023.", False),  # what it counts is not named at all
        ("Under 2023 hölls forummöten på kliniken.", True),  # a year before it is no count of it
    ],
)
def test_a_count_question_is_unstated_when_the_counted_thing_is_named_without_a_number(text, unstated):
    question = understand("Hur många forummöten hölls under piloten?")
    assert _counted_unstated(question, [_passage(text)], tokenize) is unstated


def test_a_verb_counts_too_when_a_number_stands_before_it():
    question = understand("Hur många deltog i veckan?")
    assert not _counted_unstated(question, [_passage("Totalt 23 personer deltog i veckan.")], tokenize)
    assert _counted_unstated(question, [_passage("Många deltog i veckan.")], tokenize)


def test_only_a_question_that_counts_a_named_thing_can_be_unstated():
    passages = [_passage("Många är med i nätverket, och forummöten hölls.")]
    assert not _counted_unstated(understand("Hur många är med i nätverket?"), passages, tokenize)  # a little word
    assert not _counted_unstated(understand("Vilka forummöten hölls?"), passages, tokenize)  # no count asked


def test_period_words_ask_for_a_date_and_a_duration_answers_one():
    from assistant.answer.evidence_features import asking_words, expected_value, has_value

    assert expected_value("Under vilken tidsperiod pågick satsningen?") == "date"
    assert expected_value("Vad innebär periodisering av intäkter?") == ""  # a word about periods asks no date
    assert asking_words("Vilken period gäller den?") == ["period"]
    assert asking_words("Hur går budgetprocessen till?") == []  # "budget" also names what the value is of
    assert expected_value("Hur länge pågår studien?") == "date"
    assert has_value("date", "Studien pågår i 18 månader.") and has_value("date", "under tre år")


def test_a_budget_asks_for_money_but_a_budget_process_does_not():
    from assistant.answer.evidence_features import expected_value

    assert expected_value("Hur stor var projektets budget i kronor?") == "money"
    assert expected_value("Vad var budgeterat för satsningen?") == "money"
    assert expected_value("Hur går budgetprocessen till?") == ""


@pytest.mark.parametrize(
    ("text", "unlisted"),
    [
        ("Styrgruppen bestod av representanter från tre kommuner, två divisioner och FoUiS (LRS).", True),
        ("Styrgruppen bestod av representanter från tre kommuner (Eskilstuna, Flen och Nyköping).", False),
        ("Styrgruppen hade representanter från tre kommuner:\n- Eskilstuna\n- Flen\n- Nyköping", False),
        ("Representanter från 3 kommuner ingick: Eskilstuna, Flen och Nyköping.", False),
        ("Styrgruppen bestod av representanter från kommunerna och regionen.", False),  # no count: nothing said
    ],
)
def test_a_which_question_is_unlisted_when_the_count_is_given_but_not_the_things(text, unlisted):
    question = understand("Vilka tre kommuner hade representanter i styrgruppen?")
    assert _count_unlisted(question, [_passage(text)], tokenize) is unlisted


def test_only_a_question_asking_which_ones_of_a_count_can_be_unlisted():
    passages = [_passage("Styrgruppen bestod av representanter från tre kommuner.")]
    assert not _count_unlisted(understand("Hur många kommuner hade representanter?"), passages, tokenize)
    assert not _count_unlisted(understand("Vilka kommuner hade representanter?"), passages, tokenize)
    assert not _count_unlisted(understand("Vilka fem kommuner hade representanter?"), passages, tokenize)  # 5, not 3
    assert _count_unlisted(understand("Which three kommuner had representatives?"), passages, tokenize)


def test_a_share_or_count_asked_for_is_a_value_but_a_measure_named_is_not():
    from assistant.answer.evidence_features import expected_value

    assert expected_value("Hur stor andel av de äldre har depression?") == "percent"
    assert expected_value("Högsta och lägsta andel som en region angav?") == "percent"
    assert expected_value("Med hur många procent minskade besöken?") == "percent"
    assert expected_value("Hur stort är antalet deltagare?") == "count"
    assert expected_value("Andel hembesök per region: vilket system hämtas det ur?") == ""
    assert expected_value("Antal vårdplaner per enhet: varför blir siffran låg?") == ""


def _draft_features(question: str, passage: Passage):
    from assistant.answer.sentences import SentenceAnswerer

    answerer = SentenceAnswerer()
    return answerer.draft(answerer.question(question), [passage]).features(False, None)


def test_a_year_of_the_question_may_stand_in_the_title_of_the_passage():
    question = "Vilket datum skulle redovisningen för 2022 lämnas in?"
    text = "Redovisningen ska lämnas in senast den 31 mars 2023."
    titled = Passage("c", "d", "Slutredovisning 2022", "Avsnitt", text, None, 1.0)
    assert _draft_features(question, titled).year_missing == 0.0
    assert _draft_features(question, _passage(text)).year_missing == 1.0


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Fallskadorna i hemtjänsten minskade med 30 procent.", 1.0),
        # the value is about something else, and the sentence on the asked thing holds no value
        ("Hemtjänsten ser färre fallskador. Andelen inhyrd personal minskade med 50 procent i regionen.", 0.0),
    ],
)
def test_the_value_must_stand_with_the_specific_content_of_the_question(text, share):
    features = _draft_features("Med hur många procent minskade fallskadorna i hemtjänsten?", _passage(text))
    assert features.value_specific_share == share


def test_a_question_asking_no_value_has_its_specific_content_with_the_value():
    features = _draft_features("Vad gör hemtjänsten mot fallskador?", _passage("Hemtjänsten arbetar förebyggande."))
    assert features.value_specific_share == 1.0


def test_a_year_the_rows_of_the_routed_tables_hold_is_not_missing():
    from assistant.answer.extractive import table_text
    from assistant.answer.sentences import SentenceAnswerer
    from assistant.models import ToolResult

    answerer = SentenceAnswerer()
    question = answerer.question("Vilka satsningar startade 2024?")
    draft = answerer.draft(question, [_passage("Satsningarna beskrivs i färdplanen.")])
    rows = ToolResult("initiative", {}, ("Satsning", "Tid"), ({"Satsning": "Besökskort", "Tid": "2024"},), ())
    assert draft.features(True, None, table_text([rows])).year_missing == 0.0
    assert draft.features(True, None).year_missing == 1.0
