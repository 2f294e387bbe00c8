"""One turn of the conversation: the question, then the answer with tables, sources and feedback."""

from __future__ import annotations

import streamlit as st

from assistant.feedback import FeedbackStore
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.text.english import is_english
from assistant.ui.export import answer_text
from assistant.ui.feedback_view import show_feedback
from assistant.ui.sources_view import show_sources
from assistant.ui.text import answer_markdown, plain
from assistant.ui.tool_view import show_tool_result
from assistant.ui.turns import ChatTurn


def interpreted_as(question: str, resolved: str) -> str:
    """The line under a follow-up's answer: "Tolkat som: …" (English: "Interpreted as: …")."""
    label = "Interpreted as" if is_english(question) else "Tolkat som"
    return f"{label}: {plain(resolved)}"


def show_question(question: str) -> None:
    with st.chat_message("user"):
        st.markdown(plain(question))


def show_answer(turn: ChatTurn, neighbours: ChunkNeighbours, store: FeedbackStore | None, backend: str) -> None:
    """The answer's text (inert: no links, emphasis or LaTeX), copy, its tool tables, sources and feedback."""
    if turn.answer is None:
        st.error(turn.error or "Frågan kunde inte besvaras.")
        return
    answer = turn.answer
    st.markdown(answer_markdown(answer.answer))
    if answer.resolved:
        st.caption(interpreted_as(turn.question, answer.resolved))
    sources = list(answer.citations)  # the tables' rows number on after the answer's own markers
    for index, result in enumerate(answer.tool_calls):
        show_tool_result(result, sources, key=f"{turn.answer_id}-{index}")
    show_sources(sources, answer.passages, neighbours, key=turn.answer_id)
    with st.popover("Kopiera svaret", icon=":material/content_copy:"):
        st.caption("Kopiera allt med knappen uppe till höger i rutan, eller markera en del av texten.")
        st.code(answer_text(answer), language=None, wrap_lines=True)
    show_feedback(turn, store, backend)


def show_turn(turn: ChatTurn, neighbours: ChunkNeighbours, store: FeedbackStore | None, backend: str) -> None:
    show_question(turn.question)
    with st.chat_message("assistant"), st.container(key=answer_key(turn)):
        show_answer(turn, neighbours, store, backend)


def answer_key(turn: ChatTurn) -> str:
    """The key of the container an answer is drawn in (its element has the CSS class st-key-<key>)."""
    return f"answer-{turn.answer_id}"
