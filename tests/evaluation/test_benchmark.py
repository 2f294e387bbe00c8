"""Tests for assistant.benchmark's load measurement: every user asks every question, figures are printed."""

from __future__ import annotations

import re
import threading
from collections import Counter

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


def test_time_to_first_answer_on_a_fresh_index_folder(app_env, isolated_environment) -> None:
    from assistant.evaluation.benchmark import first_answer_lines
    from assistant.settings import Settings

    lines = first_answer_lines(Settings.load(), "Hur ofta följer distriktssköterskorna upp hemsjukvården?")
    labels = [line.split(":")[0] for line in lines]
    assert labels == [
        "app start (streamlit run until its health check answers)",
        "first page on a fresh index folder (keyword-only build live)",
        "first cited answer (keyword-only)",
        "hybrid search live",
    ]
    assert "keyword-only build live after" in lines[-1]
    assert not (isolated_environment / "current.json").exists()  # measured in fresh folders of its own
