"""Bring an element of the page into view (the start of a new answer, a cited passage in a document)."""

from __future__ import annotations

import re

import streamlit as st

_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def scroll_into_view(key: str, focus: bool = False) -> None:
    """Scroll the element drawn in st.container(key=key) to the top of the view once it is on the page.

    The key is the app's own (an answer id, a passage id) and is checked to be a plain name before it is
    written into the script; document text never is.
    """
    if not _KEY.match(key):
        return
    focus_js = "target.setAttribute('tabindex', '-1'); target.focus({preventScroll: true});" if focus else ""
    st.html(
        "<script>(function () {"
        f"  const selector = '.st-key-{key}'; let tries = 0;"
        "  function go() {"
        "    const target = document.querySelector(selector);"
        "    if (!target) { if (tries++ < 50) setTimeout(go, 100); return; }"
        f"   {focus_js}"
        "    target.scrollIntoView({block: 'start'});"
        # Streamlit keeps a chat at its bottom while the run's last elements arrive: once more after that.
        "    setTimeout(function () { target.scrollIntoView({block: 'start'}); }, 400);"
        "  }"
        "  go();"
        "})();</script>",
        unsafe_allow_javascript=True,
    )
