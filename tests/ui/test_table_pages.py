"""Tests for assistant.ui.table_pages: the table tools of the Indikatorer and Satsningar pages, rows, search."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from assistant.errors import AssistantError
from assistant.models import Citation
from assistant.ui import resources
from assistant.ui.table_pages import NOT_AVAILABLE, NOT_BUILT, matching_rows, result_frame, selected_row


def test_matching_rows_ignores_case_and_diacritics_and_needs_every_word() -> None:
    frame = pd.DataFrame({"Titel": ["Riskabel alkoholkonsumtion", "Fast läkarkontakt"], "Område": ["Hälsa", "Vård"]})
    assert list(matching_rows(frame, "LAKARKONTAKT vard")["Titel"]) == ["Fast läkarkontakt"]
    assert matching_rows(frame, "alkohol vård").empty
    assert len(matching_rows(frame, "  ")) == 2


def test_matching_rows_searches_every_column_and_numbers_as_text() -> None:
    frame = pd.DataFrame({"Titel": ["A", "B"], "År": [2021, 2024]})
    assert list(matching_rows(frame, "2024")["Titel"]) == ["B"]


def test_result_frame_keeps_the_columns_and_adds_the_source_of_each_row() -> None:
    with_page = Citation("Rad.", "fardplan-2025", "Färdplan", "Satsningar", 9)
    without_page = Citation("Rad.", "bilagor", "Bilagor", "", None)
    tool_result = SimpleNamespace(
        columns=("Satsning", "Period"),
        rows=({"Satsning": "A", "Period": "2021–2026", "Extra": "x"}, {"Satsning": "B"}, {"Satsning": "C"}),
        citations=(with_page, without_page),
    )
    frame = result_frame(tool_result)
    assert list(frame.columns) == ["Satsning", "Period", "Källa"]
    assert list(frame["Källa"]) == ["Färdplan, s. 9", "Bilagor", ""]
    assert frame.iloc[0]["Period"] == "2021–2026" and pd.isna(frame.iloc[1]["Period"])


def test_selected_row_reads_a_dataframe_selection_event() -> None:
    def event(rows: list[int]) -> SimpleNamespace:
        return SimpleNamespace(selection=SimpleNamespace(rows=rows))

    assert selected_row(None) is None
    assert selected_row(event([])) is None
    assert selected_row(event([3])) == 3


def _page() -> None:
    import streamlit as st

    from assistant.ui.table_pages import table_tools

    st.session_state["tools"] = table_tools()


@pytest.mark.parametrize(
    ("tables", "message"),
    [(None, NOT_AVAILABLE), (SimpleNamespace(available=False), NOT_BUILT), (SimpleNamespace(available=True), None)],
)
def test_table_tools_say_in_swedish_why_they_are_missing(monkeypatch, tables, message) -> None:
    assistant = SimpleNamespace(tables=tables)
    monkeypatch.setattr(resources, "current_settings", lambda: "settings")
    monkeypatch.setattr(resources, "open_assistant", lambda settings: assistant if settings == "settings" else None)
    app = AppTest.from_function(_page, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    assert [i.value for i in app.info] == ([message] if message else [])
    assert app.session_state["tools"] is (tables if message is None else None)


def test_an_assistant_without_tables_has_none(monkeypatch) -> None:
    monkeypatch.setattr(resources, "current_settings", lambda: None)
    monkeypatch.setattr(resources, "open_assistant", lambda settings: SimpleNamespace())
    app = AppTest.from_function(_page, default_timeout=30)
    app.run()
    assert [i.value for i in app.info] == [NOT_AVAILABLE]


def _damaged_tables_sqlite(tmp_path):
    """Real table tools over a tables.sqlite whose bytes are not a database."""
    from assistant.tables.tools import TableTools

    (tmp_path / "tables.sqlite").write_bytes(b"inte en databas " * 512)
    return TableTools(tmp_path)


def _render(page: str) -> None:
    import importlib

    importlib.import_module(f"assistant.ui.{page}").render()


@pytest.mark.parametrize("page", ["indicators_page", "initiatives_page"])
def test_a_damaged_tables_file_is_a_short_swedish_message_not_a_traceback(monkeypatch, tmp_path, caplog, page) -> None:
    from assistant.ui.page_guard import TABLES_DAMAGED

    assistant = SimpleNamespace(tables=_damaged_tables_sqlite(tmp_path), retriever=SimpleNamespace(build_dir="b"))
    monkeypatch.setattr(resources, "current_settings", lambda: None)
    monkeypatch.setattr(resources, "open_assistant", lambda settings: assistant)
    app = AppTest.from_function(_render, args=(page,), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [TABLES_DAMAGED]
    assert "DatabaseError" in caplog.text  # the details reach the log


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        (
            RuntimeError("/srv/hemlig/sökväg"),
            "Sidan kunde inte visas just nu. Försök igen om en stund eller kontakta förvaltaren.",
        ),
        (AssistantError("Inställningen ASSISTANT_RRF_K är fel.", "bad rrf_k"), "Inställningen ASSISTANT_RRF_K är fel."),
    ],
)
@pytest.mark.parametrize("page", ["indicators_page", "initiatives_page", "documents_page"])
def test_any_failure_on_a_page_is_a_swedish_message_without_details(monkeypatch, page, failure, shown) -> None:
    def broken(*_args):
        raise failure

    monkeypatch.setattr(resources, "current_settings", broken)
    app = AppTest.from_function(_render, args=(page,), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [shown]
    assert "/srv/hemlig" not in str([getattr(e, "value", "") for e in app.main])


def test_stop_from_open_assistant_still_stops_the_page(monkeypatch) -> None:
    import streamlit as st

    def stops(_settings):
        st.error("Assistenten kunde inte starta.")
        st.stop()

    monkeypatch.setattr(resources, "current_settings", lambda: None)
    monkeypatch.setattr(resources, "open_assistant", stops)
    app = AppTest.from_function(_render, args=("indicators_page",), default_timeout=30)
    app.run()
    assert [e.value for e in app.error] == ["Assistenten kunde inte starta."]
