"""The app's pure helpers: safe Markdown, source numbering of table rows, search and timeline periods."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pandas as pd

from assistant.models import Citation
from assistant.retrieval.neighbours import Sentence
from assistant.ui.table_pages import matching_rows
from assistant.ui.text import plain, sentences_markdown
from assistant.ui.timeline import periods, status_label
from assistant.ui.tool_view import rows_table


def test_plain_escapes_html_links_and_markdown_formatting() -> None:
    shown = plain("<script>x</script> [länk](http://a) *fet* _kursiv_ $5$ ~~bort~~ | rad")
    assert "<" not in shown and "&lt;script&gt;" in shown
    for raw in ("[", "*", "_", "$", "~", "|"):
        assert f"\\{raw}" in shown, raw


def test_sentences_markdown_marks_cited_sentences_and_keeps_list_items() -> None:
    text = sentences_markdown(
        [Sentence("Först."), Sentence("Citerad.", cited=True), None, Sentence("Punkt", bullet=True)]
    )
    assert text == "Först. :orange-background[**Citerad.**] …\n\n- Punkt"


def test_table_rows_number_their_sources_after_the_answers_own() -> None:
    answer_source = Citation("Ur svaret.", "d", "Dokument", "", 1)
    row_source = Citation("Ur tabellen.", "d", "Dokument", "", 2)
    result = SimpleNamespace(
        columns=("Namn",),
        rows=({"Namn": "a"}, {"Namn": "b"}, {"Namn": "c"}),
        citations=(answer_source, row_source, row_source),
    )
    sources = [answer_source]
    table = rows_table(result, sources)
    assert list(table["Källa"]) == ["[1]", "[2]", "[2]"]
    assert sources == [answer_source, row_source]


def test_matching_rows_ignores_case_and_diacritics_and_needs_every_word() -> None:
    frame = pd.DataFrame({"Titel": ["Riskabel alkoholkonsumtion", "Fast läkarkontakt"], "Område": ["Hälsa", "Vård"]})
    assert list(matching_rows(frame, "LAKARKONTAKT vard")["Titel"]) == ["Fast läkarkontakt"]
    assert matching_rows(frame, "alkohol vård").empty
    assert len(matching_rows(frame, "  ")) == 2


def test_periods_parse_years_and_open_ended_periods() -> None:
    frame = pd.DataFrame(
        {
            "Satsning": ["A", "B", "C"],
            "Period": ["2021–2026", "2024-tv", ""],
            "Status": ["pågående (härlett från perioden 2021–2026)", "pågående (tills vidare)", "okänd"],
        }
    )
    bars = periods(frame, today=datetime.date(2026, 11, 23))
    assert list(bars["Satsning"]) == ["A", "B"]
    assert bars.iloc[0]["Start"] == pd.Timestamp(2021, 1, 1) and bars.iloc[0]["Slut"] == pd.Timestamp(2026, 12, 31)
    assert bars.iloc[1]["Slut"] == pd.Timestamp(2028, 12, 31)
    assert list(bars["Status"]) == ["pågående", "pågående (tills vidare)"]
    assert status_label("pågående (tills vidare) (härlett från perioden 2023-tv)") == "pågående (tills vidare)"
