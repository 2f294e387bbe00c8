"""The user's stored conversations: the list in the sidebar, reopening one (also after a reload), rename, delete.

The open conversation's id is in the address (?samtal=…), so a reload or a bookmark reopens it; it is only
ever read for the user it belongs to.
"""

from __future__ import annotations

import logging

import streamlit as st

from assistant.conversation_store import Conversation, ConversationStore, StoredTurn, title_for
from assistant.errors import AssistantError
from assistant.ui.filters_view import clear_filters
from assistant.ui.text import plain
from assistant.ui.turns import ChatTurn

log = logging.getLogger(__name__)

TURNS = "turns"
CURRENT = "conversation_id"
QUERY_PARAM = "samtal"
LISTED = 30


def open_from_address(store: ConversationStore | None, user: str) -> None:
    """On a session's first run (e.g. after a reload), reopen the conversation the address names."""
    if store is None or CURRENT in st.session_state:
        return
    wanted = st.query_params.get(QUERY_PARAM, "")
    st.session_state[CURRENT] = ""
    if wanted:
        _open(store, user, wanted)


def current_conversation(store: ConversationStore | None, user: str) -> Conversation | None:
    conversation_id = st.session_state.get(CURRENT, "")
    if store is None or not conversation_id:
        return None
    return _safely(lambda: store.get(user, conversation_id), None)


def remember_turn(store: ConversationStore | None, user: str, turn: ChatTurn) -> None:
    """Store an answered turn in the open conversation, starting one (titled by the question) if none is open."""
    if store is None:
        return

    def save() -> None:
        conversation_id = st.session_state.get(CURRENT, "")
        if not conversation_id or store.get(user, conversation_id) is None:
            conversation_id = store.create(user, title_for(turn.question)).conversation_id
            st.session_state[CURRENT] = conversation_id
            st.query_params[QUERY_PARAM] = conversation_id
        store.add_turn(user, conversation_id, StoredTurn(turn.answer_id, turn.question, turn.answer, turn.error))

    _safely(save, None, warn=True)


def sidebar_conversations(store: ConversationStore | None, user: str) -> None:
    """'Ny konversation', the user's conversations (the open one marked), and rename/delete for the open one."""
    with st.sidebar:
        st.button("Ny konversation", on_click=new_conversation, icon=":material/add_comment:", key="new-conversation")
        st.caption("Ny konversation tömmer också avgränsningen av sökningen.")
        if store is None:
            return
        conversations = _safely(lambda: store.conversations(user), [])
        st.subheader("Dina samtal")
        if not conversations:
            st.caption("Samtalen sparas här när du ställer en fråga.")
            return
        current = st.session_state.get(CURRENT, "")
        with st.container(key="conversation-list"):
            for conversation in conversations[:LISTED]:
                is_open = conversation.conversation_id == current
                st.button(
                    plain(conversation.title),
                    key=f"conversation-{conversation.conversation_id}",
                    icon=":material/chat:" if is_open else ":material/history:",
                    type="primary" if is_open else "tertiary",
                    on_click=_open,
                    args=(store, user, conversation.conversation_id),
                    width="stretch",
                    help="Det öppna samtalet" if is_open else "Öppna samtalet",
                )
        if len(conversations) > LISTED:
            st.caption(f"Visar de {LISTED} senaste av {len(conversations)} samtal.")
        opened = next((c for c in conversations if c.conversation_id == current), None)
        if opened is not None:
            _manage(store, user, opened)


def new_conversation() -> None:
    """An empty chat with no filters; the stored conversations stay in the list."""
    st.session_state[TURNS] = []
    st.session_state[CURRENT] = ""
    st.query_params.pop(QUERY_PARAM, None)
    clear_filters()


def _manage(store: ConversationStore, user: str, conversation: Conversation) -> None:
    with st.popover("Byt namn eller ta bort", icon=":material/edit:", width="stretch"):
        key = f"rename-{conversation.conversation_id}"
        st.text_input("Samtalets namn", value=conversation.title, key=key, max_chars=200)
        st.button(
            "Spara namnet",
            key=f"save-{key}",
            on_click=_rename,
            args=(store, user, conversation.conversation_id, key),
            icon=":material/save:",
        )
        st.divider()
        st.button(
            "Ta bort samtalet",
            key=f"delete-{conversation.conversation_id}",
            on_click=_delete,
            args=(store, user, conversation.conversation_id),
            icon=":material/delete:",
            help="Samtalet och dess svar tas bort för gott. Återkoppling du har gett finns kvar.",
        )


def _open(store: ConversationStore, user: str, conversation_id: str) -> None:
    stored = _safely(lambda: store.turns(user, conversation_id), None)
    exists = _safely(lambda: store.get(user, conversation_id), None)
    if exists is None or stored is None:
        st.session_state[CURRENT] = ""
        st.query_params.pop(QUERY_PARAM, None)
        return
    st.session_state[TURNS] = [ChatTurn(t.question, t.answer, t.error, t.answer_id) for t in stored]
    st.session_state[CURRENT] = conversation_id
    st.query_params[QUERY_PARAM] = conversation_id


def _rename(store: ConversationStore, user: str, conversation_id: str, key: str) -> None:
    title = (st.session_state.get(key) or "").strip()
    if title and _safely(lambda: store.rename(user, conversation_id, title), False, warn=True):
        st.toast("Samtalet har fått nytt namn.", icon=":material/check_circle:")


def _delete(store: ConversationStore, user: str, conversation_id: str) -> None:
    if _safely(lambda: store.delete(user, conversation_id), False, warn=True):
        if st.session_state.get(CURRENT) == conversation_id:
            st.session_state[TURNS] = []
            st.session_state[CURRENT] = ""
            st.query_params.pop(QUERY_PARAM, None)
        st.toast("Samtalet är borttaget.", icon=":material/delete:")


def _safely(action, default, warn: bool = False):
    try:
        return action()
    except AssistantError as exc:
        log.error("Conversations: %s", exc.cause)
        if warn:
            st.toast(exc.user_message, icon=":material/warning:")
        return default
