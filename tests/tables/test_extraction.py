"""The tables rebuilt from the real corpus (assistant/tables/extract/, build.py): complete against their
sources, with exact provenance."""

from __future__ import annotations

import pytest
from table_fixtures import rows

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


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


def test_a_label_broken_by_a_stray_space_still_starts_its_field(tables_dir):
    by_title = {m["titel"]: m for m in rows(tables_dir, "measures")}
    continuity = by_title["Kontinuitetsindex primärvårdsläkare, kronisk sjukdom"]
    assert continuity["redovisningsnivaer"].startswith("Data kan presenteras")
    assert "fördelningar" not in continuity["teknisk_beskrivning"]


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


def test_the_flattened_core_indicator_table_reads_as_a_table_in_the_text(corpus):
    text = next(d.text for d in corpus.documents if d.info.doc_id == "socialstyrelsen-uppfoljning-2025")
    start = text.index("Indikator | Nyckelord (mål)")
    rows = text[start:].split("\n")[1:13]
    assert len([r for r in rows if " | " in r]) == 12
    assert rows[0] == "Förtroende för hälso- och sjukvården | Tillgänglig, Kontinuitet"


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
