"""The sidebar: limit the search to some documents or kinds, see which answer backend is active."""

from __future__ import annotations

import streamlit as st

from assistant.index.catalog import CatalogEntry
from assistant.retrieval.hybrid import SearchFilters
from assistant.ui.text import plain

DOCS_KEY = "filter-docs"
KINDS_KEY = "filter-kinds"

BACKEND_LABELS = {"extractive": "Extraktiv – citerar dokumentens egna meningar, ingen språkmodell"}


def sidebar_filters(entries: list[CatalogEntry]) -> SearchFilters:
    """Document and kind pickers; nothing picked searches everything."""
    titles = {e.info.doc_id: e.info.title for e in entries}
    kinds = sorted({e.info.kind for e in entries if e.info.kind})
    with st.sidebar:
        st.subheader("Avgränsa sökningen")
        # Only choices this catalogue still has (a rebuilt index may have dropped one).
        for key, options in ((DOCS_KEY, titles), (KINDS_KEY, kinds)):
            if key in st.session_state:
                st.session_state[key] = [v for v in st.session_state[key] if v in options]
        doc_ids = st.multiselect(
            "Dokument",
            list(titles),
            format_func=lambda d: titles[d],
            placeholder="Alla dokument",
            key=DOCS_KEY,
            select_all=False,
        )
        chosen_kinds = st.multiselect("Dokumenttyp", kinds, placeholder="Alla typer", key=KINDS_KEY, select_all=False)
    return SearchFilters(doc_ids=tuple(doc_ids), kinds=tuple(chosen_kinds))


def clear_filters() -> None:
    """Search everything again (call from a callback, before the pickers are drawn)."""
    st.session_state[DOCS_KEY] = []
    st.session_state[KINDS_KEY] = []


def filter_chips(filters: SearchFilters, entries: list[CatalogEntry]) -> None:
    """The active filters above the chat, each a button that removes it; nothing when none is on."""
    if not filters.doc_ids and not filters.kinds:
        return
    titles = {e.info.doc_id: e.info.title for e in entries}
    with st.container(horizontal=True, key="filter-chips", vertical_alignment="center"):
        st.markdown("Söker bara i:")
        for doc_id in filters.doc_ids:
            st.button(
                plain(titles.get(doc_id, doc_id)),
                key=f"chip-doc-{doc_id}",
                icon=":material/close:",
                help="Ta bort filtret",
                on_click=_remove,
                args=(DOCS_KEY, doc_id),
            )
        for kind in filters.kinds:
            st.button(
                f"Typ: {plain(kind)}",
                key=f"chip-kind-{kind}",
                icon=":material/close:",
                help="Ta bort filtret",
                on_click=_remove,
                args=(KINDS_KEY, kind),
            )
        st.button("Sök i allt", key="chip-clear", type="tertiary", on_click=clear_filters)


def _remove(key: str, value: str) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v != value]


def sidebar_backend(name: str, embedder_error: str = "") -> None:
    """Which backend writes the answers; a warning when search runs on keywords only."""
    with st.sidebar:
        st.subheader("Svarsmotor")
        st.markdown(BACKEND_LABELS.get(name, f"Språkmodell: `{name}`"))
        if embedder_error:
            st.warning(f"Bara nyckelordssökning: {embedder_error}")
