"""Tests for assistant.ui.feedback_view: 👍/👎 and a comment under an answer, saved at once."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from assistant.feedback import Feedback, FeedbackError, FeedbackStore
from assistant.models import Answer, Citation
from assistant.ui.turns import ChatTurn

CITED = Citation("Ansvaret delas.", "d", "Rapport", "Ansvar", 2, chunk_id="d-1")
ROW = Citation("Rad ur tabellen.", "f", "Färdplan", "Satsningar", 9)


def _turn() -> ChatTurn:
    tool_result = SimpleNamespace(citations=(ROW,))
    return ChatTurn("Vem ansvarar?", Answer("Regionen och kommunen [1].", (CITED,), (), tool_calls=(tool_result,)))


def _feedback(turn, store, backend) -> None:
    from assistant.ui.feedback_view import show_feedback

    show_feedback(turn, store, backend)


def _app(turn, store) -> AppTest:
    app = AppTest.from_function(_feedback, args=(turn, store, "extractive"), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_rating_is_saved_with_the_answer_and_every_source_then_a_comment_updates_it(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    turn = _turn()
    app = _app(turn, store)
    assert not app.text_area and not app.pills  # the reason and comment come once the answer is rated
    assert app.segmented_control[0].options == ["Bra svar", "Inte bra"]  # 👍/👎 are drawn as icons
    app.segmented_control[0].set_value("down").run()
    assert [t.value for t in app.toast] == ["Tack för återkopplingen!"]
    assert [s.value for s in app.success] == ["Tack för återkopplingen!"]  # stays in view, not only a toast
    expected = Feedback(turn.answer_id, turn.question, turn.answer.answer, (CITED, ROW), "down", "", "extractive")
    assert store.all() == [expected]

    assert app.pills[0].options == ["Fel fakta", "Fel källa", "Saknar svar", "Otydligt"]
    app.pills[0].set_value("saknar svar")
    app.text_area(key=f"comment-{turn.answer_id}").input("  Sidan saknas  ")
    next(b for b in app.button if b.label == "Skicka kommentar").click().run()
    assert store.all() == [Feedback(**{**expected.__dict__, "comment": "Sidan saknas", "reason": "saknar svar"})]
    assert "Tack, din kommentar är sparad." in [t.value for t in app.toast]
    assert [s.value for s in app.success] == ["Tack, din kommentar är sparad."]


def test_a_store_that_fails_shows_its_swedish_message(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    class BrokenStore:
        def save(self, feedback: Feedback) -> None:
            raise FeedbackError("Återkopplingen kunde inte sparas. Försök igen.", "disk full")

    app = _app(_turn(), BrokenStore())
    app.segmented_control[0].set_value("up").run()
    assert not app.exception, app.exception
    assert [t.value for t in app.toast] == ["Återkopplingen kunde inte sparas. Försök igen."]
    assert not app.success
    assert "disk full" in caplog.text


def test_no_store_or_no_answer_shows_no_buttons(tmp_path: Path) -> None:
    assert not _app(_turn(), None).segmented_control
    assert not _app(ChatTurn("Fråga", error="Fel."), FeedbackStore(tmp_path / "f.sqlite")).segmented_control


def _restored(turns, store, user: str = "") -> None:
    import streamlit as st

    from assistant.ui.feedback_view import restore_feedback, show_feedback

    if user:
        st.session_state.setdefault("user_id", user)
    restore_feedback(turns, store)
    for turn in turns:
        show_feedback(turn, store, "extractive")


def test_feedback_given_earlier_shows_as_given_and_only_its_rows_are_read_once(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    rated, unrated, elsewhere = _turn(), _turn(), _turn()
    store.save(Feedback(rated.answer_id, rated.question, "…", rating="down", comment="Fel år", reason="fel fakta"))
    store.save(Feedback(elsewhere.answer_id, elsewhere.question, "…", rating="up"))  # another conversation's
    reads = []
    real_given_on = store.given_on
    store.given_on = lambda answer_ids: reads.append(set(answer_ids)) or real_given_on(answer_ids)
    store.all = lambda: pytest.fail("every row of the feedback file was read")
    app = AppTest.from_function(_restored, args=([rated, unrated], store), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    assert [c.value for c in app.segmented_control] == ["down", None]
    assert app.pills[0].value == "fel fakta"
    assert app.text_area(key=f"comment-{rated.answer_id}").value == "Fel år"
    app.segmented_control(key=f"rating-{unrated.answer_id}").set_value("up").run()
    app.run()
    assert [c.value for c in app.segmented_control] == ["down", "up"]
    assert reads == [{rated.answer_id, unrated.answer_id}]  # one query, for this conversation's answers


def test_a_rating_is_restored_again_after_another_conversation_was_open(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    turn = _turn()
    app = AppTest.from_function(_restored, args=([turn], store), default_timeout=30)
    app.run()
    app.segmented_control[0].set_value("up").run()
    app.args = ([], store)  # another conversation: the rating's widget is not drawn and its state is dropped
    app.run()
    app.args = ([turn], store)
    app.run()
    assert not app.exception, app.exception
    assert [c.value for c in app.segmented_control] == ["up"]


def test_feedback_of_a_logged_in_user_is_stored_under_them(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    turn = _turn()
    app = AppTest.from_function(_restored, args=([turn], store, "login:anna@regionsormland.se"), default_timeout=30)
    app.run()
    app.segmented_control[0].set_value("up").run()
    assert [entry.user_id for entry in store.all()] == ["login:anna@regionsormland.se"]
