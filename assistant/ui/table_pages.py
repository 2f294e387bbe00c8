"""What the Indikatorer and Satsningar pages share: the table tools, rows as a table, text search, a record."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from assistant.text.folding import fold
from assistant.ui import resources
from assistant.ui.sources_view import show_sources
from assistant.ui.text import plain

log = logging.getLogger(__name__)

NOT_AVAILABLE = (
    "Tabellerna ur dokumenten (indikatorbiblioteket och färdplanens satsningar) finns inte i den här "
    "versionen av assistenten ännu."
)
NOT_BUILT = "Indexet byggdes före tabellerna. Bygg om det med `assistant ingest` så visas de här."


def table_tools() -> Any:
    """The Assistant's table tools, or None after a Swedish message saying why they are missing."""
    assistant = resources.open_assistant(resources.current_settings())
    tables = getattr(assistant, "tables", None)
    if tables is None:
        st.info(NOT_AVAILABLE)
        return None
    if not getattr(tables, "available", True):
        st.info(NOT_BUILT)
        return None
    return tables


def result_frame(result: Any) -> pd.DataFrame:
    """A ToolResult's rows with its Swedish column headers and a 'Källa' column (document, page)."""
    frame = pd.DataFrame.from_records([dict(row) for row in result.rows], columns=list(result.columns))
    citations = list(result.citations)
    frame["Källa"] = [_source_text(citations[i]) if i < len(citations) else "" for i in range(len(frame))]
    return frame


def _source_text(citation: Any) -> str:
    page = f", s. {citation.page}" if citation.page else ""
    return f"{citation.title}{page}"


def matching_rows(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where every word of query occurs in some cell (case and å/ä/ö insensitive)."""
    words = fold(query).split()
    if not words:
        return frame
    haystack = frame.astype(str).agg(" ".join, axis=1).map(fold)
    keep = haystack.map(lambda text: all(w in text for w in words))
    return frame[keep]


def selected_row(event: Any) -> int | None:
    """The position of the row the user selected in a st.dataframe, if any."""
    rows = event.selection.rows if event is not None else []
    return rows[0] if rows else None


def show_record(fields: Iterable[tuple[str, object]], citations: Iterable[Any], key: str) -> None:
    """A selected row's whole record: each field as a bold label over its value, then its sources ('Källa')
    with their surrounding text from the live index. Everything from the tables is shown as plain text."""
    for label, value in fields:
        st.markdown(f"**{plain(str(label))}**  \n{plain(str(value))}")
    assistant = resources.open_assistant(resources.current_settings())
    neighbours = resources.chunk_neighbours(str(assistant.retriever.build_dir), assistant)
    show_sources(list(dict.fromkeys(citations)), (), neighbours, heading="Källa", key=key)
