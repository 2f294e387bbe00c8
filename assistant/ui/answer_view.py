"""One turn of the conversation: the question, then the answer with tables, sources and feedback."""

from __future__ import annotations

import streamlit as st

from assistant.feedback import FeedbackStore
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.ui.feedback_view import show_feedback
from assistant.ui.sources_view import show_sources
from assistant.ui.text import plain
from assistant.ui.tool_view import show_tool_result
from assistant.ui.turns import ChatTurn


def show_question(question: str) -> None:
    with st.chat_message("user"):
        st.markdown(plain(question))


def show_answer(turn: ChatTurn, neighbours: ChunkNeighbours, store: FeedbackStore | None, backend: str) -> None:
    """The answer's text (Markdown the answerer escaped), its tool tables, sources and feedback buttons."""
    if turn.answer is None:
        st.error(turn.error or "Frågan kunde inte besvaras.")
        return
    answer = turn.answer
    st.markdown(answer.answer)
    sources = list(answer.citations)  # the tables' rows number on after the answer's own markers
    for index, result in enumerate(answer.tool_calls):
        show_tool_result(result, sources, key=f"{turn.answer_id}-{index}")
    show_sources(sources, answer.passages, neighbours, key=turn.answer_id)
    show_feedback(turn, store, backend)


def show_turn(turn: ChatTurn, neighbours: ChunkNeighbours, store: FeedbackStore | None, backend: str) -> None:
    show_question(turn.question)
    with st.chat_message("assistant"):
        show_answer(turn, neighbours, store, backend)
