"""Cited Markdown answers from the lookups' rows (assistant/tables/answers.py)."""

from __future__ import annotations

import re

from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_a_table_answer_cites_every_row_it_shows(tools):
    import re

    from assistant.tables.answers import tool_answer

    question = "Vilka satsningar pågår inom kompetensförsörjning?"
    answer = tool_answer(question, route_question(question, tools), [])
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == set(range(1, len(answer.citations) + 1))
    table_rows = [line for line in answer.answer.splitlines() if line.startswith("| ") and "[" in line]
    assert answer.tool_calls[0].arguments["insatsomrade"].startswith("7. Kompetensförsörjning")
    assert len(table_rows) == len(answer.tool_calls[0].rows) == 4
    assert "Lokalt vårdkompetensråd Sörmland" in answer.answer
    # the lead says once that the status is read from the period; the cells beside the period do not repeat it
    assert "status härledd från perioden" in answer.answer and "härlett från perioden" not in answer.answer
    assert "| 2023-tv | pågående (tills vidare) |" in answer.answer


def test_a_disagreement_is_shown_with_both_sources(tools):
    from assistant.tables.answers import tool_answer

    question = "När pågår Tillsammans för barnens bästa?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert "2021–2026" in answer.answer and "2020" in answer.answer
    assert "olika perioder" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"fardplan-2025", "bilagor-projektrapport"}


def test_decisions_that_disagree_on_a_date_are_shown_with_both_sources(tools):
    from assistant.tables.answers import tool_answer

    question = "När beslutade NSV om målbilden?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert "11 mars 2022" in answer.answer and "22-02-11" in answer.answer
    assert "olika datum" in answer.answer


def test_only_decisions_about_the_same_thing_are_said_to_disagree(tools):
    from assistant.tables.answers import tool_answer

    question = "När godkände NSV projektrapporten?"
    routed = route_question(question, tools)
    assert [r.tool for r in routed] == ["decisions"]
    note = tool_answer(question, routed, []).answer.split("Obs:")[1]
    dates = {r["Datum"] for r in routed[0].rows if "målbild" in r["Beslut"].split(".")[0].lower()}
    assert len(dates) >= 2 and all(date in note for date in dates)  # the målbild decision, dated twice
    assert "2023-06-16" not in note  # the slutrapport decision is another decision


def test_an_english_question_gets_english_table_leads(tools):
    from assistant.tables.answers import tool_answer

    question = "What is the Besökskort initiative?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert answer.answer.startswith("The initiative in the färdplan")
    question = "What is the goal of the Besökskort initiative?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert answer.answer.startswith("Goal (Besökskort): ”Förbättra fysiska möten")
    assert "according to the färdplan [1]" in answer.answer


def test_a_measure_answer_leads_with_the_asked_fields(tools):
    from assistant.tables.answers import tool_answer

    question = "Vad är täljare och nämnare för måttet Andel SIP, kommun?"
    answer = tool_answer(question, route_question(question, tools), []).answer
    lead = answer.split("\n\n")[0]
    assert lead.startswith("Måttet Andel SIP, kommun (") and "[1]" in lead
    assert "- Täljare: Antal personer med en inrapporterad SIP." in lead
    assert "- Nämnare: Antal personer med inrapporterade insatser" in lead
    assert "| Täljare |" not in answer  # said once, in the lead


def test_a_satsning_answer_answers_the_asked_field_not_the_whole_row(tools):
    from assistant.tables.answers import tool_answer

    question = "När startade Besökskort?"
    answer = tool_answer(question, route_question(question, tools), []).answer
    assert answer.startswith("Besökskort startade 2024, enligt färdplanen [1].")
    assert "Utförare" not in answer and "Mål/syfte" not in answer
    who = tool_answer("Vem är utförare för Besökskort?", route_question("Vem är utförare för Besökskort?", tools), [])
    assert who.answer.startswith("Utförare (Besökskort): Alla kommuner och Region Sörmland")
    assert "Period" not in who.answer


def test_a_satsning_field_answer_says_only_text_lines_that_share_a_word_with_the_question(tools):
    from assistant.models import Answer, Citation
    from assistant.tables.answers import tool_answer

    question = "När startade Besökskort?"
    cited = Citation("c1", "bilagor", "Bilagor", "Indikatorer", None, "…")
    off_topic = "Enligt dokumenten: I de fall det finns jämförbara data är startåret 2017. [1]"
    on_topic = "- Besökskort prövades först i två kommuner. [1]"
    extractive = Answer(f"{off_topic}\n{on_topic}", (cited,), ())
    answer = tool_answer(question, route_question(question, tools), [], extractive).answer
    assert answer.startswith("Besökskort startade 2024, enligt färdplanen [1].")
    assert "startåret 2017" not in answer  # "startåret" is no word of the question
    assert "Besökskort prövades först i två kommuner." in answer
    # the word that asks for the field says nothing of what the question is about, in either language
    elsewhere = "- Ett exempel från Region Örebro län är en mottagning som startades 2023. [1]"
    extractive = Answer(f"{off_topic}\n{elsewhere}\n{on_topic}", (cited,), ())
    for asked in (question, "When did Besökskort start?"):
        answer = tool_answer(asked, route_question(asked, tools), [], extractive).answer
        assert "startades 2023" not in answer and "prövades först i två kommuner" in answer, asked


def test_a_list_of_one_areas_satsningar_names_the_area_once(tools):
    from assistant.tables.answers import tool_answer

    question = "Vilka satsningar hör till insatsområdet kompetensförsörjning?"
    answer = tool_answer(question, route_question(question, tools), []).answer
    assert answer.startswith("Insatsområdet 7. Kompetensförsörjning och arbetsmiljö i primärvården har 4 ")
    assert answer.count("7. Kompetensförsörjning") == 1 and "Lokalt vårdkompetensråd Sörmland" in answer


def test_a_list_of_satsningar_shows_their_names_periods_and_status_and_other_fields_only_when_asked(tools):
    from assistant.tables.answers import tool_answer

    question = "Vilka satsningar pågår inom kompetensförsörjning?"
    answer = tool_answer(question, route_question(question, tools), []).answer
    assert "| Satsning | Period | Status | Källa |" in answer
    assert "Mål/syfte" not in answer and "Arbetsförmedlingen" not in answer  # the goal and who carries it out

    def answered(asked):
        return tool_answer(asked, route_question(asked, tools), []).answer

    asked = "Vilka satsningar finns inom kompetensförsörjning och vem utför dem?"
    assert "| Satsning | Period | Status | Utförare | Källa |" in answered(asked)
    goals = "Vilka satsningar finns inom kompetensförsörjning och vad är deras syfte?"
    assert "| Satsning | Mål/syfte | Period | Status | Källa |" in answered(goals)


def test_a_list_question_naming_a_column_shows_the_names_and_that_column_for_every_row(tools):
    from assistant.tables.answers import tool_answer

    question = "Vilka datakällor bygger de tolv kärnindikatorerna på?"
    answer = tool_answer(question, route_question(question, tools), []).answer
    assert "| Kärnindikator | Datakälla | Källa |" in answer and "Nyckelord" not in answer
    assert answer.count("\n| ") == 1 + 12 and "till." not in answer  # header and all twelve rows


def test_a_measure_answer_also_leads_with_the_field_that_holds_the_questions_own_words(tools):
    from assistant.tables.answers import tool_answer

    question = "Vad säger biblioteket om diagnostäckningen för måttet Oplanerade återinskrivningar bland äldre?"
    lead = tool_answer(question, route_question(question, tools), []).answer.split("\n\n")[0]
    assert lead.startswith("Måttet Oplanerade återinskrivningar bland äldre (")
    assert "- Felkällor och begränsningar: Diagnostäckningen i Patientregistret är inte fullständig." in lead
    assert "trögrörligt" in lead  # the field in full, not cut as in the table


def test_a_measure_answer_without_words_of_its_own_leads_with_the_asked_fields_only(tools):
    from assistant.tables.answers import tool_answer

    question = "Vad är nämnaren för måttet Andel SIP, kommun?"
    lead = tool_answer(question, route_question(question, tools), []).answer.split("\n\n")[0]
    assert [line for line in lead.splitlines() if line.startswith("- ")] == [
        line for line in lead.splitlines() if line.startswith("- Nämnare:")
    ]


def test_a_term_answer_says_each_meaning_on_a_line_of_its_own_without_the_document_titles(tools):
    from assistant.tables.answers import tool_answer

    question = "Vad betyder LRS?"
    routed = route_question(question, tools)
    answer = tool_answer(question, routed, [])
    lines = [line for line in answer.answer.splitlines() if line.startswith("- LRS: ")]
    assert len(lines) == len(routed[0].rows) >= 1
    assert all(re.search(r"\[\d+\]$", line) for line in lines)
    assert "| Begrepp |" not in answer.answer
    assert not any(row["Dokument"] in answer.answer for row in routed[0].rows)  # the sources name them


def test_a_field_answer_does_not_repeat_the_roadmaps_row_as_a_table(tools):
    from assistant.tables.answers import tool_answer

    question = "Vem är utförare för Besökskort?"
    answer = tool_answer(question, route_question(question, tools), []).answer
    assert answer.count("Alla kommuner och Region Sörmland") == 1
    assert "| Satsning |" not in answer


def test_the_best_sentence_follows_a_table_that_fills_the_answer(tools):
    from assistant.models import Answer, Citation
    from assistant.tables.answers import MAX_TOTAL_CHARS, tool_answer

    question = "Vilka satsningar pågår inom kompetensförsörjning?"
    cited = Citation("c1", "fardplan-2025", "Färdplan", "Satsningar", None, "…")
    sentence = "Enligt dokumenten: Rådet samlar kommunerna och regionen kring utbildningsfrågor. [1]"
    extractive = Answer(f"{sentence}\n- En andra mening som inte får plats längre. [1]", (cited,), ())
    tables_only = tool_answer(question, route_question(question, tools), [])
    assert len(tables_only.answer) > MAX_TOTAL_CHARS - len(sentence)  # no room left by the old rule
    answer = tool_answer(question, route_question(question, tools), [], extractive)
    assert "Rådet samlar kommunerna och regionen kring utbildningsfrågor." in answer.answer
    assert "En andra mening" not in answer.answer
    assert answer.citations[-1] == cited


def test_the_best_sentence_brings_its_list_items_after_a_full_table(tools):
    from assistant.models import Answer, Citation
    from assistant.tables.answers import tool_answer

    question = "Vilka satsningar pågår inom kompetensförsörjning?"
    cited = Citation("c1", "bilagor", "Bilagor", "Suicidprevention", None, "…")
    lead = "Enligt dokumenten: Planen innefattar sju fokusområden: [1]\n  - Händelseanalys\n  - Självmordslarm"
    extractive = Answer(f"{lead}\n- En andra mening som inte får plats längre. [1]", (cited,), ())
    answer = tool_answer(question, route_question(question, tools), [], extractive)
    assert "  - Händelseanalys\n  - Självmordslarm" in answer.answer
    assert "En andra mening" not in answer.answer
    # Under its heading the tail lists its sentences as items, without a lead of their own.
    assert "Ur dokumentens text:\n\n- Planen innefattar sju fokusområden: [" in answer.answer
    assert answer.answer.count("Enligt dokumenten") == 0


def test_the_forced_sentence_keeps_only_the_items_that_fit_and_an_english_tail_says_so_in_english(tools):
    from assistant.models import Answer, Citation
    from assistant.tables.answers import MAX_TOTAL_CHARS, tool_answer

    cited = Citation("c1", "bilagor", "Bilagor", "Suicidprevention", None, "…")
    items = "\n".join(f"  - Punkt {n} " + "x" * 120 for n in range(12))
    extractive = Answer(
        f"According to the documents (quoted in Swedish): Planen har tolv punkter: [1]\n{items}", (cited,), ()
    )
    question = "Which joint initiatives are ongoing within kompetensförsörjning?"
    answer = tool_answer(question, route_question(question, tools), [], extractive)
    tail = answer.answer.split("From the documents' text:")[1]
    assert "Planen har tolv punkter" in tail and "Punkt 0" in tail and "Punkt 11" not in tail
    assert len(tail) <= MAX_TOTAL_CHARS + 10


def _measure_result(fields: dict[str, str]):
    """A measure lookup's result with these fields (field name → text), every row from one source."""
    from assistant.models import Citation
    from assistant.tables.results import ToolResult

    rows = tuple({"Fält": name, "Uppgift": value} for name, value in fields.items())
    source = Citation("…", "bilagor", "Bilagor", fields.get("Indikator", ""), 3)
    return ToolResult("measure", {}, ("Fält", "Uppgift"), rows, (source,) * len(rows))


def test_a_measure_answer_says_each_field_once():
    from assistant.tables.answers import tool_answer

    fields = {
        "Indikator": "Tillgänglighet 1 (målområde Nära)",
        "Titel": "Bedömning inom tre dagar",
        "Mått": "Andel bedömningar inom tre dagar",
        "Teknisk beskrivning": "Täljare: Antal besök inom tre dagar. Nämnare: Antal besök totalt",
        "Täljare": "Antal besök inom tre dagar.",
        "Nämnare": "Antal besök totalt",
        "Syfte": "Att följa tillgängligheten.",
    }
    result = _measure_result(fields)
    answer = tool_answer("Hur räknas bedömning inom tre dagar, vad är täljaren och nämnaren?", [result], []).answer
    assert answer.startswith("Måttet Bedömning inom tre dagar (Tillgänglighet 1, målområde Nära)")
    assert answer.count("Antal besök inom tre dagar") == 1 and answer.count("Antal besök totalt") == 1
    assert "- Teknisk beskrivning: Täljare:" in answer
    assert "| Titel |" not in answer and "| Indikator |" not in answer  # the lead names the measure
    assert "| Mått | Andel bedömningar inom tre dagar |" in answer
    # Asked for both fields the technical description holds, the table leaves that description out.
    answer = tool_answer("Vad är täljaren och nämnaren för bedömning inom tre dagar?", [result], []).answer
    assert "- Täljare: Antal besök inom tre dagar." in answer and "- Nämnare: Antal besök totalt" in answer
    assert "Teknisk beskrivning" not in answer and "| Mått |" in answer


def test_a_field_is_said_again_only_when_another_field_says_it_under_its_label():
    from assistant.tables.answers import tool_answer

    fields = {
        "Indikator": "Delaktighet 1 (målområde Tillsammans)",
        "Titel": "Delaktighet i vården",
        "Mått": "Andel patienter som känt sig delaktiga",
        "Mätenhet": "Index",
        "Teknisk beskrivning": "Index beräknat ur patientenkäten.",
        "Täljare": "Antal patienter som besvarat frågan med ja.",
        "Nämnare": "Antal patienter som besvarat frågan.",
    }
    result = _measure_result(fields)
    answer = tool_answer("Vad är täljaren och nämnaren för delaktighet i vården?", [result], []).answer
    assert "- Nämnare: Antal patienter som besvarat frågan." in answer  # its words within the Täljare are no repeat
    answer = tool_answer("Vilken mätenhet har delaktighet i vården, och hur beräknas den?", [result], []).answer
    assert "- Mätenhet: Index" in answer


def test_the_tail_does_not_repeat_a_table_row_and_keeps_headings_and_rows_as_they_are():
    from assistant.models import Answer, Citation
    from assistant.tables.answers import _extractive_tail

    cited = Citation("c1", "bilagor", "Bilagor", "Delaktighet 1", None, "…")
    extractive = Answer(
        "Enligt dokumenten: Mått Andel patienter som känt sig delaktiga [1]\n- Ny mening. [1]", (cited,), ()
    )
    tail = _extractive_tail(extractive, [], 650, "| Mått | Andel patienter som känt sig delaktiga |")
    assert "Andel patienter" not in tail and "- Ny mening. [1]" in tail
    lines = Answer("Enligt dokumenten:\n- A. [1]\n#### Dalarna\n| a | b |", (cited,), ())
    tail = _extractive_tail(lines, [], 650)
    assert "- - " not in tail and "\n- \n" not in tail and "#### Dalarna" in tail and "\n| a | b |" in tail


def test_the_tail_ends_when_the_texts_best_line_says_what_the_table_says():
    from assistant.models import Answer, Citation
    from assistant.tables.answers import _extractive_tail

    cited = Citation("c1", "bilagor", "Bilagor", "Samordning 7", None, "…")
    shown = "Måttet Samordning av vårdkontakter, Region [1]:\n| Mått | Andel patienter som anser att vården samordnas |"
    text = "Enligt dokumenten: Titel Samordning av vårdkontakter, Region [1]\n- En mening om något annat. [1]"
    extractive = Answer(text, (cited,), ())
    assert _extractive_tail(extractive, [], 650, shown) == ""
    text = "Enligt dokumenten: Titel Samordning av vårdkontakter mäts med patientenkäten varje år. [1]"
    new = Answer(text, (cited,), ())
    assert "patientenkäten varje år" in _extractive_tail(new, [], 650, shown)
