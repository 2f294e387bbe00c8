"""The chat page: the user's conversation over the shared Assistant, stored so that it survives a reload.

A question is answered in its own script run with the input locked (and the welcome gone); the page is
then drawn again with the input open and the view at the start of the new answer.
"""

from __future__ import annotations

import logging

import streamlit as st

from assistant.errors import AssistantError
from assistant.retrieval.hybrid import SearchFilters
from assistant.ui import resources
from assistant.ui.answer_view import answer_key, show_question, show_turn
from assistant.ui.conversations_view import (
    TURNS,
    current_conversation,
    open_from_address,
    remember_turn,
    sidebar_conversations,
)
from assistant.ui.export import citations_csv, conversation_markdown
from assistant.ui.feedback_view import restore_feedback
from assistant.ui.filters_view import filter_chips, sidebar_backend, sidebar_filters
from assistant.ui.identity import current_user
from assistant.ui.intro import PENDING_QUESTION, show_intro
from assistant.ui.page_guard import render_safely
from assistant.ui.scroll import scroll_into_view
from assistant.ui.turns import ChatTurn, history

log = logging.getLogger(__name__)
INPUT_KEY = "chat-question"
SCROLL_TO = "scroll_to"
PLACEHOLDER = "Ställ en fråga om Nära vård …"


def render() -> None:
    """Sidebar, the conversation so far, and the answer to a new question; a failure is a Swedish message."""
    render_safely(_draw, "Fråga")


def _draw() -> None:
    settings = resources.current_settings()
    assistant = resources.open_assistant(settings)
    build_dir, entries = resources.live_catalog(assistant)
    backend = resources.backend_name(assistant)
    user = current_user()
    conversations = _store(resources.conversation_store, settings.feedback_db, "Conversations")
    open_from_address(conversations, user)
    sidebar_conversations(conversations, user)
    filters = sidebar_filters(entries)
    sidebar_backend(backend, assistant.embedder_error)
    neighbours = resources.chunk_neighbours(build_dir, assistant)
    feedback = _store(resources.feedback_store, settings.feedback_db, "Feedback")

    turns: list[ChatTurn] = st.session_state.setdefault(TURNS, [])
    restore_feedback(turns, feedback)
    pending = st.session_state.get(PENDING_QUESTION)
    st.chat_input(
        PLACEHOLDER,
        key=INPUT_KEY,
        max_chars=2000,
        submit_mode="disable",  # locked in the browser at once, until the answer's run is over
        disabled=bool(pending),
        on_submit=_submitted,
    )
    filter_chips(filters, entries)
    # An element, not a block, in the welcome's place: when a question is asked it takes that place at once,
    # where a block drawn there would keep the welcome's buttons on screen until the answer is done.
    welcome = st.empty()
    if not turns and not pending:
        with welcome.container():
            show_intro()
    for turn in turns:
        show_turn(turn, neighbours, feedback, backend)
    if pending:
        show_question(pending)
        with st.chat_message("assistant"), st.spinner("Söker i dokumenten …"):
            turn = _answer(assistant, pending, turns, filters)
        turns.append(turn)
        remember_turn(conversations, user, turn)
        st.session_state.pop(PENDING_QUESTION, None)
        st.session_state[SCROLL_TO] = answer_key(turn)
        st.rerun()  # drawn again with the input open, the answer with its sources and feedback
    if turns:
        _downloads(turns, current_conversation(conversations, user))
    target = st.session_state.pop(SCROLL_TO, None)
    if target:
        # Focus too: a keyboard user's next Tab goes into the new answer (its sources, then its feedback).
        scroll_into_view(target, focus=True)


def _submitted() -> None:
    question = (st.session_state.get(INPUT_KEY) or "").strip()
    if question and not st.session_state.get(PENDING_QUESTION):
        st.session_state[PENDING_QUESTION] = question


def _downloads(turns: list[ChatTurn], conversation) -> None:
    title = conversation.title if conversation else "Samtal med Nära vård-assistenten"
    with st.container(horizontal=True, key="conversation-downloads"):
        st.download_button(
            "Ladda ner samtalet (Markdown)",
            conversation_markdown(turns, title),
            file_name="samtal-nara-vard.md",
            mime="text/markdown",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Ladda ner källorna (CSV)",
            citations_csv(turns),
            file_name="kallor-nara-vard.csv",
            mime="text/csv",
            icon=":material/table:",
            on_click="ignore",
        )


def _answer(assistant, question: str, turns: list[ChatTurn], filters: SearchFilters) -> ChatTurn:
    try:
        return ChatTurn(question, resources.ask(assistant, question, history(turns), filters))
    except AssistantError as exc:
        log.error("Question failed: %s", exc.cause)
        return ChatTurn(question, error=exc.user_message)
    except Exception:  # noqa: BLE001 - the user gets a short message, the log the traceback
        log.exception("Question failed: %r", question)
        return ChatTurn(question, error="Något gick fel med frågan. Försök igen eller formulera om den.")


def _store(open_store, path: str, what: str):
    try:
        return open_store(path)
    except AssistantError as exc:
        log.error("%s disabled: %s", what, exc.cause)
        st.sidebar.warning(exc.user_message)
        return None
