"""A tool answer's rows as a table, each row pointing at its numbered source."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ..models import Citation
from ..source_context import ChunkNeighbours
from .sources_view import show_sources
from .text import plain

SOURCE_COLUMN = "Källa"


def rows_table(result: Any) -> tuple[pd.DataFrame, list[Citation]]:
    """The rows as a DataFrame with a 'Källa' column [n], and the distinct sources it numbers."""
    sources: list[Citation] = []
    numbers: dict[Citation, int] = {}
    records = []
    citations = list(getattr(result, "citations", ()))
    for index, row in enumerate(result.rows):
        record = {column: _cell(row.get(column)) for column in result.columns}
        if index < len(citations):
            citation = citations[index]
            if citation not in numbers:
                sources.append(citation)
                numbers[citation] = len(sources)
            record[SOURCE_COLUMN] = f"[{numbers[citation]}]"
        records.append(record)
    columns = list(result.columns) + ([SOURCE_COLUMN] if sources else [])
    return pd.DataFrame.from_records(records, columns=columns), sources


def show_tool_result(result: Any, neighbours: ChunkNeighbours, key: str) -> None:
    """Message, table, suggestions and the table's sources of one tool call."""
    if result.message:
        st.markdown(plain(result.message))
    if result.rows:
        table, sources = rows_table(result)
        st.dataframe(table, hide_index=True, width="stretch", key=f"tool-table-{key}")
        show_sources(sources, (), neighbours, heading="Källor till tabellen", key=f"tool-{key}")
    if result.suggestions:
        st.caption("Menade du: " + ", ".join(plain(s) for s in result.suggestions))


def _cell(value: Any) -> Any:
    # Arrow needs one type per column; lists and dicts are shown as text.
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value
