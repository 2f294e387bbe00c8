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
