"""Tests for assistant.index.background_build: one worker per index folder, standing aside for another process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import REPO, FakeEmbedder

from assistant.index import background_build
from assistant.index.build import live_state
from assistant.index.build_progress import EMBED, FAILED
from assistant.settings import Settings


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


class GatedEmbedder(FakeEmbedder):
    """Embeds only after `gate` is set, so a test can look at a build that is under way."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def embed_passages(self, texts):
        self.waiting.set()
        assert self.gate.wait(60), "the test never opened the gate"
        return super().embed_passages(texts)


def test_one_worker_per_index_folder_however_often_it_is_asked(settings: Settings) -> None:
    embedder = GatedEmbedder()
    worker = background_build.ensure_started(settings, embedder=embedder)
    try:
        assert embedder.waiting.wait(60)
        assert background_build.ensure_started(settings, embedder=FakeEmbedder()) is worker
        current = background_build.status(settings)
        assert current.building and current.progress.phase == EMBED
        assert live_state(settings.index_path).keyword_only
    finally:
        embedder.gate.set()
        worker.join(60)
    assert not worker.alive and live_state(settings.index_path).complete
    assert embedder.passages_embedded == 3
    assert background_build.ensure_started(settings) is worker  # complete: nothing to start
    assert not background_build.status(settings).building


def test_a_failed_build_is_not_restarted_until_asked_to(settings: Settings) -> None:
    class Broken(FakeEmbedder):
        def embed_passages(self, texts):
            raise RuntimeError("model file truncated")

    worker = background_build.ensure_started(settings, embedder=Broken())
    worker.join(60)
    current = background_build.status(settings)
    assert not current.building and "Inbäddningsmodellen" in current.error
    assert current.progress.phase == FAILED
    assert background_build.ensure_started(settings) is worker
    retried = background_build.ensure_started(settings, retry=True, embedder=FakeEmbedder())
    assert retried is not worker
    retried.join(60)
    assert live_state(settings.index_path).complete and not background_build.status(settings).error


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from assistant.index import store
from assistant.index.build_progress import ProgressWriter
index_dir = Path(sys.argv[1])
with store.build_lock(index_dir):
    ProgressWriter(index_dir).embedded(2, 9)
    print("holding", flush=True)
    sys.stdin.readline()
"""


def test_a_build_from_another_process_is_followed_not_collided_with(settings: Settings) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", HOLD_THE_LOCK, str(settings.index_path)]
    other = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert other.stdout.readline().strip() == "holding"
        assert background_build.ensure_started(settings, embedder=FakeEmbedder()) is None  # stands aside
        current = background_build.status(settings)
        assert current.building and current.progress.pid == other.pid
        assert (current.progress.done, current.progress.total) == (2, 9)
    finally:
        other.communicate("\n", timeout=30)
    assert not background_build.status(settings).building  # that process is gone: its build is not running
    worker = background_build.ensure_started(settings, embedder=FakeEmbedder())
    worker.join(60)
    assert live_state(settings.index_path).complete
