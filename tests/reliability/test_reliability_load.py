"""Load: ten concurrent askers get the answers one asker gets; 500 questions in a row do not grow memory."""

from __future__ import annotations

import gc
import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from assistant.core import Assistant
from assistant.models import Answer
from assistant.settings import Settings

USERS = 10
QUESTIONS = (
    "Hur ofta följer distriktssköterskorna upp hemsjukvården?",
    "Vem delar ansvaret för hemsjukvården?",
    "Hur många patienter omfattar avtalet?",
    "Vilka arbetar tillsammans i teamet runt patienten?",
    "Vad beskriver färdplanen för rehabilitering?",
    "Vem ansvarar för fysioterapi i hemmet?",
    "Hur ökar videobesöken på vårdcentralerna?",
    "Vilket stöd får äldre patienter via videobesök?",
    "Vad är en samordnad individuell plan?",
    "How often do the district nurses follow up home care?",
    "Vad kostar en ny bil i Stockholm?",
    "hemsjukvård",
)


@pytest.fixture
def assistant(tiny_corpus: Path) -> Assistant:
    return Assistant.from_config(Settings.load(corpus_dir=str(tiny_corpus)), embedder=FakeEmbedder())


def comparable(answer: Answer) -> tuple:
    """Everything a user sees of an answer, plus which passages it came from."""
    return (
        answer.answer,
        answer.citations,
        answer.abstained,
        tuple(p.chunk_id for p in answer.passages),
        tuple(round(p.score, 9) for p in answer.passages),
    )


def test_ten_concurrent_askers_get_the_same_answers_as_one(tiny_corpus: Path) -> None:
    # A fresh Assistant, so lazy caches (answerer, tables) are first filled under concurrency.
    settings = Settings.load(corpus_dir=str(tiny_corpus))
    Assistant.from_config(settings, embedder=FakeEmbedder())  # builds the index
    one_by_one = Assistant.from_config(settings, embedder=FakeEmbedder())
    expected = {q: comparable(one_by_one.ask(q)) for q in QUESTIONS}

    shared = Assistant.from_config(settings, embedder=FakeEmbedder())
    start = threading.Barrier(USERS)

    def user(seed: int) -> dict[str, list[tuple]]:
        order = list(QUESTIONS) * 3
        random.Random(seed).shuffle(order)
        start.wait()
        seen: dict[str, list[tuple]] = {}
        for question in order:
            seen.setdefault(question, []).append(comparable(shared.ask(question)))
        return seen

    with ThreadPoolExecutor(USERS) as pool:
        results = list(pool.map(user, range(USERS)))

    for seen in results:
        for question, answers in seen.items():
            assert all(a == expected[question] for a in answers), question


def test_concurrent_searches_match_serial_searches(assistant: Assistant) -> None:
    expected = {q: [(p.chunk_id, p.score) for p in assistant.search(q, k=5)] for q in QUESTIONS}
    with ThreadPoolExecutor(USERS) as pool:
        found = list(pool.map(lambda q: (q, [(p.chunk_id, p.score) for p in assistant.search(q, k=5)]), QUESTIONS * 10))
    for question, passages in found:
        assert passages == expected[question], question


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_five_hundred_questions_in_a_row_grow_memory_less_than_five_percent(assistant: Assistant) -> None:
    questions = [f"{q} ({n})" if n % 2 else q for n, q in enumerate(QUESTIONS * 50)]  # 600, some unseen
    for question in questions[:100]:  # warm-up: caches, allocator pools, lazy imports
        assistant.ask(question)
    gc.collect()
    before = resident_bytes()
    for question in questions[100:]:
        assistant.ask(question)
    gc.collect()
    after = resident_bytes()
    assert len(questions[100:]) == 500
    assert after < before * 1.05, f"RSS grew from {before / 2**20:.1f} MB to {after / 2**20:.1f} MB"


@pytest.mark.slow
def test_ten_concurrent_askers_on_the_full_corpus_with_the_real_embedder(full_assistant: Assistant) -> None:
    from assistant.evaluation.scoring import read_questions

    questions = [q.question for q in read_questions(Path(__file__).resolve().parents[2] / "evals" / "questions")]
    assert questions, "no dev questions found"
    expected = {q: comparable(full_assistant.ask(q)) for q in questions}
    with ThreadPoolExecutor(USERS) as pool:
        found = list(pool.map(lambda q: (q, comparable(full_assistant.ask(q))), questions * 3))
    for question, answer in found:
        assert answer == expected[question], question
