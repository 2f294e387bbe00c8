"""Fixtures of the API tests: an index of four real documents (built once, fake embedder) and the API served by
uvicorn on a free port of 127.0.0.1 in this process.

A test module uses them with `pytest_plugins = ["api_fixtures"]`; `serve` and `api_settings` are imported.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from conftest import FakeEmbedder

from assistant.api.app import create_app
from assistant.api.readiness import AssistantSource
from assistant.core import Assistant
from assistant.settings import Settings

REPO = Path(__file__).resolve().parents[2]
# The indicator library and studies (bilagor), the satsningar (färdplan), decisions (projektrapport, NSV):
# every table but Socialstyrelsen's, whose OCR repair alone takes 40 s on two cores.
DOCUMENTS = ("bilagor-projektrapport", "fardplan-2025", "projektrapport-2023", "nsv-beslut-2023")


@pytest.fixture(scope="session")
def api_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("api-corpus")
    manifest = json.loads((REPO / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    entries = [d for d in manifest["documents"] if d["doc_id"] in DOCUMENTS]
    for entry in entries:
        shutil.copy(REPO / "corpus" / entry["file"], corpus / entry["file"])
    shutil.copytree(REPO / "corpus" / "tables", corpus / "tables")
    (corpus / "manifest.json").write_text(json.dumps({"documents": entries}, ensure_ascii=False), encoding="utf-8")
    return corpus


@pytest.fixture(scope="session")
def api_index(api_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("api-index")
    Assistant.from_config(api_settings(api_corpus, index_dir), embedder=FakeEmbedder())
    return index_dir


@pytest.fixture(scope="session")
def api_assistant(api_corpus: Path, api_index: Path) -> Assistant:
    return Assistant.from_config(api_settings(api_corpus, api_index), embedder=FakeEmbedder())


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


@pytest.fixture
def api_url(api_corpus: Path, api_index: Path, api_assistant: Assistant) -> Iterator[str]:
    """The API over the shared index, no access control (no key, no issuer), served on 127.0.0.1."""
    settings = api_settings(api_corpus, api_index)
    with serve(create_app(settings, AssistantSource(settings, api_assistant))) as url:
        yield url
