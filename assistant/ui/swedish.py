"""Streamlit's own words in the page (screen-reader labels, tooltips, the skip link) in Swedish, and lang="sv"."""

from __future__ import annotations

import json

import streamlit as st

# Streamlit's English labels as a screen reader or a tooltip gives them, and what staff should hear instead.
TRANSLATIONS = {
    "Skip to main content": "Hoppa till innehållet",
    "Link to heading": "Länk till rubriken",
    "Send message": "Skicka frågan",
    "Chat message from user": "Din fråga",
    "Chat message from assistant": "Assistentens svar",
    "Sidebar": "Sidopanel",
    "App pages": "Sidor",
    "Collapse sidebar": "Fäll ihop sidopanelen",
    "Expand sidebar": "Fäll ut sidopanelen",
    "Close": "Stäng",
    "Clear all": "Rensa alla",
    "Clear value": "Rensa",
    "Open": "Öppna",
    "Download as CSV": "Ladda ner som CSV",
    "Search": "Sök",
    "Fullscreen": "Helskärm",
    "Close fullscreen": "Stäng helskärm",
    "Copy to clipboard": "Kopiera",
    "Main menu": "Meny",
}


def swedish_page() -> None:
    """Once per page: lang="sv" (WCAG 3.1.1) and Streamlit's labels in Swedish, kept so as the page changes."""
    words = json.dumps(TRANSLATIONS, ensure_ascii=False)  # our own constant strings, never user or document text
    st.html(
        "<script>(function () {"
        "  document.documentElement.lang = 'sv';"
        "  if (window.__nvaSwedish) return; window.__nvaSwedish = true;"
        f"  const words = {words};"
        "  function fix() {"
        "    document.querySelectorAll('[aria-label], [title]').forEach(function (el) {"
        "      ['aria-label', 'title'].forEach(function (name) {"
        "        const value = el.getAttribute(name);"
        "        if (value && words[value]) el.setAttribute(name, words[value]);"
        "      });"
        "    });"
        "    document.querySelectorAll('a[href=\"#stMain\"]').forEach(function (link) {"
        "      if (words[link.textContent.trim()]) link.textContent = words[link.textContent.trim()];"
        "    });"
        "    document.documentElement.lang = 'sv';"
        "  }"
        "  let queued = false;"
        "  new MutationObserver(function () {"
        "    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; fix(); }); }"
        "  }).observe(document.body, {subtree: true, childList: true, attributes: true,"
        "     attributeFilter: ['aria-label', 'title', 'lang']});"
        "  fix();"
        "})();</script>",
        unsafe_allow_javascript=True,
    )
