"""The document view: any indexed document in full, its sections as a table of contents, a cited passage marked.

Opened from a source card ("Öppna i dokumentet") with ?dokument=<id>&passage=<chunk id>: the passage is
marked and scrolled into view. The text is the indexed (cleaned) text, shown as text, never as HTML or links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from assistant.models import Chunk
from assistant.retrieval.neighbours import marked_sentences
from assistant.ui import resources
from assistant.ui.page_guard import render_safely
from assistant.ui.scroll import scroll_into_view
from assistant.ui.text import plain, sentences_markdown

DOC_PARAM = "dokument"
PASSAGE_PARAM = "passage"
CITED_KEY = "cited-passage"
SCROLLED = "document-scrolled"
TOC_TARGET = "document-scroll-to"
OCR_NOTE = (
    "Texten i det här dokumentet är maskinläst (OCR) ur en skannad rapport och rättad automatiskt; "
    "enstaka ord kan vara felstavade."
)


@dataclass(frozen=True)
class Section:
    """A run of consecutive passages under the same heading."""

    title: str
    chunks: tuple[Chunk, ...]


def sections(chunks: Sequence[Chunk]) -> list[Section]:
    """The document's passages in reading order, grouped by section (a section met again starts a new group)."""
    ordered = sorted(chunks, key=lambda c: (c.start, c.end))
    groups: list[Section] = []
    for chunk in ordered:
        title = chunk.section or chunk.title
        if groups and groups[-1].title == title:
            groups[-1] = Section(title, (*groups[-1].chunks, chunk))
        else:
            groups.append(Section(title, (chunk,)))
    return groups


def render() -> None:
    st.title("Läs dokumentet")
    render_safely(_draw, "Dokumentvy")


def _draw() -> None:
    assistant = resources.open_assistant(resources.current_settings())
    _, entries = resources.live_catalog(assistant)
    if not entries:
        st.info("Inga dokument är inlästa ännu.")
        return
    titles = {e.info.doc_id: e.info.title for e in entries}
    wanted = st.query_params.get(DOC_PARAM, "")
    doc_id = wanted if wanted in titles else next(iter(titles))
    chosen = st.selectbox(
        "Dokument",
        list(titles),
        index=list(titles).index(doc_id),
        format_func=lambda d: titles[d],
        key=f"document-choice-{doc_id}",
    )
    if chosen != doc_id:
        st.query_params.from_dict({DOC_PARAM: chosen})
        st.rerun()
    entry = next(e for e in entries if e.info.doc_id == doc_id)
    passage = st.query_params.get(PASSAGE_PARAM, "")
    chunks = [c for c in assistant.retriever.chunks if c.doc_id == doc_id]
    groups = sections(chunks)

    facts = [entry.info.publisher, entry.info.date, entry.info.kind]
    st.caption(" · ".join(plain(f) for f in facts if f))
    if entry.info.ocr:
        st.info(OCR_NOTE, icon=":material/document_scanner:")
    cited = next((c for c in chunks if c.chunk_id == passage), None)
    if passage and cited is None:
        st.warning("Den citerade passagen finns inte i den här versionen av dokumentet; hela dokumentet visas.")
    if cited is not None:
        st.page_link(
            "app_pages/document.py",
            label="Visa utan markering",
            icon=":material/ink_eraser:",
            query_params={DOC_PARAM: doc_id},
        )
    _contents(groups, cited, f"contents-{doc_id}")
    for number, group in enumerate(groups):
        with st.container(key=f"section-{number}"):
            st.markdown(f"#### {plain(group.title)}")
            # Consecutive passages as one block of text (a long report stays quick to draw).
            pending: list[str] = []
            for chunk in group.chunks:
                if cited is not None and chunk.chunk_id == cited.chunk_id:
                    if pending:
                        st.markdown("\n\n".join(pending))
                        pending = []
                    with st.container(border=True, key=CITED_KEY):
                        st.markdown(":orange-badge[Citerad passage]" + (f" · s. {chunk.page}" if chunk.page else ""))
                        st.markdown(sentences_markdown(marked_sentences(chunk.text, chunk.text), _flagged(chunk)))
                else:
                    pending.append(sentences_markdown(marked_sentences(chunk.text, ""), _flagged(chunk)))
            if pending:
                st.markdown("\n\n".join(pending))
    target = st.session_state.pop(TOC_TARGET, None)
    if target:
        scroll_into_view(target, focus=True)
    elif cited is not None and st.session_state.get(SCROLLED) != (doc_id, passage):
        st.session_state[SCROLLED] = (doc_id, passage)
        scroll_into_view(CITED_KEY, focus=True)


def _contents(groups: list[Section], cited: Chunk | None, key: str) -> None:
    """The sections as a table of contents: choosing one brings it into view."""
    titles = [g.title + (" (citerad passage)" if cited is not None and cited in g.chunks else "") for g in groups]
    st.selectbox(
        f"Innehåll ({len(groups)} avsnitt)",
        range(len(groups)),
        index=None,
        format_func=lambda i: f"{i + 1}. {titles[i]}",
        placeholder="Gå till ett avsnitt …",
        key=key,
        on_change=_go_to,
        args=(key,),
    )


def _flagged(chunk: Chunk) -> tuple[str, ...]:
    # Sentences addressed to the assistant or the reader (flagged at ingest) are marked in the text.
    return tuple(getattr(chunk, "instructions", None) or ())


def _go_to(key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen is not None:
        st.session_state[TOC_TARGET] = f"section-{chosen}"
