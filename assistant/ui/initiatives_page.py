"""The Satsningar page: the roadmap's initiatives, filtered by status and insatsområde, on a timeline."""

from __future__ import annotations

import streamlit as st

from assistant.ui.table_pages import matching_rows, render_safely, result_frame, table_tools
from assistant.ui.timeline import periods, status_label, timeline_chart


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
        "De länsgemensamma satsningarna i Färdplan för Nära vård i Sörmland. "
        "Status är härledd från satsningens period och dagens datum."
    )
    frame = result_frame(result)
    frame.insert(frame.columns.get_loc("Status"), "Läge", frame["Status"].map(status_label))
    status_column, area_column = st.columns(2)
    statuses = status_column.multiselect(
        "Status", sorted(frame["Läge"].unique()), placeholder="Alla", key="initiative-status"
    )
    areas = area_column.multiselect(
        "Insatsområde", sorted(frame["Insatsområde"].unique()), placeholder="Alla", key="initiative-area"
    )
    query = st.text_input("Sök", placeholder="t.ex. suicid, kompetens, unga vuxna", key="initiative-query")
    shown = frame
    if statuses:
        shown = shown[shown["Läge"].isin(statuses)]
    if areas:
        shown = shown[shown["Insatsområde"].isin(areas)]
    shown = matching_rows(shown, query)
    st.caption(f"{len(shown)} av {len(frame)} satsningar")
    st.dataframe(shown.drop(columns=["Läge"]), hide_index=True, width="stretch", key="initiative-table")

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
