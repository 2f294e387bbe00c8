"""Tests for assistant.ui.filters_view: the sidebar's document and kind filters and the backend line."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.index.catalog import CatalogEntry
from assistant.models import DocumentInfo
from assistant.retrieval.hybrid import SearchFilters

ENTRIES = [
    CatalogEntry(DocumentInfo("fardplan-2025", "Färdplan Nära vård", "f.txt", kind="färdplan"), 10, 100),
    CatalogEntry(DocumentInfo("projektrapport-2023", "Projektrapport", "p.md", kind="rapport"), 20, 200),
    CatalogEntry(DocumentInfo("bilagor", "Bilagor", "b.txt", kind="rapport"), 5, 50),
    CatalogEntry(DocumentInfo("ny", "Ny fil", "n.pdf", kind=""), 1, 10),
]


def _sidebar(entries, backend: str, embedder_error: str) -> None:
    import streamlit as st

    from assistant.ui.filters_view import sidebar_backend, sidebar_filters

    st.session_state["filters"] = sidebar_filters(entries)
    sidebar_backend(backend, embedder_error)


def _app(backend: str = "extractive", embedder_error: str = "") -> AppTest:
    app = AppTest.from_function(_sidebar, args=(ENTRIES, backend, embedder_error), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_nothing_picked_searches_everything() -> None:
    app = _app()
    assert app.session_state["filters"] == SearchFilters(doc_ids=(), kinds=())
    documents = app.sidebar.multiselect(key="filter-docs")
    assert documents.options == ["Färdplan Nära vård", "Projektrapport", "Bilagor", "Ny fil"]
    assert app.sidebar.multiselect(key="filter-kinds").options == ["färdplan", "rapport"]  # sorted, no empty kind


def test_picked_documents_and_kinds_become_the_search_filters() -> None:
    app = _app()
    app.multiselect(key="filter-docs").set_value(["bilagor", "fardplan-2025"]).run()
    app.multiselect(key="filter-kinds").set_value(["rapport"]).run()
    assert app.session_state["filters"] == SearchFilters(doc_ids=("bilagor", "fardplan-2025"), kinds=("rapport",))


def test_the_backend_line_names_the_answerer() -> None:
    extractive = _app()
    assert any(m.value.startswith("Extraktiv") for m in extractive.sidebar.markdown)
    assert not extractive.warning
    llm = _app("ollama:qwen2.5:7b")
    assert "Språkmodell: `ollama:qwen2.5:7b`" in [m.value for m in llm.sidebar.markdown]


def test_keyword_only_search_is_a_warning_in_the_sidebar() -> None:
    app = _app(embedder_error="modellen saknas")
    assert [w.value for w in app.sidebar.warning] == ["Bara nyckelordssökning: modellen saknas"]
