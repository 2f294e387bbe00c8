"""Who may call the API: API keys (bearer tokens, checked against their hashes) or OIDC access tokens (JWT).

A JWT is checked against the issuer's JWKS (PyJWT's PyJWKClient): signature, expiry, issuer and audience.
With no active key and no issuer there is no access control; the server then listens on 127.0.0.1 only
(server.py). Creating the first key while the server runs turns the control on at once.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.request
from dataclasses import dataclass

import jwt

from assistant.api.errors import ApiError
from assistant.api.keys import KEY_PREFIX, KeyStore
from assistant.errors import SettingsError
from assistant.settings import Settings

log = logging.getLogger(__name__)

# Asymmetric algorithms only: a token signed with a shared secret (HS256) or unsigned ("none") is refused.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
LOCAL_CALLER = "lokal"
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="nara-vard-assistenten"'}
_NEEDS_TOKEN = "Anropet saknar åtkomst. Skicka en API-nyckel eller ett inloggningstoken som 'Authorization: Bearer …'."
_REFUSED_KEY = "API-nyckeln är okänd eller återkallad. Be förvaltaren om en ny (assistant api-key create)."
_REFUSED_TOKEN = "Inloggningstokenet godtogs inte (utgånget, fel utfärdare eller mottagare, eller felaktigt signerat)."


@dataclass(frozen=True)
class Caller:
    """Who is calling: `key:<name>`, `oidc:<sub>` or the local caller when there is no access control."""

    id: str


class OidcVerifier:
    """Checks JWT access tokens of one issuer against its JWKS."""

    def __init__(self, issuer: str, audience: str, jwks_url: str = "", timeout: float = 10.0) -> None:
        self.issuer = issuer
        self.audience = audience
        self._jwks_url = jwks_url
        self._timeout = timeout
        self._client: jwt.PyJWKClient | None = None
        self._lock = threading.Lock()

    def claims(self, token: str) -> dict:
        """The token's claims; ApiError 401 when it is not valid, 503 when the issuer's keys cannot be read."""
        try:
            key = self._signing_key(token)
            return jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWKClientConnectionError as exc:
            raise ApiError(
                503,
                "Inloggningstjänstens nycklar kunde inte hämtas. Försök igen om en stund.",
                {"Retry-After": "30"},
                repr(exc),
            ) from exc
        except (jwt.PyJWTError, ValueError) as exc:
            log.info("OIDC token refused: %r", exc)
            raise ApiError(401, _REFUSED_TOKEN, _CHALLENGE, repr(exc)) from exc

    def _signing_key(self, token: str):
        """The issuer's key named by the token's `kid`; without a kid, the issuer's only signing key (a provider
        with a single key may leave the kid out). PyJWKClientError when no key fits."""
        client = self._jwks()
        if jwt.get_unverified_header(token).get("kid"):
            return client.get_signing_key_from_jwt(token).key
        keys = client.get_signing_keys()
        if len(keys) != 1:
            raise jwt.PyJWKClientError("token without kid and the issuer has more than one signing key")
        return keys[0].key

    def _jwks(self) -> jwt.PyJWKClient:
        with self._lock:
            if self._client is None:
                self._client = jwt.PyJWKClient(self._jwks_url or self._discover(), timeout=self._timeout)
            return self._client

    def _discover(self) -> str:
        url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            with urllib.request.urlopen(url, timeout=self._timeout) as response:
                return json.load(response)["jwks_uri"]
        except (OSError, ValueError, KeyError) as exc:
            raise ApiError(
                503,
                "Inloggningstjänsten svarar inte. Försök igen om en stund.",
                {"Retry-After": "30"},
                f"{url}: {exc!r}",
            ) from exc


class Access:
    """The access control of one server: its key store and, when configured, the OIDC issuer."""

    def __init__(self, keys: KeyStore, oidc: OidcVerifier | None = None, required: bool = False) -> None:
        self.keys = keys
        self.oidc = oidc
        self.required = required

    @classmethod
    def from_settings(cls, settings: Settings, keys: KeyStore, required: bool = False) -> Access:
        """Raises SettingsError when an issuer is set without an audience (any token of the issuer would pass)."""
        if not settings.api_oidc_issuer:
            return cls(keys, required=required)
        if not settings.api_oidc_audience:
            raise SettingsError(
                "ASSISTANT_API_OIDC_AUDIENCE måste anges när ASSISTANT_API_OIDC_ISSUER är satt (annars godtas "
                "varje token som utfärdaren ger ut, även till andra tjänster).",
                "api_oidc_issuer set without api_oidc_audience",
            )
        oidc = OidcVerifier(settings.api_oidc_issuer, settings.api_oidc_audience, settings.api_oidc_jwks_url)
        return cls(keys, oidc, required)

    @property
    def controlled(self) -> bool:
        """True when callers must show a key or token (required, an issuer is set, or some key is active)."""
        return self.required or self.oidc is not None or self.keys.any_active()

    def caller(self, token: str | None) -> Caller:
        """The caller the bearer token shows; ApiError 401 when access is controlled and it shows none."""
        if not self.controlled:
            return Caller(LOCAL_CALLER)
        if not token:
            raise ApiError(401, _NEEDS_TOKEN, _CHALLENGE)
        if token.startswith(KEY_PREFIX):
            name = self.keys.name_of(token)
            if name is None:
                raise ApiError(401, _REFUSED_KEY, _CHALLENGE)
            return Caller(f"key:{name}")
        if self.oidc is None:
            raise ApiError(401, _REFUSED_KEY, _CHALLENGE)
        return Caller(f"oidc:{self.oidc.claims(token)['sub']}")
