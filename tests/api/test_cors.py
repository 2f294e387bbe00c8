"""Optional CORS (ASSISTANT_API_CORS_ORIGINS): pages of the listed web origins may call the API from a browser;
with the setting empty, no origin may."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from api_server import api_settings

from assistant.api.app import create_app
from assistant.api.keys import KeyStore, keys_path
from assistant.api.readiness import AssistantSource
from assistant.api.server import serve_in_thread
from assistant.core import Assistant

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index, api_assistant

pytestmark = pytest.mark.server

INTRANET = "https://intranat.regionsormland.se"
PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}


def _serve(api_corpus: Path, api_index: Path, api_assistant: Assistant, origins: str, keys: bool = False):
    settings = api_settings(api_corpus, api_index, api_cors_origins=origins)
    store = KeyStore(keys_path(settings))
    if keys:
        store.create("intranatet")
    return serve_in_thread(create_app(settings, AssistantSource(settings, api_assistant), store))


def test_a_listed_origin_may_call_the_api_from_its_pages(api_corpus, api_index, api_assistant) -> None:
    with _serve(api_corpus, api_index, api_assistant, f"https://annan.example.se, {INTRANET}/") as url:
        preflight = httpx.options(f"{url}/v1/ask", headers={"Origin": INTRANET, **PREFLIGHT})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == INTRANET
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
        models = httpx.get(f"{url}/v1/models", headers={"Origin": INTRANET})
        assert models.status_code == 200 and models.headers["access-control-allow-origin"] == INTRANET


def test_another_origin_is_refused(api_corpus, api_index, api_assistant) -> None:
    with _serve(api_corpus, api_index, api_assistant, INTRANET) as url:
        preflight = httpx.options(f"{url}/v1/ask", headers={"Origin": "https://angripare.example", **PREFLIGHT})
        assert preflight.status_code == 400
        assert "access-control-allow-origin" not in preflight.headers
        models = httpx.get(f"{url}/v1/models", headers={"Origin": "https://angripare.example"})
        assert "access-control-allow-origin" not in models.headers


def test_without_the_setting_no_origin_may(api_corpus, api_index, api_assistant) -> None:
    with _serve(api_corpus, api_index, api_assistant, "") as url:
        preflight = httpx.options(f"{url}/v1/ask", headers={"Origin": INTRANET, **PREFLIGHT})
        assert "access-control-allow-origin" not in preflight.headers
        assert preflight.status_code == 405
        assert "access-control-allow-origin" not in httpx.get(f"{url}/v1/models", headers={"Origin": INTRANET}).headers


def test_a_refusal_reaches_the_page_too_so_it_can_show_why(api_corpus, api_index, api_assistant) -> None:
    with _serve(api_corpus, api_index, api_assistant, INTRANET, keys=True) as url:
        preflight = httpx.options(f"{url}/v1/ask", headers={"Origin": INTRANET, **PREFLIGHT})
        assert preflight.status_code == 200  # the browser's preflight carries no key
        refused = httpx.post(f"{url}/v1/ask", json={"question": "Vad är en SIP?"}, headers={"Origin": INTRANET})
        assert refused.status_code == 401
        assert refused.headers["access-control-allow-origin"] == INTRANET
        assert "Authorization: Bearer" in refused.json()["detail"]
