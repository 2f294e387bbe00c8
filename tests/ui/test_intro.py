"""Tests for assistant.ui.intro: the empty chat's introduction and its example questions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.ui.intro import EXAMPLES, PENDING_QUESTION


def _intro() -> None:
    from assistant.ui.intro import show_intro

    show_intro()


def test_every_example_question_is_a_button_under_its_audience() -> None:
    app = AppTest.from_function(_intro, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    assert [b.label for b in app.button] == [q for questions in EXAMPLES.values() for q in questions]
    texts = [m.value for m in app.markdown]
    assert [f"**{audience}**" for audience in EXAMPLES] == [t for t in texts if t.startswith("**")]


def test_a_click_leaves_the_question_for_the_chat_to_ask() -> None:
    app = AppTest.from_function(_intro, default_timeout=30)
    app.run()
    assert PENDING_QUESTION not in app.session_state
    question = EXAMPLES["Analytiker"][1]
    next(b for b in app.button if b.label == question).click().run()
    assert app.session_state[PENDING_QUESTION] == question


def test_each_audience_has_questions() -> None:
    assert set(EXAMPLES) == {"Ny medarbetare", "Processledare", "Analytiker"}
    assert all(questions and all(q.endswith("?") for q in questions) for questions in EXAMPLES.values())
