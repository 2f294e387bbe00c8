"""The chat page: the conversation of this browser session over the shared Assistant."""

from __future__ import annotations

import logging

import streamlit as st

from assistant.errors import AssistantError
from assistant.retrieval.hybrid import SearchFilters
from assistant.ui import resources
from assistant.ui.answer_view import show_answer, show_question, show_turn
from assistant.ui.filters_view import sidebar_backend, sidebar_filters
from assistant.ui.intro import PENDING_QUESTION, show_intro
from assistant.ui.turns import ChatTurn, history

log = logging.getLogger(__name__)
TURNS = "turns"


def render() -> None:
    """Sidebar, the conversation so far, and the answer to a new question."""
    settings = resources.current_settings()
    assistant = resources.open_assistant(settings)
    build_dir = str(assistant.retriever.build_dir)
    backend = resources.backend_name(assistant)
    filters = sidebar_filters(resources.catalog(build_dir))
    sidebar_backend(backend, assistant.embedder_error)
    with st.sidebar:
        st.button("Ny konversation", on_click=_clear, icon=":material/refresh:")
    neighbours = resources.chunk_neighbours(build_dir, assistant)
    store = _feedback_store(settings.feedback_db)

    turns: list[ChatTurn] = st.session_state.setdefault(TURNS, [])
    typed = st.chat_input("Ställ en fråga om Nära vård …", max_chars=2000)
    question = typed or st.session_state.pop(PENDING_QUESTION, None)
    if not turns and not question:
        show_intro()
    for turn in turns:
        show_turn(turn, neighbours, store, backend)
    if question:
        show_question(question)
        with st.chat_message("assistant"):
            with st.spinner("Söker i dokumenten …"):
                turn = _answer(assistant, question, turns, filters)
            turns.append(turn)
            show_answer(turn, neighbours, store, backend)


def _answer(assistant, question: str, turns: list[ChatTurn], filters: SearchFilters) -> ChatTurn:
    try:
        return ChatTurn(question, resources.ask(assistant, question, history(turns), filters))
    except AssistantError as exc:
        log.error("Question failed: %s", exc.cause)
        return ChatTurn(question, error=exc.user_message)
    except Exception:  # noqa: BLE001 - the user gets a short message, the log the traceback
        log.exception("Question failed: %r", question)
        return ChatTurn(question, error="Något gick fel med frågan. Försök igen eller formulera om den.")


def _feedback_store(path: str):
    try:
        return resources.feedback_store(path)
    except AssistantError as exc:
        log.error("Feedback disabled: %s", exc.cause)
        st.sidebar.warning(exc.user_message)
        return None


def _clear() -> None:
    st.session_state[TURNS] = []
