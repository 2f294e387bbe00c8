"""The HTTP API's throughput for `assistant bench`: `POST /v1/ask` against a uvicorn server on 127.0.0.1,
for one client and for several at once, beside the library's own `ask` measured in the same run."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from assistant.core import Assistant
from assistant.settings import Settings

START_TIMEOUT_S = 30


def api_lines(
    settings: Settings,
    assistant: Assistant,
    questions: Sequence[str],
    users: int,
    load_lines: Callable[[str, Callable[[str], object], Sequence[str], int], list[str]],
) -> list[str]:
    """Latency and throughput of `POST /v1/ask` over HTTP (same index, same Assistant as the library figures)."""
    try:
        import uvicorn  # noqa: F401
    except ImportError:
        return ["HTTP API: uvicorn saknas, inte mätt"]
    with _server(settings, assistant) as base:

        def ask(question: str) -> object:
            body = json.dumps({"question": question}).encode("utf-8")
            request = urllib.request.Request(
                f"{base}/v1/ask", data=body, headers={"Content-Type": "application/json"}, method="POST"
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())

        return load_lines("HTTP POST /v1/ask", ask, questions, users)


@contextmanager
def _server(settings: Settings, assistant: Assistant) -> Iterator[str]:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.api.readiness import AssistantSource

    app = create_app(settings, source=AssistantSource(settings, assistant=assistant))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
