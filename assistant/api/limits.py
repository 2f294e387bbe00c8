"""Limits of the HTTP API: the request body size (an ASGI middleware) and a per-caller rate limit."""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import PROBLEM_JSON, TITLES

WINDOW_SECONDS = 60.0


class BodySizeLimit:
    """Refuses (413, problem+json) a request whose body is larger than max_bytes, before the app reads it.

    The body is read here up to the limit (a declared Content-Length above it is refused at once) and
    handed on unchanged, so no route ever sees more than the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the client to disconnect

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        kilobytes = self.max_bytes // 1024
        body = json.dumps(
            {
                "type": "about:blank",
                "title": TITLES[413],
                "status": 413,
                "detail": f"Anropet är för stort (högst {kilobytes} kB). Korta frågan eller historiken.",
            },
            ensure_ascii=False,
        ).encode("utf-8")
        headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """At most `per_minute` requests per caller in any sliding minute; thread-safe."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, caller: str) -> int:
        """0 when the caller may go on (the request is counted); else whole seconds until it may."""
        now = self._clock()
        with self._lock:
            seen = self._seen.setdefault(caller, deque())
            while seen and seen[0] <= now - WINDOW_SECONDS:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return max(1, math.ceil(seen[0] + WINDOW_SECONDS - now))
            seen.append(now)
            return 0
