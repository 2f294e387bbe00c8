"""Helpers of the API tests: settings over a given corpus and index, and the API served by uvicorn on a free
port of 127.0.0.1 in this process."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from assistant.settings import Settings


def api_settings(corpus: Path, index_dir: Path, **overrides) -> Settings:
    """Settings of the process environment (the test's own feedback file) over the given corpus and index."""
    return Settings.load(corpus_dir=str(corpus), index_dir=str(index_dir), **overrides)


@contextmanager
def serve(app) -> Iterator[str]:
    """Run the app with uvicorn on a free port of 127.0.0.1 in a thread; its base URL until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
