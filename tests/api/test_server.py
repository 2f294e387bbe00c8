"""`assistant serve`: refuses (exit code 2) to listen beyond 127.0.0.1 without access control; on 127.0.0.1 it
says so at start, serves, and builds the index in the background."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.api.keys import KeyStore, keys_path
from assistant.api.server import UnprotectedServerError, check_access, is_loopback
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.server

# `assistant serve` in a child process, with the fake embedder of the tests registered first (quick to build).
SERVE = (
    "import sys; sys.path.insert(0, 'tests'); from conftest import FakeEmbedder; "
    "from assistant.index import embedders; embedders._REGISTRY['test-fake'] = lambda _a: FakeEmbedder(); "
    "from assistant.cli import main; sys.exit(main(['serve', *sys.argv[1:]]))"
)


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.5", "assistent.region.se"))


def test_access_control_decides_where_the_server_may_listen() -> None:
    settings = Settings.load()
    keys = KeyStore(keys_path(settings))
    with pytest.raises(UnprotectedServerError) as raised:
        check_access(settings, "0.0.0.0", keys)
    assert raised.value.user_message.startswith("API:t startar inte på 0.0.0.0 utan åtkomstkontroll.")
    assert "bara på 127.0.0.1" in check_access(settings, "127.0.0.1", keys)
    keys.create("intranatet")
    assert check_access(settings, "0.0.0.0", keys) == "Åtkomst kräver API-nycklar (Authorization: Bearer …)."
    keys.revoke("intranatet")
    oidc = Settings.load(api_oidc_issuer="https://sso.example.se/realms/region", api_oidc_audience="nva")
    assert check_access(oidc, "0.0.0.0", keys) == "Åtkomst kräver OIDC-token (Authorization: Bearer …)."


def test_serve_refuses_another_address_without_access_control(app_env: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SERVE, "--host", "0.0.0.0", "--port", "9"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Fel: API:t startar inte på 0.0.0.0 utan åtkomstkontroll." in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_on_127_0_0_1_says_it_is_open_builds_and_answers(app_env: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "ASSISTANT_EMBEDDER": "test-fake", "ANONYMIZED_TELEMETRY": "False"}
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, "--port", str(port)], cwd=REPO, env=env, stdout=log, stderr=log
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                assert server.poll() is None, log_path.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, log_path.read_text(encoding="utf-8")
                try:
                    if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            answer = httpx.post(f"{url}/v1/ask", json={"question": "Hur många patienter omfattar avtalet?"}).json()
            assert "120" in answer["answer"] and answer["citations"]
        finally:
            server.send_signal(signal.SIGINT)  # Ctrl-C
            server.wait(timeout=20)
    output = log_path.read_text(encoding="utf-8")
    assert (
        "Ingen åtkomstkontroll är inställd (inga API-nycklar, ingen OIDC-utfärdare): API:t lyssnar bara på 127.0.0.1"
        in output
    )
    assert f"HTTP-API:t startar på http://127.0.0.1:{port}/" in output
    assert "Application shutdown complete." in output and "Traceback" not in output
    assert server.returncode == 0, output


def test_serve_in_thread_serves_until_the_block_ends_and_says_so_when_the_app_cannot_start() -> None:
    from contextlib import asynccontextmanager

    from fastapi import FastAPI

    from assistant.api.server import ServerStartError, serve_in_thread

    app = FastAPI()
    app.get("/ping")(lambda: {"svar": "pong"})
    with serve_in_thread(app) as url:
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/ping").json() == {"svar": "pong"}
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/ping")

    @asynccontextmanager
    async def broken(_app):
        raise RuntimeError("startar inte")
        yield

    with pytest.raises(ServerStartError) as raised, serve_in_thread(FastAPI(lifespan=broken)):
        pass
    assert raised.value.user_message == "HTTP-API:t startade inte på 127.0.0.1."
