"""A visible keyboard focus on everything one can Tab to (WCAG 2.4.7), where Streamlit draws none of its own,
and a focus that stays where the user had it when the app redraws the page by itself (WCAG 2.4.3).

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


# When the element that has the focus leaves the page (the build notice when the vectors go live, a heading's
# link redrawn by the rerun that follows), the browser puts the focus back on the page and a keyboard user's
# next Tab starts from the top. The script remembers the focused element and how many Tab stops come before it;
# when that element is gone, the focus goes to its redrawn self (the same kind, label and place) or else to the
# Tab stop that now stands at its place, the one after it. Installed once per browser tab; constant text only.
KEEP_FOCUS_JS = """<script>(function () {
  if (window.__nvaKeepFocus) return; window.__nvaKeepFocus = true;
  const STOPS = 'a[href], button, input, textarea, select, summary, [tabindex]';
  let last = null, place = 0, name = '';
  function stops() {
    return Array.from(document.querySelectorAll(STOPS)).filter(function (el) {
      return el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0;
    });
  }
  function nameOf(el) {
    const label = el.getAttribute('aria-label') || (el.innerText || '').trim().slice(0, 80);
    return el.tagName + '|' + (el.getAttribute('data-testid') || '') + '|' + label;
  }
  function remember(el) {
    if (!el || el === document.body) return;
    last = el; name = nameOf(el);
    place = stops().filter(function (other) {
      return other !== el && (other.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    }).length;
  }
  document.addEventListener('focusin', function (event) { remember(event.target); }, true);
  document.addEventListener('focusout', function (event) {
    const left = event.target;  // the user left it for nothing (a click beside it): no focus to keep
    setTimeout(function () {
      if (left === last && left.isConnected && document.activeElement === document.body) last = null;
    }, 0);
  }, true);
  function restore() {
    if (!last || last.isConnected) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const now = stops();
    if (!now.length) return;
    let target = null, distance = Infinity;
    now.forEach(function (el, index) {
      const away = Math.abs(index - place);
      if (nameOf(el) === name && away < distance) { target = el; distance = away; }
    });
    target = target || now[Math.min(place, now.length - 1)];
    target.focus({preventScroll: true});
  }
  new MutationObserver(restore).observe(document.body, {subtree: true, childList: true});
  remember(document.activeElement);
})();</script>"""


def keep_focus() -> None:
    """The script that keeps the focus in place when the page is redrawn without the user (see KEEP_FOCUS_JS)."""
    st.html(KEEP_FOCUS_JS, unsafe_allow_javascript=True)
