"""`assistant serve`: the API under uvicorn, on 127.0.0.1 only unless access control is configured."""

from __future__ import annotations

import ipaddress
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.api.auth import Access
from assistant.api.keys import KeyStore, keys_path
from assistant.errors import AssistantError
from assistant.settings import Settings

START_TIMEOUT_S = 30.0


class UnprotectedServerError(AssistantError):
    """The server was asked to listen beyond the loopback address with no API key and no OIDC issuer."""


class ServerStartError(AssistantError):
    """The API served in a thread (serve_in_thread) did not start."""


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


@contextmanager
def serve_in_thread(app, start_timeout_s: float = START_TIMEOUT_S) -> Iterator[str]:
    """Run the app with uvicorn on a free port of 127.0.0.1 in a thread of this process (for `assistant bench` and
    the tests); its base URL until the block ends, then the server is stopped. ServerStartError when it does not
    start within start_timeout_s."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))

    def run() -> None:
        try:
            server.run()
        except SystemExit:  # uvicorn's answer to an app whose startup fails: told below as ServerStartError
            pass

    thread = threading.Thread(target=run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise ServerStartError("HTTP-API:t startade inte på 127.0.0.1.", "uvicorn did not start")
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
