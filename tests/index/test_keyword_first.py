"""Tests for the keyword-first build (assistant.index.build) and its progress file (assistant.index.build_progress)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TXT_NAME, TXT_TEXT, FakeEmbedder

from assistant.core import Assistant
from assistant.errors import EmbedderError
from assistant.index import store as index_store
from assistant.index.build import build_index, live_state
from assistant.index.build_progress import DONE, EMBED, FAILED, INGEST, KEYWORD, read_progress
from assistant.settings import Settings

QUESTION = "Hur ofta följer distriktssköterskorna upp hemsjukvården?"


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


class WatchingEmbedder(FakeEmbedder):
    """The fake embedder that records, at its first passage batch, what the index folder served then."""

    def __init__(self, settings: Settings, fail: bool = False) -> None:
        super().__init__()
        self.settings = settings
        self.fail = fail
        self.seen: list = []

    def embed_passages(self, texts):
        if not self.seen:
            state = live_state(self.settings.index_path)
            answer = Assistant.from_config(self.settings, embedder=FakeEmbedder()).ask(QUESTION)
            self.seen = [state, answer, read_progress(self.settings.index_path)]
        if self.fail:
            raise RuntimeError("out of memory")
        return super().embed_passages(texts)


def test_a_keyword_only_build_answers_with_citations_before_the_vectors_are_embedded(settings: Settings) -> None:
    embedder = WatchingEmbedder(settings)
    report = build_index(settings, embedder=embedder, keyword_first=True)
    state, answer, progress = embedder.seen
    assert state.searchable and state.keyword_only and not state.complete
    assert answer.citations and "[1]" in answer.answer
    assert {p.doc_id for p in answer.passages} >= {"hemsjukvard-2021"}
    assert all("vector" not in p.ranks for p in answer.passages)  # keyword-only for now
    assert progress.phase == EMBED and progress.keyword_only_live and progress.total == 3
    assert report.keyword_only_seconds is not None and report.embedded == 3

    final = live_state(settings.index_path)
    assert final.complete and final.build_dir == Path(report.build_dir) != state.build_dir
    assert not state.build_dir.exists()  # the keyword-only build is gone after the switch
    assert read_progress(settings.index_path).phase == DONE


def test_an_assistant_on_the_keyword_only_build_turns_hybrid_by_itself(settings: Settings) -> None:
    opened: list[Assistant] = []

    class Opener(FakeEmbedder):
        def embed_passages(self, texts):
            if not opened:
                opened.append(Assistant.from_config(settings, embedder=FakeEmbedder()))
                assert all("vector" not in p.ranks for p in opened[0].search("hemsjukvården", k=3))
            return super().embed_passages(texts)

    build_index(settings, embedder=Opener(), keyword_first=True)
    hits = opened[0].search("hemsjukvården", k=3)
    assert any("vector" in p.ranks for p in hits)
    assert opened[0].retriever.build_dir == live_state(settings.index_path).build_dir


def test_a_failed_vector_build_leaves_the_keyword_only_build_live_and_the_next_build_finishes_it(
    settings: Settings,
) -> None:
    with pytest.raises(EmbedderError) as raised:
        build_index(settings, embedder=WatchingEmbedder(settings, fail=True), keyword_first=True)
    state = live_state(settings.index_path)
    assert state.searchable and state.keyword_only
    progress = read_progress(settings.index_path)
    assert progress.phase == FAILED and progress.message == raised.value.user_message
    assert "Inbäddningsmodellen" in progress.message
    assert Assistant.from_config(settings, embedder=FakeEmbedder()).ask(QUESTION).citations

    report = build_index(settings, embedder=FakeEmbedder())
    assert report.keyword_only_seconds is None  # nothing new to publish first: the parts are reused
    assert live_state(settings.index_path).complete
    assert [p.name for p in (settings.index_path / "builds").iterdir()] == [Path(report.build_dir).name]


def test_keyword_first_never_replaces_a_complete_build_with_a_keyword_only_one(
    settings: Settings, tiny_corpus: Path
) -> None:
    first = build_index(settings, embedder=FakeEmbedder())
    (tiny_corpus / TXT_NAME).write_text(TXT_TEXT.replace("nämnden", "socialnämnden"), encoding="utf-8")
    with pytest.raises(EmbedderError):
        build_index(settings, embedder=WatchingEmbedder(settings, fail=True), keyword_first=True)
    state = live_state(settings.index_path)
    assert state.complete and state.build_dir == Path(first.build_dir)


def test_the_progress_file_follows_the_phases(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.index import build_progress

    phases: list[str] = []
    real = build_progress.write_progress

    def recording(folder: Path, progress) -> None:
        phases.append(progress.phase)
        real(folder, progress)

    monkeypatch.setattr(build_progress, "write_progress", recording)
    build_index(settings, embedder=FakeEmbedder(), keyword_first=True)
    assert phases[:3] == [INGEST, KEYWORD, EMBED]
    assert phases[-1] == DONE
    assert not read_progress(settings.index_path).running


def test_an_up_to_date_index_is_not_rebuilt_keyword_first(settings: Settings) -> None:
    first = build_index(settings, embedder=FakeEmbedder(), keyword_first=True)
    second = build_index(settings, embedder=FakeEmbedder(), keyword_first=True)
    assert second.up_to_date and second.build_dir == first.build_dir
    assert index_store.current_build_dir(settings.index_path) == Path(first.build_dir)


def test_a_progress_file_of_a_process_that_is_gone_is_not_running(tmp_path: Path) -> None:
    from assistant.index.build_progress import BuildProgress, write_progress

    write_progress(tmp_path, BuildProgress(phase=EMBED, done=1, total=4, pid=2**22 + 12345))
    progress = read_progress(tmp_path)
    assert progress.phase == EMBED and not progress.running
    assert progress.text() == "Bäddar in passager för vektorsökningen: 1 av 4" and progress.fraction == 0.25
    (tmp_path / "build_progress.json").write_text("{not json", encoding="utf-8")
    assert read_progress(tmp_path) is None


def test_following_another_build_reports_each_new_progress_until_it_ends(tmp_path: Path) -> None:
    import os

    from assistant.index.build_progress import BuildProgress, follow_progress, write_progress

    steps = iter(
        [
            BuildProgress(phase=EMBED, done=2, total=4, pid=os.getpid()),
            BuildProgress(phase=EMBED, done=4, total=4, pid=os.getpid()),
            BuildProgress(phase=DONE, done=4, total=4, pid=os.getpid()),
        ]
    )
    write_progress(tmp_path, next(steps))
    seen: list[BuildProgress] = []

    def next_step(_seconds: float) -> None:
        write_progress(tmp_path, next(steps))

    last = follow_progress(tmp_path, seen.append, sleep=next_step)
    assert [(p.phase, p.done) for p in seen] == [(EMBED, 2), (EMBED, 4), (DONE, 4)]
    assert last.phase == DONE


def test_a_build_that_holds_the_lock_before_its_first_progress_is_waited_for(tmp_path: Path) -> None:
    import os

    from assistant.index.build_progress import BuildProgress, follow_progress, write_progress
    from assistant.index.store import build_lock

    seen: list[BuildProgress] = []
    with build_lock(tmp_path):  # the other build has the lock and has written nothing yet
        steps = iter([BuildProgress(phase=EMBED, done=1, total=2, pid=os.getpid())])

        def next_step(_seconds: float) -> None:
            write_progress(tmp_path, next(steps, BuildProgress(phase=DONE, done=2, total=2, pid=os.getpid())))

        last = follow_progress(tmp_path, seen.append, sleep=next_step)
    assert [(p.phase, p.done) for p in seen] == [(EMBED, 1), (DONE, 2)]
    assert last.phase == DONE


def test_no_progress_and_no_lock_ends_the_wait_at_once(tmp_path: Path) -> None:
    from assistant.index.build_progress import follow_progress

    def never(_seconds: float) -> None:
        raise AssertionError("waited for a build that is not there")

    assert follow_progress(tmp_path, lambda progress: None, sleep=never) is None
