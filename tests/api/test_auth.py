"""Access: API keys (401 without one, with a wrong or a revoked one) and OIDC tokens from a real provider
(oidc-provider-mock on 127.0.0.1): accepted when valid, refused when expired, wrongly signed or for another audience."""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import jwt
import openai
import pytest
from api_server import api_settings
from cryptography.hazmat.primitives.asymmetric import rsa
from oidc_provider_mock import run_server_in_thread

from assistant.api.app import create_app
from assistant.api.keys import KeyStore, keys_path
from assistant.api.readiness import AssistantSource
from assistant.api.server import serve_in_thread
from assistant.core import Assistant
from assistant.errors import SettingsError
from assistant.feedback import FeedbackStore
from assistant.settings import Settings

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index, api_assistant

pytestmark = pytest.mark.server

AUDIENCE = "nara-vard-api"
TOKEN_SECONDS = 6
ASK = {"question": "Vad är en SIP?"}


@pytest.fixture
def settings(api_corpus: Path, api_index: Path):
    return api_settings(api_corpus, api_index)


@pytest.fixture
def keys(settings) -> KeyStore:
    return KeyStore(keys_path(settings))


@pytest.fixture
def keyed_url(settings, keys: KeyStore, api_assistant: Assistant) -> Iterator[str]:
    keys.create("intranatet")  # access control is on as soon as one key is active
    with serve_in_thread(create_app(settings, AssistantSource(settings, api_assistant), keys)) as url:
        yield url


def _problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()


def test_without_a_key_or_with_a_wrong_one_the_answer_is_401(keyed_url: str) -> None:
    body = _problem(httpx.post(f"{keyed_url}/v1/ask", json=ASK), 401)
    assert "Authorization: Bearer" in body["detail"]
    response = httpx.post(f"{keyed_url}/v1/ask", json=ASK, headers={"Authorization": "Bearer nva_gissat"})
    assert "okänd eller återkallad" in _problem(response, 401)["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert httpx.get(f"{keyed_url}/healthz").status_code == 200  # health and readiness stay open
    assert httpx.get(f"{keyed_url}/readyz").status_code == 200


def test_a_key_is_accepted_until_it_is_revoked(keyed_url: str, keys: KeyStore) -> None:
    key = keys.create("chatten")
    headers = {"Authorization": f"Bearer {key}"}
    assert httpx.post(f"{keyed_url}/v1/ask", json=ASK, headers=headers).status_code == 200
    client = openai.OpenAI(base_url=f"{keyed_url}/v1", api_key=key, max_retries=0)
    assert [m.id for m in client.models.list()] == ["nara-vard-assistenten"]
    keys.revoke("chatten")
    _problem(httpx.post(f"{keyed_url}/v1/ask", json=ASK, headers=headers), 401)
    with pytest.raises(openai.AuthenticationError):
        client.models.list()


def test_a_public_server_refuses_everyone_once_every_key_is_revoked(settings, keys, api_assistant) -> None:
    keys.create("enda")
    keys.revoke("enda")
    app = create_app(settings, AssistantSource(settings, api_assistant), keys, public=True)
    with serve_in_thread(app) as url:
        _problem(httpx.get(f"{url}/v1/models"), 401)


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread(access_token_max_age=timedelta(seconds=TOKEN_SECONDS)) as server:
        yield f"http://localhost:{server.server_port}"


def _token(issuer: str, client_id: str = AUDIENCE, subject: str = "anna@regionsormland.se") -> str:
    """A token of the provider, through its authorization code flow (the provider's JWT, signed by its key)."""
    redirect = "http://127.0.0.1/inloggad"
    query = {"client_id": client_id, "redirect_uri": redirect, "response_type": "code", "scope": "openid email"}
    authorized = httpx.post(f"{issuer}/oauth2/authorize", params=query, data={"sub": subject})
    code = parse_qs(urlparse(authorized.headers["location"]).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
    issued = httpx.post(f"{issuer}/oauth2/token", data=form, auth=(client_id, "hemligt"))
    return issued.json()["id_token"]


@pytest.fixture
def oidc_url(provider: str, api_corpus: Path, api_index: Path, api_assistant: Assistant) -> Iterator[str]:
    settings = api_settings(api_corpus, api_index, api_oidc_issuer=provider, api_oidc_audience=AUDIENCE)
    with serve_in_thread(create_app(settings, AssistantSource(settings, api_assistant))) as url:
        yield url


def test_a_token_from_the_provider_is_accepted_until_it_expires(provider: str, oidc_url: str) -> None:
    token = _token(provider)
    headers = {"Authorization": f"Bearer {token}"}
    response = httpx.post(f"{oidc_url}/v1/ask", json=ASK, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["citations"]
    _problem(httpx.post(f"{oidc_url}/v1/ask", json=ASK), 401)
    time.sleep(max(0.0, jwt.decode(token, options={"verify_signature": False})["exp"] - time.time() + 1.5))
    body = _problem(httpx.post(f"{oidc_url}/v1/ask", json=ASK, headers=headers), 401)
    assert "utgånget" in body["detail"]


def test_a_wrongly_signed_token_or_one_for_another_audience_is_refused(provider: str, oidc_url: str) -> None:
    genuine = _token(provider)
    assert httpx.get(f"{oidc_url}/v1/models", headers={"Authorization": f"Bearer {genuine}"}).status_code == 200
    claims = jwt.decode(genuine, options={"verify_signature": False})
    claims["exp"] = int(time.time()) + 3600  # refused for the signature alone, not for expiring
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, other_key, algorithm="RS256")
    _problem(httpx.get(f"{oidc_url}/v1/models", headers={"Authorization": f"Bearer {forged}"}), 401)
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    _problem(httpx.get(f"{oidc_url}/v1/models", headers={"Authorization": f"Bearer {unsigned}"}), 401)
    shared_secret = jwt.encode(claims, "hemlig-nyckel-som-ar-lang-nog-for-hs256", algorithm="HS256")
    _problem(httpx.get(f"{oidc_url}/v1/models", headers={"Authorization": f"Bearer {shared_secret}"}), 401)
    for_another_service = _token(provider, client_id="en-annan-tjanst")
    _problem(httpx.get(f"{oidc_url}/v1/models", headers={"Authorization": f"Bearer {for_another_service}"}), 401)


def test_an_issuer_without_an_audience_is_a_settings_error(api_corpus: Path, api_index: Path) -> None:
    settings = api_settings(api_corpus, api_index, api_oidc_issuer="http://127.0.0.1:9")
    with pytest.raises(SettingsError) as raised:
        create_app(settings)
    assert raised.value.user_message.startswith("ASSISTANT_API_OIDC_AUDIENCE måste anges")


def test_the_jwks_address_setting_is_used_and_an_unreachable_one_is_a_503(
    provider: str, api_corpus: Path, api_index: Path, api_assistant: Assistant
) -> None:
    with socket.socket() as probe:  # a port of 127.0.0.1 where nothing listens
        probe.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{probe.getsockname()[1]}/jwks"
    settings = api_settings(
        api_corpus, api_index, api_oidc_issuer=provider, api_oidc_audience=AUDIENCE, api_oidc_jwks_url=nowhere
    )
    with serve_in_thread(create_app(settings, AssistantSource(settings, api_assistant))) as url:
        response = httpx.get(f"{url}/v1/models", headers={"Authorization": f"Bearer {_token(provider)}"})
    body = _problem(response, 503)
    assert body["detail"] == "Inloggningstjänstens nycklar kunde inte hämtas. Försök igen om en stund."
    assert response.headers["retry-after"] == "30"


def _feedback_user(url: str, headers: dict[str, str]) -> str:
    answer = httpx.post(f"{url}/v1/ask", json=ASK, headers=headers).json()
    for rating in ("up", "down"):  # the second replaces the first, for the same caller
        saved = httpx.post(
            f"{url}/v1/feedback", json={"answer_id": answer["answer_id"], "rating": rating}, headers=headers
        )
        assert saved.status_code == 200, saved.text
    [entry] = [e for e in FeedbackStore(Settings.load().feedback_db).all() if e.answer_id == answer["answer_id"]]
    assert entry.rating == "down"
    return entry.user_id


def test_feedback_through_the_api_is_stored_with_the_keys_name_as_its_user(
    settings, keys: KeyStore, api_assistant: Assistant
) -> None:
    key = keys.create("intranatet")
    limited = dataclasses.replace(settings, api_rate_limit=3)  # ask and two feedbacks: each call counted once
    with serve_in_thread(create_app(limited, AssistantSource(limited, api_assistant), keys)) as url:
        assert _feedback_user(url, {"Authorization": f"Bearer {key}"}) == "key:intranatet"


def test_feedback_through_the_api_is_stored_with_the_tokens_subject_as_its_user(provider: str, oidc_url: str) -> None:
    headers = {"Authorization": f"Bearer {_token(provider, subject='bertil@regionsormland.se')}"}
    assert _feedback_user(oidc_url, headers) == "oidc:bertil@regionsormland.se"


def test_only_the_caller_an_answer_was_given_to_can_rate_it(keyed_url: str, keys: KeyStore) -> None:
    anna = {"Authorization": f"Bearer {keys.create('anna')}"}
    bertil = {"Authorization": f"Bearer {keys.create('bertil')}"}
    answer_id = httpx.post(f"{keyed_url}/v1/ask", json=ASK, headers=anna).json()["answer_id"]
    rating = {"answer_id": answer_id, "rating": "down"}
    body = _problem(httpx.post(f"{keyed_url}/v1/feedback", json=rating, headers=bertil), 404)
    assert body["detail"] == (
        "Svaret finns inte bland dem som API:t nyss gav dig: det kan vara för gammalt eller givet till någon annan. "
        "Återkoppla på ett svar som du själv fick."
    )
    unknown = _problem(
        httpx.post(f"{keyed_url}/v1/feedback", json={**rating, "answer_id": "okänt"}, headers=bertil), 404
    )
    assert unknown == body  # another caller's answer looks like no answer at all
    assert not [e for e in FeedbackStore(Settings.load().feedback_db).all() if e.answer_id == answer_id]
    assert httpx.post(f"{keyed_url}/v1/feedback", json=rating, headers=anna).status_code == 200
    [entry] = [e for e in FeedbackStore(Settings.load().feedback_db).all() if e.answer_id == answer_id]
    assert (entry.user_id, entry.rating) == ("key:anna", "down")
    completion = httpx.post(
        f"{keyed_url}/v1/chat/completions",
        json={"model": "nara-vard-assistenten", "messages": [{"role": "user", "content": ASK["question"]}]},
        headers=bertil,
    ).json()
    chat_rating = {"answer_id": completion["nara_vard"]["answer_id"], "rating": "up"}
    _problem(httpx.post(f"{keyed_url}/v1/feedback", json=chat_rating, headers=anna), 404)
    assert httpx.post(f"{keyed_url}/v1/feedback", json=chat_rating, headers=bertil).status_code == 200
