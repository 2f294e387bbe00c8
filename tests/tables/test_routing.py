"""Routing a question to the table lookups without an LLM (assistant/tables/routing.py)."""

from __future__ import annotations

from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_routing_names_the_table_for_table_questions(tools):
    assert [r.tool for r in route_question("Vad betyder LRS?", tools)] == ["term"]
    assert [r.tool for r in route_question("Vilka satsningar pågår inom kompetensförsörjning?", tools)] == [
        "initiatives"
    ]
    assert route_question("Hur många besökskort har delats ut hittills?", tools) == []
    assert route_question("Vad är Skottlandsmodellen?", tools) == []
    listed = route_question("Vilka är Socialstyrelsens kärnindikatorer?", tools)
    assert [r.tool for r in listed] == ["core_indicators"] and len(listed[0].rows) == 12


def test_a_count_of_a_tables_rows_is_answered_with_the_count_and_the_rows(tools):
    from assistant.tables.answers import tool_answer

    core = route_question("Hur många kärnindikatorer har Socialstyrelsen?", tools)
    assert [r.tool for r in core] == ["core_indicators"] and len(core[0].rows) == 12
    assert tool_answer("Hur många kärnindikatorer har Socialstyrelsen?", core, []).answer.startswith(
        "Det är 12 stycken."
    )
    english = route_question("How many core indicators are there?", tools)
    assert english[0].tool == "core_indicators" and english[0].message == "There are 12."
    competence = route_question("Hur många satsningar finns inom kompetensförsörjning?", tools)
    assert competence[0].message == f"Det är {len(competence[0].rows)} stycken."
    assert len(competence[0].rows) < len(tools.table("initiatives"))
    measures = route_question("Hur många mått har indikatorbiblioteket?", tools)
    assert measures[0].tool == "measures" and len(measures[0].rows) == len(tools.table("measures"))
    # a count of what the rows' activity reached stays with the text
    assert route_question("Hur många besökskort har delats ut hittills?", tools) == []


def test_a_measure_title_written_out_names_that_measure(tools):
    routed = route_question("Vilken målnivå har Andel SIP, kommun?", tools)
    assert [r.tool for r in routed] == ["measure"]
    assert routed[0].rows[1] == {"Fält": "Titel", "Uppgift": "Andel SIP, kommun"}


def test_a_year_and_the_word_satsning_list_satsningar_only_when_the_question_asks_for_a_list(tools):
    listed = route_question("Which joint initiatives in the Sörmland roadmap started in 2024?", tools)
    assert [r.tool for r in listed] == ["initiatives"] and listed[0].rows
    assert route_question("Vilka satsningar pågår 2027?", tools)[0].tool == "initiatives"
    for listing in (
        "Satsningar som startar 2025?",
        "Vad för satsningar startar 2025?",
        "Finns det satsningar som avslutas 2025?",
        "Berätta om satsningarna som avslutas 2025.",
    ):
        assert [r.tool for r in route_question(listing, tools)] == ["initiatives"], listing
    # one satsning of another region, and an amount: no list of the färdplan's satsningar answers that
    assert route_question("Hur mycket pengar omfattade Region Värmlands ekonomiska satsning 2025?", tools) == []
    assert route_question("Vilken budget hade Region Värmlands satsning 2025?", tools) == []
    assert route_question("Vilken summa omfattade Region Värmlands satsning 2025?", tools) == []


def test_the_core_indicator_answers_when_the_question_says_more_of_its_name_than_of_a_measures(tools):
    question = "tillgodosett vårdbehov indikatorn – vilket nyckelord fick den högsta bedömningen?"
    assert route_question(question, tools)[0].tool == "core_indicators"
