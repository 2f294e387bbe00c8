"""Helpers of the streamlit.testing tests of the whole app: app.py in a new browser session, and a question.

A test module imports them (`from app_session import ask, started`; tests/ui is on the path when pytest
collects it).
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


def started(user: str = "", conversation: str = "") -> AppTest:
    """app.py run once, as a new browser session (a reload) of `user` if given, at an address that may name a
    stored conversation (?samtal=…)."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user:
        app.session_state["user_id"] = user
    if conversation:
        app.query_params["samtal"] = conversation
    app.run()
    assert not app.exception, app.exception
    return app


def ask(app: AppTest, question: str) -> AppTest:
    """The question sent in the chat input and the run that answers it."""
    app.chat_input[0].set_value(question).run()
    assert not app.exception, app.exception
    return app
