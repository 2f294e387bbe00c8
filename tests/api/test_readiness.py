"""Readiness: while the first build cannot finish the API answers 503 with Retry-After (never hangs), and it is
ready by itself once the index is built (the same background build as the app)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from api_server import api_settings

from assistant.api.app import create_app
from assistant.api.readiness import AssistantSource
from assistant.api.server import serve_in_thread
from assistant.index import store as index_store
from assistant.settings import Settings

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index

pytestmark = pytest.mark.server


def test_503_with_retry_after_while_building_then_ready(app_env: Path, isolated_environment: Path) -> None:
    settings = Settings.load()  # the tiny corpus, the fake embedder, a fresh index folder
    assert settings.index_path == isolated_environment
    with index_store.build_lock(settings.index_path):  # another process builds: the server must wait for it
        with serve_in_thread(create_app(settings)) as url:
            for path in ("/readyz", "/v1/models", "/v1/indicators"):
                if path == "/v1/models":  # needs no index
                    assert httpx.get(url + path, timeout=5).status_code == 200
                    continue
                response = httpx.get(url + path, timeout=5)
                assert response.status_code == 503, response.text
                assert response.headers["content-type"] == "application/problem+json"
                assert response.json()["detail"].startswith("Indexet byggs och assistenten kan inte svara ännu.")
                assert int(response.headers["retry-after"]) > 0
            response = httpx.post(f"{url}/v1/ask", json={"question": "Vem delar ansvaret för hemsjukvården?"})
            assert response.status_code == 503
            assert httpx.get(f"{url}/healthz").json()["status"] == "ok"
            lock_released = True
    assert lock_released
    with serve_in_thread(create_app(settings)) as url:  # the lock is free: the server's own background build runs
        deadline = time.monotonic() + 120
        while (ready := httpx.get(f"{url}/readyz", timeout=5)).status_code == 503:
            assert time.monotonic() < deadline, ready.text
            time.sleep(0.5)
        assert ready.status_code == 200 and ready.json()["status"] == "redo"
        answer = httpx.post(
            f"{url}/v1/ask", json={"question": "Hur ofta följer distriktssköterskorna upp hemsjukvården?"}
        )
        assert answer.status_code == 200 and answer.json()["citations"]


def test_a_built_index_is_opened_at_start_before_any_request(api_corpus: Path, api_index: Path, app_env: Path) -> None:
    settings = api_settings(api_corpus, api_index, embedder="test-fake")  # the index was built with the fake
    source = AssistantSource(settings)
    with serve_in_thread(create_app(settings, source)):
        deadline = time.monotonic() + 60
        while not source.opened:
            assert time.monotonic() < deadline, "the Assistant was not opened at start"
            time.sleep(0.1)
