"""Benchmark figures: build, rebuild, latency alone and under concurrent load, peak memory, each against a baseline."""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from assistant.core import Assistant
from assistant.evaluation.datasets import read_questions
from assistant.evaluation.scoring import latency_percentiles_ms
from assistant.index.build import build_index
from assistant.index.embedders import create_embedder
from assistant.ingest.corpus import ingest_corpus
from assistant.ingest.pdf_extraction import PdfLimits
from assistant.settings import Settings

LOAD_USERS = 10


def run_benchmark(settings: Settings, questions_path: Path, users: int = LOAD_USERS) -> list[str]:
    """Run the benchmark in a temporary index folder and return printable lines."""
    lines = []
    embedder = create_embedder(settings.embedder)
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as scratch:
        bench_settings = replace(settings, index_dir=scratch)
        limits = PdfLimits.from_settings(settings)
        corpus = ingest_corpus(settings.corpus_path, settings.chunk_size, settings.max_file_mb * 1_000_000, limits)
        texts = [c.index_text for c in corpus.chunks]

        started = time.perf_counter()
        for begin in range(0, len(texts), 16):
            embedder.embed_passages(texts[begin : begin + 16])
        embed_alone = time.perf_counter() - started
        lines.append(f"embedding alone ({len(texts)} passages): {embed_alone:.1f} s")

        cold = build_index(bench_settings, embedder=embedder)
        lines.append(
            f"cold build: {cold.seconds:.1f} s = {cold.seconds / embed_alone:.2f} × embedding alone (target ≤ 1.2)"
        )

        touched = time.perf_counter()
        warm = build_index(bench_settings, embedder=embedder, force=True)
        rebuild = time.perf_counter() - touched
        lines.append(
            f"rebuild, no document changed (forced, {warm.embedded} re-embedded): {rebuild:.1f} s "
            f"= {rebuild / cold.seconds:.3f} × cold build"
        )

        assistant = Assistant.from_config(bench_settings, embedder=embedder)
        questions = [q.question for q in read_questions(questions_path)]
        assistant.search(questions[0])
        query_times, search_times = [], []
        for question in questions * 3:
            started = time.perf_counter()
            embedder.embed_query(question)
            query_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            assistant.search(question, k=5)
            search_times.append(time.perf_counter() - started)
        lines.append(_latency_line("embed one query", query_times))
        lines.append(_latency_line("hybrid search", search_times))
        ratio = statistics.median(search_times) / statistics.median(query_times)
        lines.append(f"hybrid search p50 = {ratio:.2f} × embedding one query (target p95 ≤ 60 ms)")
        lines.extend(load_lines("hybrid search", lambda q: assistant.search(q, k=5), questions, users))
        lines.extend(load_lines("ask", assistant.ask, questions, users))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")
    return lines


def _latency_line(label: str, seconds: list[float]) -> str:
    p50, p95 = latency_percentiles_ms(seconds)
    return f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (n={len(seconds)})"


def load_lines(label: str, call: Callable[[str], object], questions: Sequence[str], users: int) -> list[str]:
    """Latency and throughput of call for one user, then for `users` at once, measured back to back."""
    lines = []
    for count in (1, users):
        seconds, wall = timed_calls(call, questions, count)
        who = "1 user" if count == 1 else f"{count} concurrent users"
        lines.append(f"{_latency_line(f'{label}, {who}', seconds)}, {len(seconds) / wall:.1f} per s")
    return lines


def timed_calls(call: Callable[[str], object], questions: Sequence[str], users: int) -> tuple[list[float], float]:
    """Seconds per call when `users` threads each ask every question (each in its own order), and the wall time."""
    start = threading.Barrier(users)

    def user(seed: int) -> list[float]:
        order = list(questions)
        random.Random(seed).shuffle(order)
        start.wait()
        seconds = []
        for question in order:
            began = time.perf_counter()
            call(question)
            seconds.append(time.perf_counter() - began)
        return seconds

    began = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        per_user = list(pool.map(user, range(users)))
    return [s for seconds in per_user for s in seconds], time.perf_counter() - began
