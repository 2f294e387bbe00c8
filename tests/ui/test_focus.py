"""Tests for assistant.ui.focus: the keyboard focus outline is drawn once per page, as a style element only.

That the outline shows on everything Tab reaches is checked in Chromium (test_e2e_browser.py, keyboard test), and
that the focus stays in place when the app redraws itself there too (test_focus_browser.py).
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(drawn: str) -> None:
    from assistant.ui import focus

    getattr(focus, drawn)()


def _only_html(drawn: str):
    """The one HTML element that focus.<drawn>() puts on a page of its own."""
    app = AppTest.from_function(_page, args=(drawn,), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    [element] = app.html
    return element.proto


def test_the_outline_covers_links_the_chat_input_and_the_text_and_select_boxes() -> None:
    body = _only_html("visible_focus").body
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


def test_the_focus_keeper_is_one_script_of_the_apps_own_text() -> None:
    # That it keeps the focus in place is checked in Chromium (test_focus_browser.py).
    from assistant.ui.focus import KEEP_FOCUS_JS

    script = _only_html("keep_focus")
    assert script.unsafe_allow_javascript and script.body == KEEP_FOCUS_JS
    assert "window.__nvaKeepFocus" in KEEP_FOCUS_JS  # installed once per browser tab, however often drawn
