"""A local stand-in for an LLM server: OpenAI chat completions and Ollama /api/chat, scripted.

Tests script the replies (text and tool calls), read back every request the real client sent, and
switch on a fault: a slow reply, HTTP 500 or a garbage body. A refused connection is a closed port
(`closed_port_url`).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OPENAI_PATH = "/v1/chat/completions"
OLLAMA_PATH = "/api/chat"
FAULTS = ("slow", "http500", "garbage")


@dataclass(frozen=True)
class Reply:
    """One scripted model turn: text, and tool calls as (tool name, arguments) pairs."""

    content: str = ""
    tool_calls: tuple[tuple[str, dict[str, Any]], ...] = ()


@dataclass(frozen=True)
class RecordedRequest:
    """A request the stub received: its path and JSON body."""

    path: str
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", [])

    def texts_of(self, role: str) -> list[str]:
        """The text of every message with this role (content parts joined)."""
        return [_text(m.get("content")) for m in self.messages if m.get("role") == role]


@dataclass
class StubState:
    """What the handler serves: scripted replies, a fault, and the requests seen."""

    replies: list[Reply | Callable[[RecordedRequest], Reply]] = field(default_factory=list)
    fault: str = ""
    slow_seconds: float = 5.0
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_reply(self, request: RecordedRequest) -> Reply:
        with self.lock:
            self.requests.append(request)
            scripted = self.replies.pop(0) if self.replies else Reply("Inget manus kvar i stubben.")
        return scripted(request) if callable(scripted) else scripted


class LLMStubServer:
    """ThreadingHTTPServer on 127.0.0.1 (a free port) speaking the OpenAI and Ollama chat APIs."""

    def __init__(self) -> None:
        self.state = StubState()
        handler = type("BoundHandler", (_Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a slow-fault handler may still sleep at teardown
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    def script(self, *replies: Reply | Callable[[RecordedRequest], Reply]) -> None:
        """Queue replies, served in order; a callable reply is computed from the request."""
        with self.state.lock:
            self.state.replies.extend(replies)

    def set_fault(self, fault: str, slow_seconds: float = 5.0) -> None:
        if fault and fault not in FAULTS:
            raise ValueError(f"Unknown fault {fault!r}; choose from {FAULTS}")
        self.state.fault = fault
        self.state.slow_seconds = slow_seconds

    def start(self) -> LLMStubServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class _Handler(BaseHTTPRequestHandler):
    state: StubState
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._send(404, b'{"error": "not found"}', "application/json")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path not in (OPENAI_PATH, OLLAMA_PATH):
            self._send(404, b'{"error": "not found"}', "application/json")
            return
        request = RecordedRequest(self.path, json.loads(raw or b"{}"))
        reply = self.state.next_reply(request)
        fault = self.state.fault
        if fault == "slow":
            time.sleep(self.state.slow_seconds)
        if fault == "http500":
            self._send(500, b'{"error": {"message": "internal error"}}', "application/json")
        elif fault == "garbage":
            self._send(200, b"\x00<html>not json at all}{", "application/json")
        elif self.path == OLLAMA_PATH:
            self._reply_ollama(request, reply)
        else:
            self._reply_openai(request, reply)

    def _reply_openai(self, request: RecordedRequest, reply: Reply) -> None:
        model = request.body.get("model", "stub")
        calls = [
            {
                "id": f"call_{i}",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)},
            }
            for i, (name, args) in enumerate(reply.tool_calls)
        ]
        finish = "tool_calls" if calls else "stop"
        if request.body.get("stream"):
            delta: dict[str, Any] = {"role": "assistant", "content": reply.content}
            if calls:
                delta["tool_calls"] = [{"index": i, **call} for i, call in enumerate(calls)]
            chunks = [
                _openai_chunk(model, delta, None),
                _openai_chunk(model, {}, finish),
            ]
            body = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks) + "data: [DONE]\n\n"
            self._send(200, body.encode("utf-8"), "text/event-stream")
            return
        message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
        if calls:
            message["tool_calls"] = calls
        payload = {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        self._send(200, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _reply_ollama(self, request: RecordedRequest, reply: Reply) -> None:
        model = request.body.get("model", "stub")
        created = "2026-01-01T00:00:00Z"
        message: dict[str, Any] = {"role": "assistant", "content": reply.content}
        if reply.tool_calls:
            message["tool_calls"] = [{"function": {"name": n, "arguments": a}} for n, a in reply.tool_calls]
        done = {
            "model": model,
            "created_at": created,
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop",
            "total_duration": 1,
            "prompt_eval_count": 1,
            "eval_count": 1,
        }
        if request.body.get("stream", True):
            lines = [{"model": model, "created_at": created, "message": message, "done": False}, done]
            body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
            self._send(200, body.encode("utf-8"), "application/x-ndjson")
        else:
            self._send(200, json.dumps({**done, "message": message}).encode("utf-8"), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout), as the slow fault intends


def _openai_chunk(model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }


def _text(content: Any) -> str:
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return content or ""
