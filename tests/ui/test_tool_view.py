"""Tests for assistant.ui.tool_view: a tool answer's rows as a table, each row numbered into the sources."""

from __future__ import annotations

from types import SimpleNamespace

from streamlit.testing.v1 import AppTest

from assistant.models import Citation
from assistant.ui.tool_view import ROWS_IN_ANSWER, SOURCE_COLUMN, rows_table, source_number

ANSWER_SOURCE = Citation("Ur svaret.", "d", "Dokument", "", 1)
ROW_SOURCE = Citation("Ur tabellen.", "d", "Dokument", "", 2)


def result(rows, citations=(), message="", suggestions=(), columns=("Namn",)) -> SimpleNamespace:
    """A stand-in with the fields of assistant.tables' ToolResult that the view reads."""
    return SimpleNamespace(
        columns=columns, rows=tuple(rows), citations=tuple(citations), message=message, suggestions=suggestions
    )


def test_table_rows_number_their_sources_after_the_answers_own() -> None:
    rows = ({"Namn": "a"}, {"Namn": "b"}, {"Namn": "c"})
    sources = [ANSWER_SOURCE]
    table = rows_table(result(rows, (ANSWER_SOURCE, ROW_SOURCE, ROW_SOURCE)), sources)
    assert list(table[SOURCE_COLUMN]) == ["[1]", "[2]", "[2]"]
    assert sources == [ANSWER_SOURCE, ROW_SOURCE]


def test_the_same_text_in_another_document_is_another_source() -> None:
    sources = [ROW_SOURCE]
    other = Citation(ROW_SOURCE.text, "annat", "Annat dokument", "", 2)
    assert source_number(Citation(ROW_SOURCE.text, "d", "Dokument", "Avsnitt", 7), sources) == 1
    assert source_number(other, sources) == 2
    assert sources == [ROW_SOURCE, other]


def test_rows_without_a_citation_have_an_empty_source_and_lists_become_text() -> None:
    rows = ({"Namn": ["a", "b"], "Fält": {"typ": "enkät"}}, {"Namn": "c", "Fält": 3})
    table = rows_table(result(rows, (ROW_SOURCE,), columns=("Namn", "Fält")), [])
    assert list(table.columns) == ["Namn", "Fält", SOURCE_COLUMN]
    assert table.to_dict("records") == [
        {"Namn": "a, b", "Fält": "typ: enkät", SOURCE_COLUMN: "[1]"},
        {"Namn": "c", "Fält": 3, SOURCE_COLUMN: ""},
    ]


def test_no_rows_give_an_empty_table_with_its_columns() -> None:
    table = rows_table(result(()), [])
    assert table.empty and list(table.columns) == ["Namn", SOURCE_COLUMN]


def _show(result, sources) -> None:
    from assistant.ui.tool_view import show_tool_result

    show_tool_result(result, sources, key="t")


def _app(tool_result, sources=None) -> AppTest:
    app = AppTest.from_function(_show, args=(tool_result, sources if sources is not None else []), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_message_rows_and_suggestions_are_shown_as_text() -> None:
    rows = [{"Namn": "a"}, {"Namn": "b"}]
    app = _app(result(rows, (ROW_SOURCE,) * 2, message="2 mått *saknar* datakälla.", suggestions=("Kontinuitet_1",)))
    assert [m.value for m in app.markdown] == [r"2 mått \*saknar\* datakälla."]
    assert [e.label for e in app.expander] == ["Tabell med alla 2 rader"]
    assert not app.expander[0].proto.expanded  # the answer text already shows a few rows
    assert list(app.dataframe[0].value[SOURCE_COLUMN]) == ["[1]", "[1]"]
    assert [c.value for c in app.caption] == [r"Menade du: Kontinuitet\_1"]


def test_a_table_longer_than_the_answer_shows_opens_by_itself() -> None:
    rows = [{"Namn": str(n)} for n in range(ROWS_IN_ANSWER + 1)]
    app = _app(result(rows))
    assert app.expander[0].proto.expanded
    assert len(app.dataframe[0].value) == ROWS_IN_ANSWER + 1


def test_one_row_is_a_table_and_nothing_is_nothing() -> None:
    assert [e.label for e in _app(result([{"Namn": "a"}])).expander] == ["Tabell"]
    empty = _app(result(()))
    assert not empty.markdown and not empty.expander and not empty.caption
