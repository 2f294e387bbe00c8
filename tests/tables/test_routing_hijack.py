"""Routing that does not hijack (assistant/tables/routing.py): the glossary answers only what a term means,
a measure's or a satsning's fields go to that row, an insatsområde lists its own satsningar, and the same
holds for an English question as for its Swedish twin."""

from __future__ import annotations

import pytest

from assistant.tables.routing import route_question
from assistant.text.english import with_swedish_terms

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


@pytest.mark.parametrize(
    "question", ["Vad är SIP?", "Vad betyder LRS?", "What does RSS stand for?", "LRS – vad är det?"]
)
def test_a_question_about_what_a_term_means_goes_to_the_glossary(tools, question):
    assert [r.tool for r in route_question(question, tools)] == ["term"]


def test_a_term_inside_another_question_does_not_take_it_over(tools):
    routed = route_question("Vad är täljare och nämnare för måttet Andel SIP, kommun?", tools)
    assert [r.tool for r in routed] == ["measure"]
    assert routed[0].rows[1] == {"Fält": "Titel", "Uppgift": "Andel SIP, kommun"}
    assert route_question("Hur många SIP upprättades i Sörmland 2023?", tools) == []


def test_a_satsnings_field_goes_to_that_satsning(tools):
    routed = route_question("När startade Besökskort?", tools)
    assert [(r.tool, r.rows[0]["Satsning"]) for r in routed] == [("initiative", "Besökskort")]


def test_an_insatsomrade_lists_its_own_satsningar(tools):
    question = "Vilka satsningar hör till insatsområdet kompetensförsörjning?"
    routed = route_question(question, tools)
    assert [r.tool for r in routed] == ["initiatives"]
    wanted = {r["satsning"] for r in tools.table("initiatives") if r["insatsomrade"].startswith("7. Kompetens")}
    assert {r["Satsning"] for r in routed[0].rows} == wanted and len(wanted) == 4
    listed = route_question("Vilka insatsområden finns i färdplanen?", tools)
    assert [r.tool for r in listed] == ["areas"] and len(listed[0].rows) == 8


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("What does LRS stand for?", "Vad står LRS för?"),
        (
            "Which initiatives belong to the area kompetensförsörjning?",
            "Vilka satsningar hör till insatsområdet kompetensförsörjning?",
        ),
        (
            "Which joint initiatives in the Sörmland roadmap started in 2024?",
            "Vilka länsgemensamma satsningar startade 2024?",
        ),
        ("What is the numerator of the measure Andel SIP, kommun?", "Vad är täljaren för måttet Andel SIP, kommun?"),
        ("What is the goal of the Besökskort initiative?", "Vad är målet med satsningen Besökskort?"),
    ],
)
def test_an_english_question_routes_as_its_swedish_twin(tools, english, swedish):
    def route(question: str):
        return [(r.tool, r.rows) for r in route_question(with_swedish_terms(question), tools)]

    assert route(english) == route(swedish) != []


def test_a_question_about_what_a_satsnings_row_does_not_hold_goes_to_the_text(tools):
    assert route_question("Var hölls mötena i Nätverk Nära vård under hösten?", tools) == []
    assert [r.tool for r in route_question("Vad är Nätverk Nära vård?", tools)] == ["initiative"]


def test_the_national_table_answers_only_questions_about_its_rows(tools):
    assert route_question("Vilka har varit projektledare för Socialstyrelsens uppföljning?", tools) == []
    asked_about_the_selection = "Vilka hade Socialstyrelsen avstämningar med när urvalet av kärnindikatorer togs fram?"
    assert route_question(asked_about_the_selection, tools) == []
    assert [r.tool for r in route_question("Vilka datakällor bygger de tolv kärnindikatorerna på?", tools)] == [
        "core_indicators"
    ]


def test_a_count_in_another_year_than_the_tables_document_is_left_to_the_text(tools):
    assert route_question("Hur många indikatorer innehöll Socialstyrelsens förslag från 2022?", tools) == []
    assert (
        route_question("Hur många kärnindikatorer har Socialstyrelsen 2025?", tools)[0].message == "Det är 12 stycken."
    )
