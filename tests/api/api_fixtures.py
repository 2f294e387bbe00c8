"""Fixtures of the API tests: an index of four real documents (built once, fake embedder) and the API served by
uvicorn on a free port of 127.0.0.1 in this process.

A test module uses them with `pytest_plugins = ["api_fixtures"]`; `api_settings` is in api_server.py, and the
server in a thread is the library's own (assistant.api.server.serve_in_thread, which `assistant bench` uses too).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_server import api_settings
from conftest import FakeEmbedder

from assistant.api.app import create_app
from assistant.api.readiness import AssistantSource
from assistant.api.server import serve_in_thread
from assistant.core import Assistant
from assistant.index.build import build_index

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
    # A whole build, vectors included: from_config alone would leave a first build of this size keyword-only.
    build_index(api_settings(api_corpus, index_dir), embedder=FakeEmbedder())
    return index_dir


@pytest.fixture(scope="session")
def api_assistant(api_corpus: Path, api_index: Path) -> Assistant:
    return Assistant.from_config(api_settings(api_corpus, api_index), embedder=FakeEmbedder())


@pytest.fixture
def api_url(api_corpus: Path, api_index: Path, api_assistant: Assistant) -> Iterator[str]:
    """The API over the shared index, no access control (no key, no issuer), served on 127.0.0.1."""
    settings = api_settings(api_corpus, api_index)
    with serve_in_thread(create_app(settings, AssistantSource(settings, api_assistant))) as url:
        yield url
