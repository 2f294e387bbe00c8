"""The HTTP API's throughput for `assistant bench`: `POST /v1/ask` against a uvicorn server on 127.0.0.1,
for one client and for several at once, beside the library's own `ask` measured in the same run."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.core import Assistant
from assistant.settings import Settings

CALLS_PER_MINUTE = 1_000_000  # the most ASSISTANT_API_RATE_LIMIT allows


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
    from assistant.api.app import create_app
    from assistant.api.readiness import AssistantSource
    from assistant.api.server import serve_in_thread

    # The figures are the server's throughput, not its limiter's: at the default 60 calls a minute the one local
    # caller of the benchmark (36 questions, then 10 users × 36) was refused with 429 and `assistant bench` stopped.
    settings = replace(settings, api_rate_limit=CALLS_PER_MINUTE)
    app = create_app(settings, source=AssistantSource(settings, assistant=assistant))
    with serve_in_thread(app) as base:

        def ask(question: str) -> object:
            body = json.dumps({"question": question}).encode("utf-8")
            request = urllib.request.Request(
                f"{base}/v1/ask", data=body, headers={"Content-Type": "application/json"}, method="POST"
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())

        return load_lines("HTTP POST /v1/ask", ask, questions, users)
