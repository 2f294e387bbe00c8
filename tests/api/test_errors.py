"""Errors answer as application/problem+json with a Swedish message, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_server import api_settings

from assistant.api.app import create_app
from assistant.api.readiness import AssistantSource
from assistant.api.server import serve_in_thread
from assistant.errors import IndexDamagedError
from assistant.retrieval.live_index import DAMAGED_MESSAGE

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index

pytestmark = pytest.mark.server


class Failing:
    """Stands in for the Assistant: asking fails unexpectedly, searching finds the index damaged."""

    def ask(self, *args, **kwargs):
        raise RuntimeError("hemlig detalj /srv/index/builds/x")

    def search(self, *args, **kwargs):
        raise IndexDamagedError(DAMAGED_MESSAGE, "chroma gone")


@pytest.fixture
def failing_url(api_corpus: Path, api_index: Path) -> Iterator[str]:
    settings = api_settings(api_corpus, api_index)
    with serve_in_thread(create_app(settings, AssistantSource(settings, Failing()))) as url:
        yield url


def _problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    return body


def test_an_unexpected_failure_is_a_500_without_a_traceback(failing_url: str) -> None:
    response = httpx.post(f"{failing_url}/v1/ask", json={"question": "Vad är en SIP?"})
    body = _problem(response, 500)
    assert body["detail"] == "Något gick fel i assistenten. Försök igen om en stund eller kontakta förvaltaren."
    for leak in ("Traceback", "RuntimeError", "hemlig", "/srv/"):
        assert leak not in response.text


def test_a_damaged_index_is_a_503_with_the_rebuild_path(failing_url: str) -> None:
    response = httpx.post(f"{failing_url}/v1/search", json={"question": "Vad är en SIP?"})
    assert _problem(response, 503)["detail"] == DAMAGED_MESSAGE
    assert response.headers["retry-after"].isdigit()
    assert "chroma" not in response.text


def test_unknown_paths_wrong_methods_and_bad_json_answer_in_swedish(failing_url: str) -> None:
    assert _problem(httpx.get(f"{failing_url}/v1/finns-inte"), 404)["title"] == "Finns inte"
    assert _problem(httpx.get(f"{failing_url}/v1/ask"), 405)["title"] == "Metoden stöds inte"
    headers = {"content-type": "application/json"}
    body = _problem(httpx.post(f"{failing_url}/v1/ask", content=b'{"question": ', headers=headers), 422)
    assert "är inte giltig JSON" in body["detail"]
    body = _problem(httpx.post(f"{failing_url}/v1/ask", json={"fråga": "x"}), 422)
    assert body["errors"] == [
        {"field": "body.question", "problem": "saknas"},
        {"field": "body.fråga", "problem": "är okänt"},
    ]
    body = _problem(httpx.post(f"{failing_url}/v1/feedback", json={"answer_id": "a", "rating": "bra"}), 422)
    assert body["errors"][0]["field"] == "body.rating" and body["errors"][0]["problem"].startswith("ska vara ett av")
