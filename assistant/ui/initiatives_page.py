"""The Satsningar page: the roadmap's initiatives grouped by insatsområde, a row opens the whole record."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.ui.page_guard import render_safely
from assistant.ui.table_pages import matching_rows, result_frame, selected_row, show_record, table_tools
from assistant.ui.text import plain
from assistant.ui.timeline import periods, status_word, timeline_chart

AREA = "Insatsområde"
NO_AREA = "Utan insatsområde"


def render() -> None:
    st.title("Satsningar")
    render_safely(_draw, "Satsningar")


def _draw() -> None:
    tables = table_tools()
    if tables is None:
        return
    result = tables.initiatives()
    if not result.rows:
        st.info(result.message or "Färdplanen innehåller inga satsningar.")
        return
    st.markdown(
        "De länsgemensamma satsningarna i Färdplan för Nära vård i Sörmland, per insatsområde. "
        "Välj en rad för att se hela satsningen med källa. Status räknas fram ur satsningens period och dagens datum."
    )
    frame = result_frame(result)
    frame["Status"] = frame["Status"].map(status_word)
    if AREA in frame:
        frame[AREA] = frame[AREA].fillna("").replace("", NO_AREA)
    else:
        frame[AREA] = NO_AREA
    status_column, area_column = st.columns(2)
    statuses = status_column.multiselect(
        "Status", sorted(frame["Status"].unique()), placeholder="Alla", key="initiative-status", select_all=False
    )
    areas = area_column.multiselect(
        AREA, sorted(frame[AREA].unique()), placeholder="Alla", key="initiative-area", select_all=False
    )
    query = st.text_input("Sök", placeholder="t.ex. suicid, kompetens, unga vuxna", key="initiative-query")
    shown = frame
    if statuses:
        shown = shown[shown["Status"].isin(statuses)]
    if areas:
        shown = shown[shown[AREA].isin(areas)]
    shown = matching_rows(shown, query)
    st.caption(f"{len(shown)} av {len(frame)} satsningar")
    for number, (area, group) in enumerate(shown.groupby(AREA, sort=True)):
        _area_table(tables, number, str(area), group)

    st.subheader("Tidslinje")
    bars = periods(shown)
    if bars.empty:
        st.info("Ingen av de valda satsningarna har en angiven period.")
    else:
        st.altair_chart(timeline_chart(bars), width="stretch")
    missing = len(shown) - len(bars)
    if missing:
        st.caption(f"{missing} satsning(ar) utan angiven period visas inte i tidslinjen.")
    st.caption("”Tills vidare” ritas fram till två år efter det senaste slutåret. Streckad linje: i dag.")


def _area_table(tables, number: int, area: str, group: pd.DataFrame) -> None:
    st.subheader(plain(area), divider="gray")
    table = group.drop(columns=[AREA])
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"initiative-table-{number}",
        column_config={
            "Satsning": st.column_config.TextColumn(width="medium"),
            "Mål/syfte": st.column_config.TextColumn(width="medium"),
            "Källa": st.column_config.TextColumn(width="small"),
        },
    )
    position = selected_row(event)
    if position is not None and position < len(table):
        _show_record(tables, str(table.iloc[position]["Satsning"]))


def _show_record(tables, name: str) -> None:
    lookup = getattr(tables, "initiative", None)
    record = lookup(name) if lookup else None
    with st.container(border=True, key="initiative-record"):
        st.markdown(f"#### {plain(name)}")
        if record is None or not record.rows:
            st.warning(plain(getattr(record, "message", "")) or "Satsningen hittades inte.")
            return
        fields = [
            (column, status_word(value) if column == "Status" else value)
            for row in record.rows
            for column in record.columns
            if (value := row.get(column, "")) not in ("", None) and not (column == "Satsning" and value == name)
        ]
        show_record(fields, record.citations, key="initiative")
