"""Limits: body size (413), question and history length (422), a per-caller rate limit (429 with Retry-After)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from api_server import api_settings

from assistant.api.app import create_app
from assistant.api.keys import KeyStore, keys_path
from assistant.api.limits import RateLimiter
from assistant.api.readiness import AssistantSource
from assistant.api.server import serve_in_thread
from assistant.core import MAX_QUESTION_CHARS, Assistant

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index, api_assistant

pytestmark = pytest.mark.server


@pytest.fixture
def limited(api_corpus: Path, api_index: Path, api_assistant: Assistant) -> Iterator[tuple[str, KeyStore]]:
    settings = api_settings(api_corpus, api_index, api_max_body_kb=2, api_max_history=2, api_rate_limit=4)
    keys = KeyStore(keys_path(settings))
    with serve_in_thread(create_app(settings, AssistantSource(settings, api_assistant), keys)) as url:
        yield url, keys


def _problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()


def test_a_body_over_the_limit_is_413_declared_or_streamed(limited) -> None:
    url, _keys = limited
    big = {"question": "Vad är en SIP?", "history": [{"role": "user", "content": "x" * 3000}]}
    body = _problem(httpx.post(f"{url}/v1/ask", json=big), 413)
    assert body["detail"] == "Anropet är för stort (högst 2 kB). Korta frågan eller historiken."

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server counts what arrives
        yield b'{"question": "Vad \\u00e4r en SIP?", "history": [{"role": "user", "content": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}]}'

    headers = {"content-type": "application/json"}
    _problem(httpx.post(f"{url}/v1/ask", content=chunks(), headers=headers), 413)


def test_a_question_over_the_limit_and_a_history_too_long_are_422(limited) -> None:
    url, _keys = limited
    long_question = "Vad " * (MAX_QUESTION_CHARS // 4 + 1)
    body = _problem(httpx.post(f"{url}/v1/search", json={"question": long_question}), 422)
    assert (
        body["detail"]
        == f"Uppgifterna i anropet är ogiltiga: body.question: är för lång (högst {MAX_QUESTION_CHARS} tecken)."
    )
    history = [{"role": "user", "content": "Vad är en SIP?"}, {"role": "assistant", "content": "En plan."}] * 2
    body = _problem(httpx.post(f"{url}/v1/ask", json={"question": "och sedan?", "history": history}), 422)
    assert body["detail"] == "Historiken är för lång: högst 2 meddelanden. Skicka bara de senaste."
    client = openai.OpenAI(base_url=f"{url}/v1", api_key="lokal", max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(
            model="nara-vard-assistenten", messages=[*history, {"role": "user", "content": "och sedan?"}]
        )


def test_each_key_has_its_own_rate_limit(limited) -> None:
    url, keys = limited
    first, second = keys.create("forsta"), keys.create("andra")
    for _ in range(4):
        assert httpx.get(f"{url}/v1/models", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    refused = httpx.get(f"{url}/v1/models", headers={"Authorization": f"Bearer {first}"})
    body = _problem(refused, 429)
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert body["detail"].startswith("För många anrop: högst 4 per minut.")
    assert httpx.get(f"{url}/v1/models", headers={"Authorization": f"Bearer {second}"}).status_code == 200


def test_the_rate_limit_window_slides() -> None:
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.wait_seconds("a") == 0 and limiter.wait_seconds("a") == 0
    assert limiter.wait_seconds("a") == 60
    assert limiter.wait_seconds("b") == 0
    now[0] += 30
    assert limiter.wait_seconds("a") == 30
    now[0] += 30.5
    assert limiter.wait_seconds("a") == 0
