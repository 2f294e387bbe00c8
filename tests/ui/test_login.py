"""Tests for assistant.ui.login: no [auth], no login; with one, only the login page until the user is logged in;
a bad [auth] stops the app with a Swedish message instead of opening it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "en-lång-slumpad-hemlighet-för-kakan",
    "client_id": "nara-vard-appen",
    "client_secret": "hemligt",
    "server_metadata_url": "https://login.example.se/.well-known/openid-configuration",
}


def _page() -> None:
    import streamlit as st

    from assistant.ui.identity import current_user
    from assistant.ui.login import require_login

    require_login()
    st.markdown("Sidans innehåll")
    st.markdown(current_user())


def _app(auth: object = None, user: dict | None = None) -> AppTest:
    app = AppTest.from_function(_page, default_timeout=30)
    if auth is not None:
        app.secrets["auth"] = auth
    if user is not None:
        app.user = user
    app.run()
    assert not app.exception, app.exception
    return app


def _texts(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_without_an_auth_section_the_app_is_open_as_before() -> None:
    app = _app()
    assert "Sidans innehåll" in _texts(app)
    assert not [b for b in app.button if b.label == "Logga in"]
    assert _texts(app).splitlines()[-1].startswith("browser:")


def test_with_auth_a_visitor_sees_only_the_swedish_login_page() -> None:
    app = _app(AUTH, user={"is_logged_in": False})
    assert [b.label for b in app.button] == ["Logga in"]
    assert "Sidans innehåll" not in _texts(app)
    assert [t.value for t in app.title] == ["Nära vård-assistenten"]
    assert not app.sidebar.caption and not app.sidebar.button


def test_a_logged_in_user_sees_who_they_are_and_logga_ut_and_owns_the_page_as_their_e_mail() -> None:
    user = {"is_logged_in": True, "email": "anna@regionsormland.se", "sub": "a-1", "name": "Anna Andersson"}
    app = _app(AUTH, user=user)
    assert "Sidans innehåll" in _texts(app)
    assert _texts(app).splitlines()[-1] == "login:anna@regionsormland.se"
    assert [c.value for c in app.sidebar.caption] == ["Inloggad som Anna Andersson"]
    assert [b.label for b in app.sidebar.button] == ["Logga ut"]


def test_a_user_without_an_e_mail_is_known_by_their_subject() -> None:
    app = _app(AUTH, user={"is_logged_in": True, "sub": "5f3a-subjekt"})
    assert _texts(app).splitlines()[-1] == "login:5f3a-subjekt"


def test_named_providers_get_one_button_each() -> None:
    shared = {key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}
    provider = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    app = _app({**shared, "entra": provider, "keycloak": provider}, user={"is_logged_in": False})
    assert [b.label for b in app.button] == ["Logga in med entra", "Logga in med keycloak"]


@pytest.mark.parametrize(
    ("auth", "says"),
    [
        ({**AUTH, "cookie_secret": ""}, "[auth] saknar cookie_secret."),
        ({key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}, "saknar client_id, client_secret och"),
        ({**AUTH, "redirect_uri": "http://localhost:8501/"}, "slutar på /oauth2callback"),
        ({**AUTH, "server_metadata_url": "login.example.se"}, "server_metadata_url ska vara en fullständig adress"),
        ("inte en tabell", "ska vara en tabell"),
    ],
)
def test_a_bad_auth_section_stops_the_app_with_a_swedish_message(auth: object, says: str) -> None:
    app = _app(auth, user={"is_logged_in": True, "email": "anna@regionsormland.se"})
    [error] = app.error
    assert error.value.startswith("Inloggningen är inte rätt inställd") and says in error.value, error.value
    assert "Sidans innehåll" not in _texts(app)
    assert not app.button


def test_a_secrets_file_that_is_not_toml_stops_the_app(tmp_path) -> None:
    from streamlit import config
    from streamlit.runtime.secrets import secrets_singleton

    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth\nredirect_uri = "http://localhost:8501/oauth2callback"\n', encoding="utf-8")
    files = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    secrets_singleton._reset()
    try:
        app = _app()
    finally:
        config.set_option("secrets.files", files)
        secrets_singleton._reset()
    [error] = app.error
    assert "secrets.toml kan inte läsas" in error.value and str(tmp_path) not in error.value
    assert "Sidans innehåll" not in _texts(app)
