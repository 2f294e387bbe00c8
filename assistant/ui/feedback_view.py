"""👍/👎 and an optional comment under every answer, saved at once to the feedback file."""

from __future__ import annotations

import logging

import streamlit as st

from assistant.errors import AssistantError
from assistant.feedback import RATINGS, Feedback, FeedbackStore
from assistant.ui.turns import ChatTurn

log = logging.getLogger(__name__)


def show_feedback(turn: ChatTurn, store: FeedbackStore | None, backend: str) -> None:
    """The rating buttons; once rated, a field for a comment."""
    if store is None or turn.answer is None:
        return
    rating_key = f"rating-{turn.answer_id}"
    st.feedback("thumbs", key=rating_key, on_change=_save, args=(turn, store, backend))
    if st.session_state.get(rating_key) is None:
        return
    with st.form(key=f"comment-form-{turn.answer_id}", border=False, enter_to_submit=True):
        st.text_input(
            "Kommentar (valfri)",
            key=f"comment-{turn.answer_id}",
            placeholder="Vad var bra, fel eller saknades?",
            max_chars=2000,
        )
        st.form_submit_button("Skicka kommentar", on_click=_save, args=(turn, store, backend))


def _save(turn: ChatTurn, store: FeedbackStore, backend: str) -> None:
    rating = st.session_state.get(f"rating-{turn.answer_id}")
    comment = (st.session_state.get(f"comment-{turn.answer_id}") or "").strip()
    answer = turn.answer
    citations = answer.citations + tuple(c for result in answer.tool_calls for c in result.citations)
    feedback = Feedback(
        answer_id=turn.answer_id,
        question=turn.question,
        answer=answer.answer,
        citations=citations,
        rating=RATINGS.get(rating, ""),
        comment=comment,
        backend=backend,
    )
    try:
        store.save(feedback)
    except AssistantError as exc:
        log.error("Feedback not saved: %s", exc.cause)
        st.toast(exc.user_message, icon=":material/warning:")
        return
    thanks = "Tack, kommentaren är sparad." if comment else "Tack för återkopplingen!"
    st.toast(thanks, icon=":material/check_circle:")
