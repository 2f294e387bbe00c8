"""Who is using the app: the logged-in user (st.user) behind a login, else an id kept in this browser."""

from __future__ import annotations

import logging
import re
import uuid

import streamlit as st

log = logging.getLogger(__name__)

USER_KEY = "user_id"
# A random id in a cookie of this browser (a year, this site only); it names no person.
BROWSER_COOKIE = "nva_anvandare"
COOKIE_SECONDS = 365 * 24 * 3600
_BROWSER_ID = re.compile(r"^[0-9a-f]{32}$")


def current_user() -> str:
    """The user's id for their conversations: 'login:<e-mail or subject>' or 'browser:<random id>'."""
    known = st.session_state.get(USER_KEY)
    if known:
        return known
    user = _logged_in_user() or _browser_user()
    st.session_state[USER_KEY] = user
    return user


def is_logged_in() -> bool:
    return current_user().startswith("login:")


def login_id() -> str:
    """This session's logged-in user ('login:…') as current_user found them; '' for a browser-only visitor."""
    user = st.session_state.get(USER_KEY, "")
    return user if isinstance(user, str) and user.startswith("login:") else ""


def _logged_in_user() -> str:
    try:
        if st.user.is_logged_in is not True:
            return ""
        identity = st.user.get("email") or st.user.get("sub") or ""
        if not isinstance(identity, str):
            return ""
    except Exception:  # noqa: BLE001 - no login configured: the browser id is used
        return ""
    return f"login:{identity}" if identity else ""


def _browser_user() -> str:
    try:
        cookie = st.context.cookies.get(BROWSER_COOKIE, "")
    except Exception:  # noqa: BLE001 - e.g. streamlit.testing has no browser
        cookie = ""
    if isinstance(cookie, str) and _BROWSER_ID.match(cookie):
        return f"browser:{cookie}"
    new_id = uuid.uuid4().hex
    # The id is our own hex string, never user or document text, so it can be written into the script.
    st.html(
        f"<script>document.cookie = '{BROWSER_COOKIE}={new_id}; Max-Age={COOKIE_SECONDS}; Path=/; SameSite=Strict';"
        "</script>",
        unsafe_allow_javascript=True,
    )
    return f"browser:{new_id}"
