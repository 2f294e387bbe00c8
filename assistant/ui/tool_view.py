"""A tool answer's rows as a table, each row pointing at its numbered source."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from assistant.models import Citation
from assistant.ui.text import plain

SOURCE_COLUMN = "Källa"
# The answer text already holds a small Markdown table of the first rows; the full table opens
# on its own when the answer could not show every row.
ROWS_IN_ANSWER = 8


def source_number(citation: Citation, sources: list[Citation]) -> int:
    """The citation's 1-based number in sources, appended when new (same document and text: same source)."""
    for number, existing in enumerate(sources, start=1):
        if existing.doc_id == citation.doc_id and existing.text == citation.text:
            return number
    sources.append(citation)
    return len(sources)


def rows_table(result: Any, sources: list[Citation]) -> pd.DataFrame:
    """The rows as a DataFrame with a 'Källa' column [n] numbering into sources (which it extends)."""
    citations = list(result.citations)
    records = []
    for index, row in enumerate(result.rows):
        record = {column: _cell(row.get(column)) for column in result.columns}
        record[SOURCE_COLUMN] = f"[{source_number(citations[index], sources)}]" if index < len(citations) else ""
        records.append(record)
    return pd.DataFrame.from_records(records, columns=[*result.columns, SOURCE_COLUMN])


def show_tool_result(result: Any, sources: list[Citation], key: str) -> None:
    """The tool's message, all its rows in a sortable table, and the names it suggests."""
    if result.message:
        st.markdown(plain(result.message))
    if result.rows:
        label = f"Tabell med alla {len(result.rows)} rader" if len(result.rows) > 1 else "Tabell"
        with st.expander(label, expanded=len(result.rows) > ROWS_IN_ANSWER, icon=":material/table:"):
            st.dataframe(rows_table(result, sources), hide_index=True, width="stretch", key=f"tool-table-{key}")
    if result.suggestions:
        st.caption("Menade du: " + ", ".join(plain(s) for s in result.suggestions))


def _cell(value: Any) -> Any:
    # Arrow needs one type per column; lists and dicts are shown as text.
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value
