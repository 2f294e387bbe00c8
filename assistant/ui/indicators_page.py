"""The Indikatorer page: the indicator library's measures, searchable, one measure's full definition."""

from __future__ import annotations

import streamlit as st

from assistant.ui.page_guard import render_safely
from assistant.ui.table_pages import matching_rows, result_frame, selected_row, show_record, table_tools
from assistant.ui.text import plain

ALL = "Alla målområden"


def render() -> None:
    st.title("Indikatorer")
    render_safely(_draw, "Indikatorer")


def _draw() -> None:
    tables = table_tools()
    if tables is None:
        return
    result = tables.measures()
    if not result.rows:
        st.info(result.message or "Indikatorbiblioteket innehåller inga mått.")
        return
    st.markdown(
        "Måtten i Sörmlands indikatorbibliotek (bilaga 8 till projektrapporten). "
        "Sök, och välj en rad för att se måttets hela definition."
    )
    frame = result_frame(result)
    search, area = st.columns([3, 2])
    query = search.text_input("Sök bland måtten", placeholder="t.ex. distansbesök, SIP, alkohol", key="measure-query")
    areas = [ALL, *sorted(frame["Målområde"].dropna().unique())]
    chosen = area.selectbox("Målområde", areas, key="measure-area")
    shown = matching_rows(frame if chosen == ALL else frame[frame["Målområde"] == chosen], query)
    st.caption(f"{len(shown)} av {len(frame)} mått")
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="measure-table",
    )
    position = selected_row(event)
    if position is not None and position < len(shown):
        row = shown.iloc[position]
        _show_definition(tables, f"{row['Titel']} {row['Indikator']}", str(row["Titel"]))
    _show_data_sources(tables)


def _show_data_sources(tables) -> None:
    sources = getattr(tables, "data_sources", None)
    result = sources() if sources else None
    if result is None or not result.rows:
        return
    with st.expander("Datakällor efter typ (bilaga 2 till indikatorbiblioteket)"):
        st.dataframe(result_frame(result), hide_index=True, width="stretch")


def _show_definition(tables, name: str, title: str) -> None:
    definition = tables.measure(name)
    if not definition.rows:
        st.warning(plain(definition.message) or "Måttets definition hittades inte.")
        return
    st.subheader(plain(title))
    fields = [(row.get("Fält", ""), row.get("Uppgift", "")) for row in definition.rows]
    show_record(fields, definition.citations, key="measure")
