"""Tests for assistant.ui.chat: a browser session's conversation over the shared Assistant (app.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
QUESTION = "Vem delar ansvaret för hemsjukvården?"


def _started() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def _ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception, app.exception
    return app


def test_a_new_conversation_forgets_the_turns_and_shows_the_intro_again(app_env) -> None:
    app = _ask(_started(), QUESTION)
    assert len(app.session_state["turns"]) == 1
    next(b for b in app.sidebar.button if b.label == "Ny konversation").click().run()
    assert app.session_state["turns"] == []
    assert "Välkommen till Nära vård-assistenten" in [m.value.removeprefix("### ") for m in app.markdown]


def test_answers_are_shown_without_rating_when_the_feedback_file_cannot_be_opened(
    app_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_FEEDBACK_DB", str(blocker / "feedback.sqlite"))
    app = _ask(_started(), QUESTION)
    assert [w.value for w in app.sidebar.warning] == ["Återkopplingen kan inte sparas just nu."]
    assert app.session_state["turns"][0].answer is not None
    assert not app.feedback


def test_an_unexpected_error_is_a_short_message_and_a_traceback_in_the_log(app_env, monkeypatch, caplog) -> None:
    def broken_ask(*args, **kwargs):
        raise KeyError("chunk-17")

    app = _started()
    monkeypatch.setattr("assistant.core.Assistant.ask", broken_ask)
    _ask(app, QUESTION)
    [turn] = app.session_state["turns"]
    assert turn.answer is None
    assert [e.value for e in app.error] == ["Något gick fel med frågan. Försök igen eller formulera om den."]
    assert "Traceback" in caplog.text and "chunk-17" in caplog.text
