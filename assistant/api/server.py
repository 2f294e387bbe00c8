"""`assistant serve`: the API under uvicorn, on 127.0.0.1 only unless access control is configured."""

from __future__ import annotations

import ipaddress
import sys

from assistant.api.auth import Access
from assistant.api.keys import KeyStore, keys_path
from assistant.errors import AssistantError
from assistant.settings import Settings


class UnprotectedServerError(AssistantError):
    """The server was asked to listen beyond the loopback address with no API key and no OIDC issuer."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_access(settings: Settings, host: str, keys: KeyStore) -> str:
    """The line to print at start about access; UnprotectedServerError when host is not loopback and there is
    no access control (no active key, no issuer)."""
    access = Access.from_settings(settings, keys)
    if access.controlled:
        ways = [w for w, on in (("API-nycklar", keys.any_active()), ("OIDC-token", access.oidc)) if on]
        return f"Åtkomst kräver {' eller '.join(ways)} (Authorization: Bearer …)."
    if not is_loopback(host):
        raise UnprotectedServerError(
            f"API:t startar inte på {host} utan åtkomstkontroll. Skapa en API-nyckel (assistant api-key create "
            "NAMN) eller ställ in ASSISTANT_API_OIDC_ISSUER och ASSISTANT_API_OIDC_AUDIENCE; utan dem lyssnar "
            "API:t bara på 127.0.0.1.",
            f"refusing to serve on {host} without access control",
        )
    return (
        "Ingen åtkomstkontroll är inställd (inga API-nycklar, ingen OIDC-utfärdare): API:t lyssnar bara på "
        f"{host} och svarar alla anrop därifrån."
    )


def serve(settings: Settings, host: str, port: int) -> int:
    """Run the API until stopped (Ctrl-C); exit code 2 (via AssistantError) when it may not start."""
    import uvicorn

    from assistant.api.app import create_app

    keys = KeyStore(keys_path(settings))
    print(check_access(settings, host, keys), file=sys.stderr, flush=True)
    app = create_app(settings, keys=keys, public=not is_loopback(host))
    shown = f"[{host}]" if ":" in host else host
    print(
        f"HTTP-API:t startar på http://{shown}:{port}/ (dokumentation på /docs, OpenAI-kompatibelt på /v1).",
        file=sys.stderr,
        flush=True,
    )
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    except KeyboardInterrupt:  # Ctrl-C: uvicorn shut down gracefully, then raised the signal again
        pass
    return 0
