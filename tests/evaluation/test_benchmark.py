"""Tests for assistant.benchmark's load measurement: every user asks every question, figures are printed."""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from assistant.evaluation.benchmark import load_lines, timed_calls

QUESTIONS = ("Vad är Nära vård?", "Vad är en SIP?", "Hur många vårdcentraler finns det?")


def test_every_user_asks_every_question_in_its_own_thread() -> None:
    asked: Counter[str] = Counter()
    threads: set[int] = set()
    lock = threading.Lock()

    def call(question: str) -> None:
        with lock:
            asked[question] += 1
            threads.add(threading.get_ident())

    seconds, wall = timed_calls(call, QUESTIONS, users=10)
    assert len(seconds) == 30
    assert asked == Counter({q: 10 for q in QUESTIONS})
    assert len(threads) == 10  # the barrier holds every user until all ten threads exist
    assert all(s >= 0 for s in seconds) and wall >= max(seconds)


def test_load_lines_report_one_user_next_to_ten() -> None:
    lines = load_lines("ask", lambda question: None, QUESTIONS, users=10)
    assert [line.split(":")[0] for line in lines] == ["ask, 1 user", "ask, 10 concurrent users"]
    assert re.fullmatch(r"ask, 1 user: p50 [\d.]+ ms, p95 [\d.]+ ms \(n=3\), [\d.]+ per s", lines[0])
    assert "(n=30)" in lines[1]


def test_the_environment_size_names_site_packages_and_torch() -> None:
    from assistant.evaluation.benchmark import environment_lines

    size, torch = environment_lines()
    assert re.fullmatch(r"installed environment: site-packages \d+ MB \(.+\), whole environment \d+ MB \(.+\)", size)
    assert re.fullmatch(r"torch: (\d+ MB|not installed)", torch)


def test_the_search_of_the_first_answer_is_named_from_the_live_build_before_and_after_it() -> None:
    from assistant.evaluation.benchmark import build_kind, search_kind
    from assistant.index.build import LiveState

    nothing = LiveState(None)
    keyword_only = LiveState(Path("b1"), keyword_only=True, current_pipeline=True)
    hybrid = LiveState(Path("b2"), current_pipeline=True)
    assert [build_kind(state) for state in (nothing, keyword_only, hybrid)] == ["no", "keyword-only", "hybrid"]
    assert search_kind(hybrid, hybrid) == "hybrid search"
    assert search_kind(keyword_only, keyword_only) == "keyword-only search"
    assert search_kind(keyword_only, hybrid) == (
        "keyword-only or hybrid search: the vectors went live while it was answered"
    )


class HeldEmbedder(FakeEmbedder):
    """Embeds no passage until the benchmark has named the first answer's search: the app answers keyword-only."""

    answered = threading.Event()

    def embed_passages(self, texts):
        assert self.answered.wait(timeout=600), "the first answer was never named"
        return super().embed_passages(texts)


def test_time_to_first_answer_on_a_fresh_index_folder(
    app_env, isolated_environment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.evaluation import benchmark
    from assistant.index import embedders
    from assistant.settings import Settings

    HeldEmbedder.answered.clear()
    monkeypatch.setitem(embedders._REGISTRY, "test-held", lambda _argument: HeldEmbedder())
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-held")

    def named_then_released(at_question, after_answer) -> str:
        HeldEmbedder.answered.set()
        return real_search_kind(at_question, after_answer)

    real_search_kind = benchmark.search_kind
    monkeypatch.setattr(benchmark, "search_kind", named_then_released)
    lines = benchmark.first_answer_lines(Settings.load(), "Hur ofta följer distriktssköterskorna upp hemsjukvården?")
    labels = [line.split(":")[0] for line in lines]
    assert labels == [
        "app start (streamlit run until its health check answers)",
        "first page on a fresh index folder (keyword-only build live)",
        "first cited answer (keyword-only search)",
        "hybrid search live",
    ]
    assert "3 passages, 0 vectors shipped; keyword-only build live after" in lines[-1]
    assert not (isolated_environment / "current.json").exists()  # measured in fresh folders of its own


def test_the_benchmark_hands_out_each_figure_as_soon_as_it_is_measured(monkeypatch) -> None:
    # The run takes about twenty minutes: its first figures are printed before the later ones are measured.
    from assistant.evaluation import benchmark
    from assistant.settings import Settings

    measured: list[str] = []

    def first_answer(settings):
        measured.append("first answer")
        return ["first cited answer: 1.0 s"]

    monkeypatch.setattr(benchmark, "first_answer_lines", first_answer)
    lines = benchmark.run_benchmark(Settings.load({}), Path("unused.jsonl"))

    assert next(lines).startswith("installed environment:")
    assert measured == []  # nothing after the environment's size has been measured yet
    assert next(lines).startswith("torch:")
    assert next(lines) == "first cited answer: 1.0 s"
    lines.close()
