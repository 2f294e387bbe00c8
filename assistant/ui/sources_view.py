"""Numbered sources under an answer: where each comes from, the cited sentence, the text around it.

The best sources (the first OPEN_SOURCES) are shown; the rest fold under "Fler källor (n)", so that the
answer, not its sources, fills the view. Each source with a passage in the index opens in the document.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import streamlit as st
from streamlit.errors import StreamlitAPIException

from assistant.ingest.instructions import instruction_notice as notice
from assistant.models import Citation, Passage
from assistant.retrieval.neighbours import ChunkNeighbours, excerpt, marked_sentences
from assistant.ui.text import plain, sentences_markdown

log = logging.getLogger(__name__)

OPEN_SOURCES = 3
DOCUMENT_PAGE = "app_pages/document.py"


def source_label(number: int, citation: Citation) -> str:
    """'[n] Title · Section · s. page' as Markdown."""
    parts = [f"**[{number}]** {plain(citation.title)}"]
    if citation.section:
        parts.append(plain(citation.section))
    if citation.page:
        parts.append(f"s. {citation.page}")
    return " · ".join(parts)


def show_sources(
    citations: Sequence[Citation],
    passages: Sequence[Passage],
    neighbours: ChunkNeighbours,
    heading: str = "Källor",
    key: str = "",
) -> None:
    """Each citation numbered from 1, with its passage excerpt and an expander for the surrounding text."""
    if not citations:
        return
    st.markdown(f"**{heading}**")
    passage_text = {p.chunk_id: p.text for p in passages}
    numbered = list(enumerate(citations, start=1))
    for number, citation in numbered[:OPEN_SOURCES]:
        with st.container(border=True, key=f"source-{key}-{number}"):
            _show_source(number, citation, passage_text, neighbours)
    rest = numbered[OPEN_SOURCES:]
    if rest:
        with st.expander(f"Fler källor ({len(rest)})", icon=":material/library_books:"):
            for number, citation in rest:
                with st.container(border=True, key=f"source-{key}-{number}"):
                    _show_source(number, citation, passage_text, neighbours)


def _show_source(number: int, citation: Citation, passage_text: dict[str, str], neighbours: ChunkNeighbours) -> None:
    surrounding = neighbours.around(citation.chunk_id) if citation.chunk_id else None
    text = passage_text.get(citation.chunk_id) or (surrounding.chunk.text if surrounding else citation.text)
    sentences = marked_sentences(text, getattr(citation, "quote", "") or citation.text)
    warned = tuple(getattr(citation, "instructions", None) or ())
    st.markdown(source_label(number, citation))
    if warned:
        st.warning(instruction_notice(warned), icon=":material/gpp_maybe:")
    st.markdown(sentences_markdown(excerpt(sentences), warned))
    if surrounding is not None:
        document_link(citation.doc_id, citation.chunk_id)
    with st.expander("Visa omgivande text"):
        if surrounding is None:
            st.markdown(sentences_markdown(sentences, warned))
            return
        for chunk in surrounding.before:
            st.caption(sentences_markdown(marked_sentences(chunk.text, "")))
        st.markdown(sentences_markdown(sentences, warned))
        for chunk in surrounding.after:
            st.caption(sentences_markdown(marked_sentences(chunk.text, "")))


def document_link(doc_id: str, chunk_id: str = "", label: str = "Öppna i dokumentet") -> None:
    """A link to the document page at the passage (marked there and scrolled into view)."""
    params = {"dokument": doc_id, **({"passage": chunk_id} if chunk_id else {})}
    try:
        st.page_link(DOCUMENT_PAGE, label=label, icon=":material/menu_book:", query_params=params)
    except StreamlitAPIException as exc:  # e.g. drawn outside the app's navigation (a view's own test)
        log.debug("No document link: %s", exc)


def instruction_notice(sentences: tuple[str, ...]) -> str:
    """The same mark as the command line's (ingest/instructions.py), shown above such a source."""
    return plain(notice(sentences))
