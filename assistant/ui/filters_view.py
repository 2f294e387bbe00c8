"""The sidebar: limit the search to some documents or kinds, see which answer backend is active."""

from __future__ import annotations

import streamlit as st

from assistant.index.catalog import CatalogEntry
from assistant.retrieval.hybrid import SearchFilters

BACKEND_LABELS = {"extractive": "Extraktiv – citerar dokumentens egna meningar, ingen språkmodell"}


def sidebar_filters(entries: list[CatalogEntry]) -> SearchFilters:
    """Document and kind pickers; nothing picked searches everything."""
    titles = {e.info.doc_id: e.info.title for e in entries}
    kinds = sorted({e.info.kind for e in entries if e.info.kind})
    with st.sidebar:
        st.subheader("Avgränsa sökningen")
        doc_ids = st.multiselect(
            "Dokument", list(titles), format_func=lambda d: titles[d], placeholder="Alla dokument", key="filter-docs"
        )
        chosen_kinds = st.multiselect("Dokumenttyp", kinds, placeholder="Alla typer", key="filter-kinds")
    return SearchFilters(doc_ids=tuple(doc_ids), kinds=tuple(chosen_kinds))


def sidebar_backend(name: str, embedder_error: str = "") -> None:
    """Which backend writes the answers; a warning when search runs on keywords only."""
    with st.sidebar:
        st.subheader("Svarsmotor")
        st.markdown(BACKEND_LABELS.get(name, f"Språkmodell: `{name}`"))
        if embedder_error:
            st.warning(f"Bara nyckelordssökning: {embedder_error}")
