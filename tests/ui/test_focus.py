"""Tests for assistant.ui.focus: the keyboard focus outline is drawn once per page, as a style element only.

That the outline shows on everything Tab reaches is checked in Chromium (test_e2e_browser.py, keyboard test).
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    from assistant.ui.focus import visible_focus

    visible_focus()


def test_the_outline_covers_links_the_chat_input_and_the_text_and_select_boxes() -> None:
    app = AppTest.from_function(_page, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    [style] = app.html
    body = style.proto.body
    assert body.startswith("<style>") and "<script" not in body
    for selector in ("a:focus-visible", '[data-testid="stChatInput"]:focus-within', "stTextAreaRootElement"):
        assert selector in body
    assert "outline: 2px solid #0e1117" in body  # the theme's text colour: well over 3:1 on the page


def test_the_outline_colour_is_the_themes_text_colour() -> None:
    import tomllib
    from pathlib import Path

    from assistant.ui.focus import FOCUS_COLOUR

    config = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
    assert tomllib.loads(config.read_text(encoding="utf-8"))["theme"]["textColor"] == FOCUS_COLOUR
