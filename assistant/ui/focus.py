"""A visible keyboard focus on everything one can Tab to (WCAG 2.4.7), where Streamlit draws none of its own.

Streamlit rings its buttons and expanders, but not its links (the page menu, "Öppna i dokumentet"), the chat
input, the text and select boxes (only their thin border changes colour) or a scrollable area; a keyboard
user could not see where they are. The outline is
drawn in the text colour (well over 3:1 against the page, WCAG 1.4.11) and only for keyboard focus.
"""

from __future__ import annotations

import streamlit as st

FOCUS_COLOUR = "#0e1117"  # the theme's textColor (.streamlit/config.toml)

# The frames of select, text area and text input boxes (the element that draws the box around the field).
FIELDS = ':is([data-baseweb="select"], [data-testid="stTextAreaRootElement"], [data-testid="stTextInputRootElement"])'
FOCUS_CSS = f"""<style>
a:focus-visible, summary:focus-visible, [tabindex]:focus-visible {{
  outline: 2px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px;
}}
/* An answer or a cited passage the app moved the focus to: a frame around it, clear of its text. */
[tabindex="-1"]:focus-visible {{
  outline-offset: 6px;
  border-radius: 0.5rem;
}}
[data-testid="stChatInput"]:focus-within,
{FIELDS}:focus-within:not([data-testid="stChatInput"] *) {{
  outline: 2px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px;
  border-radius: 0.5rem;
}}
</style>"""


def visible_focus() -> None:
    """Once per page run: the focus outline (a style element only, which takes no room on the page)."""
    st.html(FOCUS_CSS)
