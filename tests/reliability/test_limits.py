"""Limits a user or admin can see (issue #14): the question length for search as for ask, the length of a
document, and the expected embedding time said before a long build and shown as progress."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from assistant import cli
from assistant.core import MAX_QUESTION_CHARS, TOO_LONG_MESSAGE, Assistant, QuestionTooLongError
from assistant.index import embedders
from assistant.settings import Settings


@pytest.fixture
def assistant(tiny_corpus: Path, fake_embedder) -> Assistant:
    return Assistant.from_config(Settings.load(corpus_dir=str(tiny_corpus)), embedder=fake_embedder)


def test_search_refuses_a_question_over_the_cap_at_once(assistant: Assistant, fake_embedder) -> None:
    queries = fake_embedder.query_calls
    started = time.perf_counter()
    with pytest.raises(QuestionTooLongError) as raised:
        assistant.search("hemsjukvård " * 100_000)
    assert raised.value.user_message.startswith("Frågan är för lång")
    assert time.perf_counter() - started < 1.0 and fake_embedder.query_calls == queries  # nothing searched
    assert assistant.search("hemsjukvård " * 100)  # a question within the cap is searched
    assert assistant.ask("x" * (MAX_QUESTION_CHARS + 1)).notes == ("too long",)  # ask says the same


def test_the_search_command_says_so_in_one_line(
    tiny_corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(embedders._REGISTRY, "test-fake", lambda _argument: FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tiny_corpus))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-fake")
    assert cli.main(["search", "vård " * 1000]) == 2
    err = capsys.readouterr().err  # after the first build's progress bar
    assert err.splitlines()[-1] == f"Fel: {TOO_LONG_MESSAGE}"
    assert TOO_LONG_MESSAGE == f"Frågan är för lång (högst {MAX_QUESTION_CHARS} tecken). Korta ned den och fråga igen."


def test_a_document_over_the_length_limit_is_skipped_with_its_size(tiny_corpus: Path, fake_embedder) -> None:
    from assistant.index.build import build_index

    (tiny_corpus / "stor-logg.txt").write_text("Hemsjukvården loggar besök i hemmet. " * 200, encoding="utf-8")
    settings = Settings.load(corpus_dir=str(tiny_corpus), max_document_chars=5_000)
    report = build_index(settings, embedder=fake_embedder)
    assert report.documents == 3
    assert [(s.file, s.reason) for s in report.skipped] == [
        (
            "stor-logg.txt",
            "stor-logg.txt: dokumentet har 7 400 tecken, mer än gränsen på 5 000 (ASSISTANT_MAX_DOCUMENT_CHARS); "
            "det blev omkring 7 passager att bädda in. Dela upp dokumentet eller höj gränsen.",
        )
    ]
    assert Settings.load(corpus_dir=str(tiny_corpus)).max_document_chars == 1_000_000


def _slow_model_measured(index_dir: Path, seconds_per_passage: float) -> None:
    from assistant.index.embedding_cache import EmbeddingCache

    cache = EmbeddingCache(index_dir / "embedding_cache.sqlite")
    cache._measured(FakeEmbedder.name, 1, seconds_per_passage)
    cache._db.commit()
    cache.close()


def test_ingest_says_the_expected_embedding_time_before_a_long_build(
    tiny_corpus: Path, isolated_environment: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.index.build_progress import read_progress

    monkeypatch.setitem(embedders._REGISTRY, "test-fake", lambda _argument: FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tiny_corpus))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-fake")
    _slow_model_measured(isolated_environment, 100.0)  # as a slow model measured in this index folder
    assert cli.main(["ingest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    passages = int(lines[0].split()[0])
    assert passages >= 3
    assert lines[0] == (
        f"{passages} passager ska bäddas in med {FakeEmbedder.name}; det tar uppskattningsvis "
        f"{round(passages * 100 / 60)} min. Det tidigare indexet används under tiden."
    )
    assert lines[1].startswith("Indexet är byggt:")  # said before the build, not after
    assert read_progress(isolated_environment).estimate_seconds == pytest.approx(passages * 100.0)


def test_a_short_build_says_nothing_before_it(
    tiny_corpus: Path, isolated_environment: Path, fake_embedder, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.index.build import build_index

    said: list[str] = []
    report = build_index(Settings.load(corpus_dir=str(tiny_corpus)), embedder=fake_embedder, notice=said.append)
    assert said == [] and 0 < report.estimated_embed_seconds < 60  # the default speed, a few passages
    again = build_index(Settings.load(corpus_dir=str(tiny_corpus)), embedder=fake_embedder, force=True)
    assert again.new_passages == 0 and again.estimated_embed_seconds == 0.0  # all in the cache


def test_the_progress_shows_the_time_left() -> None:
    from assistant.index.build_progress import EMBED, BuildProgress

    before = BuildProgress(EMBED, 0, 1200, estimate_seconds=300.0)
    assert before.text() == "Bäddar in passager för vektorsökningen: 0 av 1200 (cirka 5 min kvar)"
    # 100 passages in 50 s: 1100 left at that pace is about 9 minutes.
    during = BuildProgress(EMBED, 100, 1200, started=0.0, updated=1050.0, embed_started=1000.0)
    assert during.text() == "Bäddar in passager för vektorsökningen: 100 av 1200 (cirka 9 min kvar)"
    assert BuildProgress(EMBED, 1, 4).text() == "Bäddar in passager för vektorsökningen: 1 av 4"
