"""Tests for the first build an Assistant waits for (assistant.index.first_build) and Assistant.refresh."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from assistant.core import KEYWORD_ONLY_NOTICE, Assistant
from assistant.errors import IndexDamagedError
from assistant.index import first_build
from assistant.index.build import build_index, live_state
from assistant.index.build_progress import read_progress
from assistant.settings import Settings

QUESTION = "Hur ofta följer distriktssköterskorna upp hemsjukvården?"


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


def test_a_long_embedding_is_left_for_later_and_the_assistant_answers_by_keyword(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_build, "WAIT_FOR_VECTORS_S", 0.1)  # three passages are expected to take 0.75 s
    embedder, notices = FakeEmbedder(), []
    assistant = Assistant.from_config(settings, embedder=embedder, notice=notices.append)
    assert embedder.passages_embedded == 0
    assert assistant.keyword_only and live_state(settings.index_path).keyword_only
    assert notices[0].startswith("Vektorsökningen väntar: 3 passager") and notices[-1] == KEYWORD_ONLY_NOTICE
    answer = assistant.ask(QUESTION)
    assert answer.citations and all("vector" not in p.ranks for p in answer.passages)

    build_index(settings, embedder=embedder)  # `assistant ingest`: embeds the rest
    assert embedder.passages_embedded == 3 and live_state(settings.index_path).complete
    assistant.refresh()
    assert not assistant.keyword_only
    assert any("vector" in p.ranks for p in assistant.ask(QUESTION).passages)


def test_a_quick_embedding_is_waited_for(settings: Settings) -> None:
    notices = []
    assistant = Assistant.from_config(settings, embedder=FakeEmbedder(), notice=notices.append)
    assert not assistant.keyword_only and live_state(settings.index_path).complete
    assert notices == []


class GatedEmbedder(FakeEmbedder):
    """Embeds only once the gate opens: a build that is still embedding when the Assistant opens."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def embed_passages(self, texts):
        assert self.gate.wait(60)
        return super().embed_passages(texts)


def test_while_another_build_holds_the_lock_the_assistant_waits_for_its_keyword_only_build(
    settings: Settings,
) -> None:
    other = GatedEmbedder()
    builder = threading.Thread(target=build_index, args=(settings,), kwargs={"embedder": other, "keyword_first": True})
    builder.start()
    while not ((progress := read_progress(settings.index_path)) and progress.running):  # it holds the lock
        time.sleep(0.01)
    try:
        notices = []
        assistant = Assistant.from_config(settings, embedder=FakeEmbedder(), notice=notices.append)
        assert assistant.keyword_only and notices == [KEYWORD_ONLY_NOTICE]
        assert assistant.ask(QUESTION).citations
    finally:
        other.gate.set()
        builder.join(60)
    assert assistant.refresh().build_dir == live_state(settings.index_path).build_dir
    assert not assistant.keyword_only


def test_refresh_follows_a_rebuild_by_another_process(settings: Settings) -> None:
    assistant = Assistant.from_config(settings, embedder=FakeEmbedder())
    before = assistant.retriever.build_dir
    build_index(settings, embedder=FakeEmbedder(), force=True)
    assert assistant.retriever.build_dir == before
    assert assistant.refresh() is assistant.retriever and assistant.retriever.build_dir != before


def test_a_build_switched_away_while_it_was_opened_is_followed_not_rebuilt(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keyword-only build's folder goes the moment the vectors are live: the Assistant opens the new one."""
    from assistant import core

    build_index(settings, embedder=FakeEmbedder())
    real_open, calls = core.open_retriever, []

    def switched_while_opening(*args):
        calls.append(args)
        if len(calls) == 1:  # the build found is replaced, and its folder removed, before it is open
            build_index(settings, embedder=FakeEmbedder(), force=True)
            raise IndexDamagedError("Indexet saknas eller är skadat …", "cannot open the removed build")
        return real_open(*args)

    def no_rebuild(*args, **kwargs):
        raise AssertionError("rebuilt instead of opening the live build")

    monkeypatch.setattr(core, "open_retriever", switched_while_opening)
    monkeypatch.setattr(core, "build_until_searchable", no_rebuild)
    assistant = Assistant.from_config(settings, embedder=FakeEmbedder())
    assert len(calls) == 2 and assistant.retriever.build_dir == live_state(settings.index_path).build_dir


def test_a_damaged_live_build_is_still_rebuilt(settings: Settings) -> None:
    build_index(settings, embedder=FakeEmbedder())
    damaged = live_state(settings.index_path).build_dir
    (damaged / "chunks.jsonl").write_text("{not json")
    assistant = Assistant.from_config(settings, embedder=FakeEmbedder())
    assert assistant.retriever.build_dir != damaged and assistant.ask(QUESTION).citations


def test_the_build_process_run_sh_starts_builds_the_folder_keyword_first(settings: Settings) -> None:
    """`python -m assistant.index.background_build`: the build begins with the app's server, not its first tab."""
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": settings.corpus_dir, "ASSISTANT_INDEX_DIR": settings.index_dir}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.index.background_build"], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert live_state(settings.index_path).complete
    assert read_progress(settings.index_path).keyword_only_live  # a keyword-only build went live first
    again = subprocess.run([sys.executable, "-m", "assistant.index.background_build"], env=env, timeout=600)
    assert again.returncode == 0 and read_progress(settings.index_path).keyword_only_live  # complete: nothing done
