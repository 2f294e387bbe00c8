"""Tests for assistant.ui.chat: a browser session's conversation over the shared Assistant (app.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_session import ask, started
from streamlit.testing.v1 import AppTest

QUESTION = "Vem delar ansvaret för hemsjukvården?"


def _sidebar_labels(app: AppTest) -> list[str]:
    return [b.label for b in app.sidebar.button]


def test_a_new_conversation_forgets_the_turns_clears_the_filters_and_shows_the_intro_again(app_env) -> None:
    app = started()
    app.multiselect(key="filter-docs").set_value(["hemsjukvard-2021"]).run()
    ask(app, QUESTION)
    assert len(app.session_state["turns"]) == 1
    next(b for b in app.sidebar.button if b.label == "Ny konversation").click().run()
    assert app.session_state["turns"] == []
    assert app.multiselect(key="filter-docs").value == []
    assert "Välkommen till Nära vård-assistenten" in [m.value.removeprefix("### ") for m in app.markdown]
    assert any("tömmer också avgränsningen" in c.value for c in app.sidebar.caption)
    assert QUESTION.replace("?", "") in " ".join(_sidebar_labels(app))  # the old conversation stays listed


def test_a_conversation_is_stored_listed_and_reopened_by_a_new_session_of_the_same_user(app_env) -> None:
    app = started("browser:" + "a" * 32)
    ask(app, QUESTION)
    ask(app, "Och hur ofta följs den upp?")
    conversation = app.session_state["conversation_id"]
    assert app.query_params["samtal"] == conversation
    assert QUESTION in _sidebar_labels(app)

    reloaded = started("browser:" + "a" * 32, conversation)
    turns = reloaded.session_state["turns"]
    assert [t.question for t in turns] == [QUESTION, "Och hur ofta följs den upp?"]
    assert turns[0].answer.citations and turns[0].answer == app.session_state["turns"][0].answer
    assert len(reloaded.chat_message) == 4
    assert "Välkommen" not in " ".join(m.value for m in reloaded.markdown)

    stranger = started("browser:" + "b" * 32, conversation)
    assert stranger.session_state["turns"] == []
    assert QUESTION not in _sidebar_labels(stranger)


def test_a_reopened_conversation_shows_the_rating_the_user_gave(app_env) -> None:
    app = started("browser:" + "c" * 32)
    ask(app, QUESTION)
    ask(app, "Och hur ofta följs den upp?")
    first, second = app.session_state["turns"]
    app.segmented_control(key=f"rating-{first.answer_id}").set_value("down").run()
    reloaded = started("browser:" + "c" * 32, app.session_state["conversation_id"])
    ratings = {c.key: c.value for c in reloaded.segmented_control}
    assert ratings == {f"rating-{first.answer_id}": "down", f"rating-{second.answer_id}": None}


def test_a_conversation_is_renamed_reopened_from_the_list_and_deleted(app_env) -> None:
    app = started("login:anna@example.se")
    ask(app, QUESTION)
    first = app.session_state["conversation_id"]
    app.text_input(key=f"rename-{first}").input("Hemsjukvården")
    next(b for b in app.sidebar.button if b.label == "Spara namnet").click().run()
    assert "Hemsjukvården" in _sidebar_labels(app)

    next(b for b in app.sidebar.button if b.label == "Ny konversation").click().run()
    ask(app, "Vilka arbetar tillsammans i teamet runt patienten?")
    assert app.session_state["conversation_id"] != first
    app.sidebar.button(key=f"conversation-{first}").click().run()
    assert [t.question for t in app.session_state["turns"]] == [QUESTION]

    next(b for b in app.sidebar.button if b.label == "Ta bort samtalet").click().run()
    assert app.session_state["turns"] == [] and app.session_state["conversation_id"] == ""
    assert "Hemsjukvården" not in _sidebar_labels(app)
    assert "Vilka arbetar tillsammans i teamet runt patienten?" in _sidebar_labels(app)


def test_a_question_is_answered_in_a_run_with_the_input_locked_and_then_the_input_opens(app_env) -> None:
    from assistant.ui import chat

    seen: list[bool] = []
    real_answer = chat._answer

    def watching(*args, **kwargs):
        seen.append(bool(chat.st.session_state.get(chat.PENDING_QUESTION)))
        return real_answer(*args, **kwargs)

    app = started()
    assert not app.chat_input[0].proto.disabled
    chat._answer = watching
    try:
        ask(app, QUESTION)
    finally:
        chat._answer = real_answer
    assert seen == [True]
    assert not app.chat_input[0].proto.disabled  # open again once the answer is drawn


def test_active_filters_are_chips_that_remove_themselves_and_say_what_is_searched(app_env) -> None:
    app = started()
    app.multiselect(key="filter-docs").set_value(["hemsjukvard-2021", "rehab-fardplan-2023"]).run()
    assert "Söker bara i:" in [m.value for m in app.markdown]
    app.button(key="chip-doc-hemsjukvard-2021").click().run()
    assert app.multiselect(key="filter-docs").value == ["rehab-fardplan-2023"]
    app.button(key="chip-clear").click().run()
    assert app.multiselect(key="filter-docs").value == []
    assert "Söker bara i:" not in [m.value for m in app.markdown]


def test_the_conversation_downloads_as_markdown_with_sources_and_its_citations_as_csv(app_env) -> None:
    app = ask(started(), QUESTION)
    labels = [d.label for d in app.get("download_button")]
    assert labels == ["Ladda ner samtalet (Markdown)", "Ladda ner källorna (CSV)"]


def test_answers_are_shown_without_rating_when_the_feedback_file_cannot_be_opened(
    app_env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_FEEDBACK_DB", str(blocker / "feedback.sqlite"))
    app = ask(started(), QUESTION)
    assert [w.value for w in app.sidebar.warning] == [
        "Samtalen kan inte sparas just nu.",
        "Återkopplingen kan inte sparas just nu.",
    ]
    assert app.session_state["turns"][0].answer is not None
    assert not app.segmented_control


def test_an_unexpected_error_is_a_short_message_and_a_traceback_in_the_log(app_env, monkeypatch, caplog) -> None:
    def broken_ask(*args, **kwargs):
        raise KeyError("chunk-17")

    app = started()
    monkeypatch.setattr("assistant.core.Assistant.ask", broken_ask)
    ask(app, QUESTION)
    [turn] = app.session_state["turns"]
    assert turn.answer is None
    assert [e.value for e in app.error] == ["Något gick fel med frågan. Försök igen eller formulera om den."]
    assert "Traceback" in caplog.text and "chunk-17" in caplog.text
