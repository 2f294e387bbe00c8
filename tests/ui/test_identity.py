"""Tests for assistant.ui.identity: the user behind a login, else a random id kept in a cookie of the browser."""

from __future__ import annotations

from types import SimpleNamespace

from streamlit.testing.v1 import AppTest


def _who() -> None:
    import streamlit as st

    from assistant.ui.identity import current_user

    st.markdown(current_user())


def _app() -> AppTest:
    app = AppTest.from_function(_who, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_without_a_login_a_new_browser_gets_a_random_id_and_the_script_that_keeps_it() -> None:
    app = _app()
    user = app.markdown[0].value
    assert user.startswith("browser:") and len(user) == len("browser:") + 32
    [script] = app.html
    assert f"nva_anvandare={user.removeprefix('browser:')}" in script.proto.body
    app.run()
    assert app.markdown[0].value == user and len(app.html) == 0  # the session keeps its id


def test_a_browser_that_has_the_cookie_keeps_its_id(monkeypatch) -> None:
    import streamlit as st

    monkeypatch.setattr(type(st.context), "cookies", property(lambda self: {"nva_anvandare": "c" * 32}))
    app = _app()
    assert app.markdown[0].value == "browser:" + "c" * 32
    assert not app.html


def test_a_cookie_that_is_not_our_id_is_not_trusted(monkeypatch) -> None:
    import streamlit as st

    monkeypatch.setattr(type(st.context), "cookies", property(lambda self: {"nva_anvandare": "x'; alert(1)//"}))
    app = _app()
    assert app.markdown[0].value != "browser:x'; alert(1)//" and "alert" not in app.html[0].proto.body


def test_a_logged_in_user_is_known_by_their_e_mail(monkeypatch) -> None:
    from assistant.ui import identity

    user = SimpleNamespace(is_logged_in=True, get=lambda key: {"email": "anna@sormland.se"}.get(key))
    monkeypatch.setattr(identity.st, "user", user)
    app = _app()
    assert app.markdown[0].value == "login:anna@sormland.se"
    assert not app.html
