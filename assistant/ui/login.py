"""Login against the region's OIDC issuer (Streamlit's st.login), turned on by an `[auth]` section in secrets.toml.

Without a secrets file or without `[auth]` the app is open as before. With one, a visitor who is not logged in
sees only the Swedish login page; a logged-in user sees who they are and "Logga ut" in the sidebar. A secrets
file that cannot be read, or an `[auth]` section that lacks a setting, stops the app with a Swedish message:
a mistyped login never leaves the app open to everyone.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st
from streamlit import config

from assistant.ui.text import plain

log = logging.getLogger(__name__)

SHARED_SETTINGS = ("redirect_uri", "cookie_secret")
PROVIDER_SETTINGS = ("client_id", "client_secret", "server_metadata_url")
DEFAULT_PROVIDER = "default"  # st.login's name for the settings written directly under [auth]
CALLBACK_PATH = "/oauth2callback"
BROKEN = "Inloggningen är inte rätt inställd, så appen är stängd. Kontakta förvaltaren."


@dataclass(frozen=True)
class LoginSetup:
    """What secrets.toml says about login: off, on with its providers, or unusable (and why, in Swedish)."""

    enabled: bool
    providers: tuple[str, ...] = ()
    problem: str = ""


def login_setup() -> LoginSetup:
    """Read the login settings from Streamlit's secrets (`[auth]`, and `[auth.<namn>]` per named provider)."""
    # Streamlit skips a secrets file it cannot parse, [auth] and all: that must close the app, not open it.
    unreadable = _unreadable_secrets_files()
    if unreadable:
        log.error("Secrets file(s) that cannot be read: %s", "; ".join(unreadable))
        return LoginSetup(True, problem="Filen secrets.toml kan inte läsas (är det giltig TOML?).")
    if not st.secrets.load_if_toml_exists():
        return LoginSetup(False)
    auth = st.secrets.get("auth")
    if auth is None:
        return LoginSetup(False)
    if not isinstance(auth, Mapping):
        return LoginSetup(True, problem="[auth] i secrets.toml ska vara en tabell med inställningar.")
    missing = [key for key in SHARED_SETTINGS if not _text(auth.get(key))]
    if missing:
        return LoginSetup(True, problem=f"[auth] saknar {_listed(missing)}.")
    redirect = urlparse(_text(auth["redirect_uri"]))
    if redirect.scheme not in ("http", "https") or not redirect.netloc or redirect.path != CALLBACK_PATH:
        return LoginSetup(
            True, problem=f"redirect_uri ska vara appens fullständiga adress som slutar på {CALLBACK_PATH}."
        )
    named = {name: section for name, section in auth.items() if isinstance(section, Mapping)}
    providers = named if named else {DEFAULT_PROVIDER: auth}
    for name, section in providers.items():
        where = "[auth]" if name == DEFAULT_PROVIDER else f"[auth.{name}]"
        if "_" in name:
            return LoginSetup(True, problem=f"{where}: namnet får inte innehålla understreck.")
        missing = [key for key in PROVIDER_SETTINGS if not _text(section.get(key))]
        if missing:
            return LoginSetup(True, problem=f"{where} saknar {_listed(missing)}.")
        metadata = urlparse(_text(section["server_metadata_url"]))
        if metadata.scheme not in ("http", "https") or not metadata.netloc:
            return LoginSetup(True, problem=f"{where}: server_metadata_url ska vara en fullständig adress.")
    return LoginSetup(True, providers=tuple(providers))


def require_login() -> None:
    """With login on: the login page (then stop) for a visitor, who is logged in and 'Logga ut' for a user."""
    setup = login_setup()
    if not setup.enabled:
        return
    if setup.problem:
        log.error("Login misconfigured: %s", setup.problem)
        st.error(f"{BROKEN}\n\n{setup.problem}", icon=":material/lock:")
        st.stop()
    if st.user.is_logged_in is True:
        _sidebar_user()
        return
    _login_page(setup.providers)
    st.stop()


def _login_page(providers: tuple[str, ...]) -> None:
    st.title("Nära vård-assistenten")
    st.write("Logga in med ditt konto i regionen för att ställa frågor om Nära vård.")
    for provider in providers:
        label = "Logga in" if len(providers) == 1 else f"Logga in med {provider}"
        if st.button(label, key=f"login-{provider}", type="primary", icon=":material/login:"):
            _start_login(provider)


def _start_login(provider: str) -> None:
    try:
        st.login(None if provider == DEFAULT_PROVIDER else provider)
    except Exception:  # noqa: BLE001 - e.g. Authlib missing or a setting Streamlit refuses: the log has it
        log.exception("Login could not start")
        st.error(f"Inloggningen kunde inte starta. {BROKEN}", icon=":material/lock:")


def _sidebar_user() -> None:
    with st.sidebar:
        name = _text(st.user.get("name")) or _text(st.user.get("email")) or _text(st.user.get("sub"))
        st.caption(f"Inloggad som {plain(name)}" if name else "Inloggad")
        if st.button("Logga ut", key="logout", icon=":material/logout:"):
            st.logout()


def _unreadable_secrets_files() -> list[str]:
    unreadable = []
    for name in config.get_option("secrets.files"):
        path = Path(name)
        if path.is_file():
            try:
                tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                unreadable.append(f"{path}: {exc}")
    return unreadable


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _listed(keys: list[str]) -> str:
    return ", ".join(keys[:-1]) + (" och " if len(keys) > 1 else "") + keys[-1]
