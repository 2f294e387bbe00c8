"""Numbered sources under an answer: where each comes from, the cited sentence, the text around it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from assistant.models import Citation, Passage
from assistant.retrieval.neighbours import ChunkNeighbours, excerpt, marked_sentences
from assistant.ui.text import plain, sentences_markdown


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
    for number, citation in enumerate(citations, start=1):
        with st.container(border=True, key=f"source-{key}-{number}"):
            _show_source(number, citation, passage_text, neighbours)


def _show_source(number: int, citation: Citation, passage_text: dict[str, str], neighbours: ChunkNeighbours) -> None:
    surrounding = neighbours.around(citation.chunk_id) if citation.chunk_id else None
    text = passage_text.get(citation.chunk_id) or (surrounding.chunk.text if surrounding else citation.text)
    sentences = marked_sentences(text, getattr(citation, "quote", "") or citation.text)
    st.markdown(source_label(number, citation))
    st.markdown(sentences_markdown(excerpt(sentences)))
    with st.expander("Visa omgivande text"):
        if surrounding is None:
            st.markdown(sentences_markdown(sentences))
            return
        for chunk in surrounding.before:
            st.caption(sentences_markdown(marked_sentences(chunk.text, "")))
        st.markdown(sentences_markdown(sentences))
        for chunk in surrounding.after:
            st.caption(sentences_markdown(marked_sentences(chunk.text, "")))
