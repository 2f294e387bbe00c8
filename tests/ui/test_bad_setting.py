"""A bad setting reaches the app as a Swedish message naming the setting, never as a traceback."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def test_a_bad_setting_shows_its_message_and_no_traceback(monkeypatch):
    monkeypatch.setenv("ASSISTANT_CHUNK_SIZE", "abc")
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception, app.exception
    errors = [e.value for e in app.error]
    assert any("ASSISTANT_CHUNK_SIZE" in e and "heltal" in e for e in errors), errors
