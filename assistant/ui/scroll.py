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
    # Streamlit keeps a chat at its bottom while the page's last elements (sources, tables, fonts) arrive, so
    # the element is brought back to the top until it has stayed there for a while, or the user scrolls,
    # clicks or types (then they decide where to look).
    st.html(
        "<script>(function () {"
        f"  const selector = '.st-key-{key}'; const started = Date.now(); let settled = 0; let stopped = false;"
        "  const stop = function () { stopped = true; };"
        "  ['wheel', 'touchstart', 'mousedown', 'keydown'].forEach(function (name) {"
        "    window.addEventListener(name, stop, {once: true, capture: true}); });"
        "  let focused = false;"
        "  function tick() {"
        "    if (stopped || Date.now() - started > 8000) return;"
        "    const target = document.querySelector(selector);"
        "    if (target) {"
        f"     if (!focused) {{ focused = true; {focus_js} }}"
        "      target.style.scrollMarginTop = '4.5rem';"
        "      const top = target.getBoundingClientRect().top;"
        "      if (Math.abs(top - 72) > 40) { target.scrollIntoView({block: 'start'}); settled = Date.now(); }"
        "      else if (!settled) { settled = Date.now(); }"
        "      else if (Date.now() - settled > 1500) return;"
        "    }"
        "    setTimeout(tick, 150);"
        "  }"
        "  tick();"
        "})();</script>",
        unsafe_allow_javascript=True,
    )
