"""👍/👎, a reason and an optional comment under every answer, saved at once to the feedback file, and shown
again as given when the conversation is reopened."""

from __future__ import annotations

import logging

import streamlit as st

from assistant.errors import AssistantError
from assistant.feedback import REASONS, Feedback, FeedbackStore
from assistant.ui.export import sources_of
from assistant.ui.identity import login_id
from assistant.ui.turns import ChatTurn

log = logging.getLogger(__name__)

RATING_LABELS = {"up": ":material/thumb_up: Bra svar", "down": ":material/thumb_down: Inte bra"}
REASON_LABELS = {reason: reason.capitalize() for reason in REASONS}
THANKS = "Tack för återkopplingen!"
THANKS_COMMENT = "Tack, din kommentar är sparad."
GIVEN = "feedback_given"  # answer id -> the feedback stored on it (None: none), as this session last knew it


def show_feedback(turn: ChatTurn, store: FeedbackStore | None, backend: str) -> None:
    """The rating; once rated, a reason and a comment to send, and a thank-you that stays in view."""
    if store is None or turn.answer is None:
        return
    answer_id = turn.answer_id
    st.segmented_control(
        "Var svaret till hjälp?",
        list(RATING_LABELS),
        format_func=RATING_LABELS.get,
        key=f"rating-{answer_id}",
        on_change=_save,
        args=(turn, store, backend),
    )
    if st.session_state.get(f"rating-{answer_id}") is None:
        return
    thanks = st.session_state.get(f"thanks-{answer_id}")
    if thanks:
        st.success(thanks, icon=":material/check_circle:")
    with st.form(key=f"comment-form-{answer_id}", border=True, enter_to_submit=False):
        st.pills(
            "Vad var fel? (valfritt)",
            list(REASONS),
            format_func=REASON_LABELS.get,
            key=f"reason-{answer_id}",
        )
        st.text_area(
            "Kommentar (valfri)",
            key=f"comment-{answer_id}",
            placeholder="Vad var bra, fel eller saknades?",
            max_chars=2000,
            height=80,
        )
        st.form_submit_button("Skicka kommentar", on_click=_save, args=(turn, store, backend, True))


def restore_feedback(turns: list[ChatTurn], store: FeedbackStore | None) -> None:
    """The rating, reason and comment the user gave earlier on these answers, shown as given (after a reload,
    or when a stored conversation is opened again). One query per run reads the rows of the answers this session
    has not read yet, and only those."""
    given: dict[str, Feedback | None] = st.session_state.setdefault(GIVEN, {})
    unknown = {turn.answer_id for turn in turns if turn.answer is not None} - given.keys()
    if store is not None and unknown:
        try:
            found = store.given_on(unknown)
            given.update({answer_id: found.get(answer_id) for answer_id in unknown})
        except AssistantError as exc:
            log.error("Feedback not restored: %s", exc.cause)
    for turn in turns:
        entry = given.get(turn.answer_id)
        # A widget's state is dropped when a run does not draw it (another conversation was open): set it again.
        if entry is None or f"rating-{turn.answer_id}" in st.session_state:
            continue
        if entry.rating in RATING_LABELS:
            st.session_state[f"rating-{turn.answer_id}"] = entry.rating
        if entry.reason in REASONS:
            st.session_state[f"reason-{turn.answer_id}"] = entry.reason
        if entry.comment:
            st.session_state[f"comment-{turn.answer_id}"] = entry.comment


def _save(turn: ChatTurn, store: FeedbackStore, backend: str, commented: bool = False) -> None:
    answer_id = turn.answer_id
    rating = st.session_state.get(f"rating-{answer_id}") or ""
    comment = (st.session_state.get(f"comment-{answer_id}") or "").strip()
    reason = st.session_state.get(f"reason-{answer_id}") or ""
    feedback = Feedback(
        answer_id=answer_id,
        question=turn.question,
        answer=turn.answer.answer,
        citations=tuple(sources_of(turn.answer)),
        rating=rating if rating in RATING_LABELS else "",
        comment=comment,
        backend=backend,
        reason=reason if reason in REASONS else "",
        user_id=login_id(),
    )
    try:
        store.save(feedback)
    except AssistantError as exc:
        log.error("Feedback not saved: %s", exc.cause)
        st.session_state.pop(f"thanks-{answer_id}", None)
        st.toast(exc.user_message, icon=":material/warning:")
        return
    st.session_state.setdefault(GIVEN, {})[answer_id] = feedback
    thanks = THANKS_COMMENT if commented and (comment or reason) else THANKS
    st.session_state[f"thanks-{answer_id}"] = thanks
    st.toast(thanks, icon=":material/check_circle:")
