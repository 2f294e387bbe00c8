"""Lookups in the färdplan's satsningar and insatsområden (assistant/tables/lookups/initiatives.py)."""

from __future__ import annotations

from table_fixtures import TODAY

from assistant.tables.lookups.initiatives import derived_status
from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


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


def test_initiatives_whose_period_covers_a_year(tools):
    names = {r["Satsning"] for r in tools.initiatives(year=2028).rows}
    assert "Verksamhetssystem Socialtjänst" in names  # 2025–2028
    assert "Tillsammans för barnens bästa i Sörmland" not in names  # 2021–2026
    assert "Besökskort" in names  # 2024 until further notice
    (routed,) = route_question("Vilka satsningar pågår 2028?", tools)
    assert routed.arguments["year"] == 2028 and routed.arguments["status"] is None


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


def test_areas_without_joint_work_and_an_empty_status_filter_still_answer(tools):
    (areas,) = route_question("Vilka insatsområden saknar länsgemensamt arbete?", tools)
    assert [r["Insatsområde"][0] for r in areas.rows] == ["1", "2", "4", "8"]
    (ended,) = route_question("Vilka satsningar är avslutade?", tools)
    assert ended.message.startswith("Ingen satsning har status")
    assert ended.rows and len(ended.citations) == len(ended.rows)


def test_a_long_one_word_name_is_enough_to_name_a_satsning(tools):
    results = route_question("Vem driver Vård- och omsorgscollege och hur länge pågår det?", tools)
    assert [r.tool for r in results] == ["initiative"]
    assert results[0].rows[0]["Satsning"] == "Vård- och omsorgscollege i Sörmland"


def test_an_english_question_with_its_swedish_terms_finds_the_satsning(tools):
    from assistant.text.english import swedish_terms

    question = "Who runs the suicide prevention initiative?"
    routed = route_question(f"{question} {swedish_terms(question)}", tools)
    assert routed[0].tool == "initiative" and routed[0].rows[0]["Satsning"] == "Suicidprevention"
