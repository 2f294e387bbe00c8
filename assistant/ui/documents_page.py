"""The Dokument page: the documents the assistant answers from, in words staff use, each one readable in full."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.index.catalog import CatalogEntry
from assistant.ui import resources
from assistant.ui.page_guard import render_safely
from assistant.ui.sources_view import document_link
from assistant.ui.text import plain

# About 3,000 characters of running text fill a printed page.
CHARACTERS_PER_PAGE = 3000
OCR_NOTE = (
    "”Maskinläst text” betyder att dokumentet var en skannad bild: texten är tolkad med OCR och rättad "
    "automatiskt, så enstaka ord kan vara felstavade. Jämför med originalet innan du citerar."
)


def documents_table(entries: list[CatalogEntry]) -> pd.DataFrame:
    """One row per document, in plain Swedish: what it is, who wrote it, how long, where it comes from."""
    return pd.DataFrame.from_records(
        [
            {
                "Dokument": e.info.title,
                "Utgivare": e.info.publisher,
                "Datum": e.info.date,
                "Typ": e.info.kind,
                "Omfång (ungefär sidor)": max(1, round(e.characters / CHARACTERS_PER_PAGE)),
                "Textstycken att söka i": e.passages,
                "Maskinläst text (OCR)": "ja" if e.info.ocr else "nej",
                "Ursprunglig fil": e.info.source or e.info.path.rsplit("/", 1)[-1],
            }
            for e in entries
        ]
    )


def render() -> None:
    st.title("Dokument")
    render_safely(_draw, "Dokument")


def _draw() -> None:
    assistant = resources.open_assistant(resources.current_settings())
    _, entries = resources.live_catalog(assistant)
    passages = sum(e.passages for e in entries)
    st.markdown(
        f"Assistenten svarar ur **{len(entries)} dokument**, uppdelade i **{passages} textstycken** som den söker i."
    )
    st.dataframe(
        documents_table(entries),
        hide_index=True,
        width="stretch",
        column_config={
            # Widths that keep every column in view on a laptop (the OCR column is the one users need).
            "Dokument": st.column_config.TextColumn(width="medium"),
            "Utgivare": st.column_config.TextColumn(width="medium"),
            "Omfång (ungefär sidor)": st.column_config.NumberColumn(format="%d"),
            "Textstycken att söka i": st.column_config.NumberColumn(format="%d"),
        },
    )
    if any(e.info.ocr for e in entries):
        st.caption(OCR_NOTE)
    st.subheader("Läs ett dokument")
    for entry in entries:
        document_link(entry.info.doc_id, label=plain(entry.info.title))
