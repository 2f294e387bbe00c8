"""The Dokument page: every indexed document with its metadata and passage count."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assistant.index.catalog import CatalogEntry
from assistant.ui import resources
from assistant.ui.table_pages import render_safely


def documents_table(entries: list[CatalogEntry]) -> pd.DataFrame:
    """One row per document, Swedish column headers."""
    return pd.DataFrame.from_records(
        [
            {
                "Titel": e.info.title,
                "Typ": e.info.kind,
                "Datum": e.info.date,
                "Passager": e.passages,
                "Tecken": e.characters,
                "Utgivare": e.info.publisher,
                "OCR": "ja" if e.info.ocr else "",
                "I manifestet": "ja" if e.info.from_manifest else "nej",
                "Dokument-id": e.info.doc_id,
                "Fil": e.info.path.rsplit("/", 1)[-1],
                "Källa": e.info.source,
            }
            for e in entries
        ]
    )


def render() -> None:
    st.title("Dokument")
    render_safely(_draw, "Dokument")


def _draw() -> None:
    assistant = resources.open_assistant(resources.current_settings())
    entries = resources.catalog(str(assistant.retriever.build_dir))
    passages = sum(e.passages for e in entries)
    st.markdown(f"Assistenten söker i **{len(entries)} dokument** uppdelade i **{passages} passager**.")
    st.dataframe(
        documents_table(entries),
        hide_index=True,
        width="stretch",
        column_config={
            "Passager": st.column_config.NumberColumn(format="%d"),
            "Tecken": st.column_config.NumberColumn(format="%d"),
            "Källa": st.column_config.TextColumn(width="large"),
        },
    )
    st.caption("Dokumenten och deras metadata beskrivs i corpus/manifest.json.")
