"""The tables rebuilt from the real corpus: complete against their sources, with exact provenance."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from assistant.ingest.corpus import ingest_corpus
from assistant.tables import TableTools, build_tables
from assistant.tables.initiatives import derived_status
from assistant.tables.routing import route_question
from assistant.tables.store import read_table

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def corpus():
    return ingest_corpus(REPO / "corpus", 1000)


@pytest.fixture(scope="module")
def tables_dir(corpus, tmp_path_factory) -> Path:
    build_dir = tmp_path_factory.mktemp("tables")
    build_tables(build_dir, corpus.documents, corpus.chunks, REPO / "corpus")
    return build_dir


@pytest.fixture(scope="module")
def tools(tables_dir) -> TableTools:
    return TableTools(tables_dir, today=TODAY)


def rows(tables_dir: Path, table: str) -> list[dict]:
    return read_table(tables_dir / "tables.sqlite", table)


def test_every_measure_of_the_indicator_library(tables_dir):
    measures = rows(tables_dir, "measures")
    numbered = {(m["indikator"], m["nummer"]) for m in measures if m["nummer"] is not None}
    expected = {
        "Delaktighet": 4,
        "Samordning": 7,
        "Tillgänglighet": 4,
        "Kontinuitet": 3,
        "Hälsofrämjande": 2,
        "Förebyggande": 8,
    }
    assert numbered == {(name, n) for name, count in expected.items() for n in range(1, count + 1)}
    assert {m["malomrade"] for m in measures} == {"Tillsammans", "Nära", "God hälsa, vård och omsorg"}
    assert any(m["indikator"] == "Rehabiliterande" and m["nummer"] is None for m in measures)
    assert all(m["titel"] for m in measures)


def test_measure_fields_are_read_into_their_own_columns(tables_dir):
    by_title = {m["titel"]: m for m in rows(tables_dir, "measures")}
    distance = by_title["Rapporterade distansbesök, region"]
    assert distance["matenhet"] == "Procent"
    assert distance["riktning"] == "Högt värde önskvärt"
    assert distance["datakalla"].startswith("Väntetider i vården")
    assert distance["taljare"].startswith("Antal vårdkontakter")
    assert distance["namnare"].startswith("Antal besök")
    assert distance["malniva"] == ""  # empty in the source, stays empty


def test_twelve_core_indicators_with_measure_and_source(tables_dir):
    core = rows(tables_dir, "core_indicators")
    assert len(core) == 12
    assert all(c["matt"] and c["kalla"] and c["nyckelord"] for c in core)
    trust = next(c for c in core if c["indikator"].startswith("Förtroende"))
    assert "barometern" in trust["kalla"]


def test_core_values_carry_year_region_and_unit(tables_dir):
    values = rows(tables_dir, "core_values")
    assert len({v["indikator"] for v in values}) >= 8
    stockholm = [v for v in values if v["region"] == "Region Stockholm"]
    assert any(v["varde"] == "96" and v["ar"] == 2024 and v["enhet"] == "procent" for v in stockholm)


def test_initiatives_and_areas_of_the_fardplan(tables_dir):
    initiatives = rows(tables_dir, "initiatives")
    areas = rows(tables_dir, "areas")
    assert len(initiatives) == 14
    assert len(areas) == 8
    assert sorted(a["insatsomrade"][0] for a in areas if not a["pagaende_arbete"]) == ["1", "2", "4", "8"]
    linked = [i for i in initiatives if "description_row" in i["extra"]]
    assert {i["satsning"] for i in linked} >= {"Suicidprevention", "Tillsammans för unga vuxna", "Samsjuklighet"}


def test_decisions_keep_both_dates_where_the_report_disagrees(tables_dir):
    decisions = rows(tables_dir, "decisions")
    nsv = {d["datum_iso"] for d in decisions if d["organ"] == "NSV"}
    assert {"2022-03-11", "2022-02-11"} <= nsv  # Tabell 8 says 11 mars, the outcome row says 22-02-11
    assert any(d["diarienummer"] == "NSV23-0020" for d in decisions)


def test_glossary_has_the_abbreviations_new_staff_ask_about(tables_dir):
    terms = {g["term"].upper() for g in rows(tables_dir, "glossary")}
    assert {"NSV", "LRS", "FOUIS", "RSS", "SIP", "SKR"} <= terms


@pytest.mark.parametrize(
    "table",
    [
        "measures",
        "proposed_measures",
        "core_indicators",
        "core_values",
        "initiatives",
        "areas",
        "initiative_descriptions",
        "decisions",
        "goal_outcomes",
        "glossary",
    ],
)
def test_every_provenance_passage_is_in_the_cleaned_document(corpus, tables_dir, table):
    texts = {d.info.doc_id: d.text for d in corpus.documents}
    found = rows(tables_dir, table)
    assert found, f"{table} is empty"
    for row in found:
        text = texts[row["source_doc_id"]]
        assert text[row["source_start"] : row["source_end"]] == row["source_passage"]
        assert row["source_passage"].strip()


def test_measure_lookup_tolerates_typos_and_lost_diacritics(tools):
    for query in ("Kontinuitetsindx", "kontinuitetsindex primarvardslakare"):
        result = tools.measure(query)
        assert result.found
        assert result.rows[1]["Uppgift"].startswith("Kontinuitetsindex")
        assert result.citations[0].doc_id == "bilagor-projektrapport"


def test_empty_fields_are_said_to_be_empty(tools):
    fields = {r["Fält"]: r["Uppgift"] for r in tools.measure("Rapporterade distansbesök").rows}
    assert fields["Målnivå"] == "(tomt i källan)"


@pytest.mark.parametrize("query", ["'; DROP TABLE measures; --", "xyzzy qwerty", "SELECT * FROM glossary"])
def test_bad_arguments_get_nothing_found_with_the_closest_names(tools, query):
    for result in (tools.measure(query), tools.initiative(query), tools.term(query)):
        assert not result.found
        assert result.message.startswith("Hittade inget")
        assert result.suggestions
    assert tools.measure("Rapporterade distansbesök").found  # the table is still there


def test_status_is_derived_from_the_period_and_today():
    assert derived_status("2021", "2026", TODAY) == "pågående"
    assert derived_status("2021", "2023", TODAY) == "avslutad"
    assert derived_status("2027", "2029", TODAY) == "planerad"
    assert derived_status("2023", "tills vidare", TODAY) == "pågående (tills vidare)"
    assert derived_status("", "", TODAY).startswith("okänd")


def test_initiatives_filtered_by_status_and_area(tools):
    ongoing = tools.initiatives(status="pågående")
    assert ongoing.found and all("pågående" in r["Status"] and "härlett" in r["Status"] for r in ongoing.rows)
    competence = tools.initiatives(insatsomrade="kompetensförsörjning")
    assert {r["Satsning"] for r in competence.rows} >= {"Lokalt vårdkompetensråd Sörmland"}
    idle = tools.initiatives(insatsomrade="Tillgänglighet i primärvården")
    assert idle.rows[0]["Status"] == "Inget pågående länsgemensamt arbete."


def test_an_initiative_shows_both_periods_when_the_documents_disagree(tools):
    result = tools.initiative("Tillsammans för barnens bästa")
    assert result.rows[0]["Period"] == "2021–2026"
    assert "2020" in result.rows[1]["Period"]
    assert {c.doc_id for c in result.citations} == {"fardplan-2025", "bilagor-projektrapport"}


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
    assert "härlett" in answer.answer


def test_a_disagreement_is_shown_with_both_sources(tools):
    from assistant.tables.answers import tool_answer

    question = "När pågår Tillsammans för barnens bästa?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert "2021–2026" in answer.answer and "2020" in answer.answer
    assert "olika perioder" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"fardplan-2025", "bilagor-projektrapport"}


def test_definitional_questions_find_the_glossary_passage(corpus, tools):
    from assistant.tables.definitions import abbreviation_expansions, definition_chunk_ids

    chunk_text = {c.chunk_id: c.text for c in corpus.chunks}
    ids = definition_chunk_ids("Vad står begreppet nära vård för?", tools)
    assert ids and "samskapa med invånare" in chunk_text[ids[0]]
    assert all("RSS" in chunk_text[i] for i in definition_chunk_ids("Vad är RSS?", tools))
    assert "samverkans- och stödstrukturer" in abbreviation_expansions("Vad betyder RSS?", tools).lower()
    assert definition_chunk_ids("Hur många deltog i RSS-nätverket 2023?", tools) == []  # not a definition question
    assert definition_chunk_ids("Vad är SIP-kollen för något?", tools) == []  # another name, not SIP


def test_the_flattened_core_indicator_table_reads_as_a_table_in_the_text(corpus):
    text = next(d.text for d in corpus.documents if d.info.doc_id == "socialstyrelsen-uppfoljning-2025")
    start = text.index("Indikator | Nyckelord (mål)")
    rows = text[start:].split("\n")[1:13]
    assert len([r for r in rows if " | " in r]) == 12
    assert rows[0] == "Förtroende för hälso- och sjukvården | Tillgänglig, Kontinuitet"


def test_decisions_that_disagree_on_a_date_are_shown_with_both_sources(tools):
    from assistant.tables.answers import tool_answer

    question = "När beslutade NSV om målbilden?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert "11 mars 2022" in answer.answer and "22-02-11" in answer.answer
    assert "olika datum" in answer.answer


def test_a_long_one_word_name_is_enough_to_name_a_satsning(tools):
    results = route_question("Vem driver Vård- och omsorgscollege och hur länge pågår det?", tools)
    assert [r.tool for r in results] == ["initiative"]
    assert results[0].rows[0]["Satsning"] == "Vård- och omsorgscollege i Sörmland"


def test_areas_without_joint_work_and_an_empty_status_filter_still_answer(tools):
    (areas,) = route_question("Vilka insatsområden saknar länsgemensamt arbete?", tools)
    assert [r["Insatsområde"][0] for r in areas.rows] == ["1", "2", "4", "8"]
    (ended,) = route_question("Vilka satsningar är avslutade?", tools)
    assert ended.message.startswith("Ingen satsning har status")
    assert ended.rows and len(ended.citations) == len(ended.rows)


def test_an_english_question_gets_english_table_leads(tools):
    from assistant.tables.answers import tool_answer

    question = "What is the goal of the Besökskort initiative?"
    answer = tool_answer(question, route_question(question, tools), [])
    assert answer.answer.startswith("The initiative in the färdplan")


def test_a_label_broken_by_a_stray_space_still_starts_its_field(tables_dir):
    by_title = {m["titel"]: m for m in rows(tables_dir, "measures")}
    continuity = by_title["Kontinuitetsindex primärvårdsläkare, kronisk sjukdom"]
    assert continuity["redovisningsnivaer"].startswith("Data kan presenteras")
    assert "fördelningar" not in continuity["teknisk_beskrivning"]


def test_data_sources_by_type(tables_dir, tools):
    sources = rows(tables_dir, "data_sources")
    assert {s["typ"] for s in sources} == {"Enkät", "Register", "Annan datakälla"}
    assert any(s["datakalla"] == "Patientregistret" and s["typ"] == "Register" for s in sources)
    (routed,) = route_question("Vilka register finns bland datakällorna?", tools)
    assert routed.tool == "data_sources" and {r["Typ"] for r in routed.rows} == {"Register"}
    assert [r.tool for r in route_question("Vad är datakällan för Kontinuitetsindex?", tools)] == ["measure"]


def test_initiatives_whose_period_covers_a_year(tools):
    names = {r["Satsning"] for r in tools.initiatives(year=2028).rows}
    assert "Verksamhetssystem Socialtjänst" in names  # 2025–2028
    assert "Tillsammans för barnens bästa i Sörmland" not in names  # 2021–2026
    assert "Besökskort" in names  # 2024 until further notice
    (routed,) = route_question("Vilka satsningar pågår 2028?", tools)
    assert routed.arguments["year"] == 2028 and routed.arguments["status"] is None


def test_a_measure_named_by_its_library_label_is_that_measure(tools):
    for label in ("Kontinuitet 1", "Kontinuitet 2", "Förebyggande 3", "samordning 2"):
        result = tools.measure(label)
        assert result.rows[0]["Uppgift"].lower().startswith(label.lower() + " (målområde")
    routed = route_question("Vad är täljaren för Kontinuitet 1?", tools)
    assert [r.tool for r in routed] == ["measure"]
    assert routed[0].rows[0]["Uppgift"].startswith("Kontinuitet 1 (")
    # a number that is not a label of the library is no label
    assert not any(
        r.tool == "measure" and r.rows[0]["Uppgift"].startswith("Kontinuitet 9")
        for r in route_question("Vad är täljaren för Kontinuitet 9?", tools)
    )


def test_satsningar_by_the_year_they_start_or_end(tools):
    ending = route_question("Vilka satsningar avslutas 2026?", tools)
    assert ending[0].arguments.get("ends_in") == 2026
    assert ending[0].rows and all("2026" in r["Period"].split("-")[-1].split("–")[-1] for r in ending[0].rows)
    starting = route_question("Vilka satsningar startade 2024?", tools)
    assert starting[0].rows and all(r["Period"].startswith("2024") for r in starting[0].rows)
    covering = route_question("Vilka satsningar pågår 2027?", tools)
    assert "ends_in" not in covering[0].arguments and len(covering[0].rows) > len(ending[0].rows)
    none = tools.initiatives(ends_in=2031)
    assert none.message == "Ingen satsning slutar 2031 enligt färdplanens perioder."
    assert len(none.rows) == len(tools.table("initiatives"))


def test_only_decisions_about_the_same_thing_are_said_to_disagree(tools):
    from assistant.tables.answers import tool_answer

    question = "När godkände NSV projektrapporten?"
    routed = route_question(question, tools)
    assert [r.tool for r in routed] == ["decisions"]
    note = tool_answer(question, routed, []).answer.split("Obs:")[1]
    dates = {r["Datum"] for r in routed[0].rows if "målbild" in r["Beslut"].split(".")[0].lower()}
    assert len(dates) >= 2 and all(date in note for date in dates)  # the målbild decision, dated twice
    assert "2023-06-16" not in note  # the slutrapport decision is another decision


def test_a_term_asked_by_what_it_stands_for_is_found(tools):
    routed = route_question("Vad är Länsgemensamt regionalt stöd?", tools)
    assert [r.tool for r in routed] == ["term"] and {r["Begrepp"] for r in routed[0].rows} == {"LRS"}


def test_a_measure_title_written_out_names_that_measure(tools):
    routed = route_question("Vilken målnivå har Andel SIP, kommun?", tools)
    assert [r.tool for r in routed] == ["measure"]
    assert routed[0].rows[1] == {"Fält": "Titel", "Uppgift": "Andel SIP, kommun"}


def test_a_core_value_stated_twice_is_shown_once(tools):
    values = tools.core_values("Förtroende för hälso- och sjukvården", year=2024)
    shown = [tuple(r.items()) for r in values.rows]
    assert values.found and len(shown) == len(set(shown)) == len(values.citations)


def test_saying_kärnindikator_lets_half_its_name_name_it(tools):
    routed = route_question("Vad är datakällan för kärnindikatorn ordinarie läkare?", tools)
    assert routed[0].tool == "core_indicators"
    assert routed[0].rows[0]["Kärnindikator"] == "Ordinarie läkare för personer 65 år eller äldre"


def test_an_english_question_with_its_swedish_terms_finds_the_satsning(tools):
    from assistant.text.english import swedish_terms

    question = "Who runs the suicide prevention initiative?"
    routed = route_question(f"{question} {swedish_terms(question)}", tools)
    assert routed[0].tool == "initiative" and routed[0].rows[0]["Satsning"] == "Suicidprevention"


def test_measures_that_leave_a_field_empty(tools):
    routed = route_question("Vilka mått saknar datakälla?", tools)
    assert routed[0].tool == "measures" and routed[0].arguments["missing"] == "Datakälla"
    assert routed[0].rows and all(r["Datakälla"] == "(tomt i källan)" for r in routed[0].rows)
    assert len(routed[0].rows) < len(tools.table("measures"))
    assert routed[0].message == f"{len(routed[0].rows)} mått anger ingen datakälla."
    target = tools.measures(missing="målnivå")
    assert "Målnivå" in target.columns and all(r["Målnivå"] for r in target.rows)
    every_titled = tools.measures(missing="titel")
    assert not every_titled.found and every_titled.message == "Alla mått anger titel."
