"""Benchmark figures: time to the app's first answer, build, rebuild, latency alone and under load, memory, disk."""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from assistant.child_process import free_port, running_server
from assistant.core import Assistant
from assistant.evaluation.api_benchmark import api_lines
from assistant.evaluation.datasets import read_questions
from assistant.evaluation.scoring import latency_percentiles_ms
from assistant.index.build import LiveState, build_index, ingest_configured, live_state
from assistant.index.embedders import create_embedder
from assistant.index.shipped_vectors import SUFFIX as SHIPPED_SUFFIX
from assistant.settings import Settings

LOAD_USERS = 10
APP = Path(__file__).resolve().parents[2] / "app.py"
FIRST_QUESTION = "Vilken är målbilden för Nära vård i Sörmland 2035?"
SERVER_START_SECONDS = 120
APP_TIMEOUT_SECONDS = 1800


def run_benchmark(settings: Settings, questions_path: Path, users: int = LOAD_USERS) -> Iterator[str]:
    """Run the benchmark in temporary index folders, yielding each printable line as soon as it is measured
    (the whole run takes about twenty minutes)."""
    yield from environment_lines()
    yield from first_answer_lines(settings)
    embedder = create_embedder(settings.embedder)
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as scratch:
        # The corpus without its shipped vectors: the cold build embeds every passage.
        unshipped = Path(scratch) / "corpus"
        shutil.copytree(settings.corpus_path, unshipped, ignore=shutil.ignore_patterns(f"*{SHIPPED_SUFFIX}"))
        bench_settings = replace(settings, index_dir=str(Path(scratch) / "index"), corpus_dir=str(unshipped))
        corpus = ingest_configured(bench_settings)
        texts = [c.index_text for c in corpus.chunks]

        started = time.perf_counter()
        for begin in range(0, len(texts), 16):
            embedder.embed_passages(texts[begin : begin + 16])
        embed_alone = time.perf_counter() - started
        yield f"embedding alone ({len(texts)} passages): {embed_alone:.1f} s"

        cold = build_index(bench_settings, embedder=embedder)
        yield f"cold build: {cold.seconds:.1f} s = {cold.seconds / embed_alone:.2f} × embedding alone (target ≤ 1.2)"
        shipped_settings = replace(settings, index_dir=str(Path(scratch) / "shipped-index"))
        with_shipped = build_index(shipped_settings, embedder=embedder)
        yield (
            f"cold build with the shipped vectors: {with_shipped.seconds:.1f} s = "
            f"{with_shipped.seconds / cold.seconds:.2f} × cold build ({with_shipped.shipped} of "
            f"{with_shipped.chunks} vectors from {settings.corpus_path.name}/, {with_shipped.embedded} embedded)"
        )

        touched = time.perf_counter()
        warm = build_index(bench_settings, embedder=embedder, force=True)
        rebuild = time.perf_counter() - touched
        yield (
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
        yield _latency_line("embed one query", query_times)
        yield _latency_line("hybrid search", search_times)
        ratio = statistics.median(search_times) / statistics.median(query_times)
        yield f"hybrid search p50 = {ratio:.2f} × embedding one query (target p95 ≤ 60 ms)"
        yield from load_lines("hybrid search", lambda q: assistant.search(q, k=5), questions, users)
        yield from load_lines("ask", assistant.ask, questions, users)
        yield from api_lines(bench_settings, assistant, questions, users, load_lines)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    yield f"peak memory (max RSS of this process): {peak_mb:.0f} MB"


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


def environment_lines() -> list[str]:
    """The size of the installed environment: its site-packages, the whole prefix, and torch if present."""
    site = Path(sysconfig.get_paths()["purelib"])
    lines = [
        f"installed environment: site-packages {_megabytes(site)} MB ({site}), "
        f"whole environment {_megabytes(Path(sys.prefix))} MB ({sys.prefix})"
    ]
    torch = site / "torch"
    lines.append(f"torch: {_megabytes(torch)} MB" if torch.is_dir() else "torch: not installed")
    return lines


def first_answer_lines(settings: Settings, question: str = FIRST_QUESTION) -> list[str]:
    """Seconds from the app's start on a fresh index folder to its first cited answer, then to hybrid search;
    which build was live at the first page and which search the first answer used (with the corpus's shipped
    vectors the first build is hybrid at once, without them keyword-only).

    The server's start is `streamlit run app.py` on a free port until it answers its health check (no tab
    open, so it builds nothing); the app's first page, its answer to `question` and the background build
    then run through streamlit.testing in this process, against another fresh index folder.
    """
    from assistant.index import background_build

    with tempfile.TemporaryDirectory(prefix="assistant-first-answer-") as scratch:
        server = _server_start_seconds(settings, Path(scratch) / "server-index")
        fresh = replace(settings, index_dir=str(Path(scratch) / "index"))
        with _app_environment(fresh):
            started = time.perf_counter()
            app = _app_test()
            page = time.perf_counter() - started
            at_question = live_state(fresh.index_path)
            app.chat_input[0].set_value(question).run()
            answered = time.perf_counter() - started
            searched = search_kind(at_question, live_state(fresh.index_path))
            turns = app.session_state["turns"]
            answer = turns[-1].answer if turns else None
            cited = answer is not None and bool(answer.citations)
            worker = background_build.ensure_started(fresh)
            if worker is not None:
                worker.join()
            hybrid = time.perf_counter() - started
            report = worker.report if worker is not None else None
    lines = [
        f"app start (streamlit run until its health check answers): {server:.1f} s",
        f"first page on a fresh index folder ({build_kind(at_question)} build live): {page:.1f} s after the "
        f"app's start + {server:.1f} s",
        f"first {'cited ' if cited else 'UNCITED '}answer ({searched}): {server + answered:.1f} s after "
        f"`streamlit run` (target ≤ 30 s): {question!r}",
    ]
    if report is not None:
        keyword_first = (
            "no keyword-only build first"
            if report.keyword_only_seconds is None
            else f"keyword-only build live after {report.keyword_only_seconds:.1f} s"
        )
        lines.append(
            f"hybrid search live: {server + hybrid:.1f} s after `streamlit run` (cold build {report.seconds:.1f} s, "
            f"of it embedding {report.embed_seconds:.1f} s: {report.embedded} passages, {report.shipped} vectors "
            f"shipped; {keyword_first})"
        )
    else:
        lines.append(f"hybrid search live: {server + hybrid:.1f} s after `streamlit run`")
    return lines


def build_kind(state: LiveState) -> str:
    """The live build as the benchmark names it: hybrid, keyword-only, or no (nothing searchable yet)."""
    if not state.searchable:
        return "no"
    return "keyword-only" if state.keyword_only else "hybrid"


def search_kind(at_question: LiveState, after_answer: LiveState) -> str:
    """The search the first answer used, from the live build when it was asked and when it was answered."""
    if at_question.complete:
        return "hybrid search"
    if not after_answer.complete:
        return "keyword-only search"
    return "keyword-only or hybrid search: the vectors went live while it was answered"


def _app_test():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT_SECONDS)
    app.run()
    if app.exception or not app.chat_input:
        raise RuntimeError(f"the app did not reach the chat: {app.exception or [e.value for e in app.error]}")
    return app


@contextmanager
def _app_environment(settings: Settings) -> Iterator[None]:
    """The app's Settings.load() reads these; set for the measurement, restored afterwards."""
    values = {
        "ASSISTANT_INDEX_DIR": settings.index_dir,
        "ASSISTANT_CORPUS_DIR": settings.corpus_dir,
        "ASSISTANT_EMBEDDER": settings.embedder,
        "ASSISTANT_FEEDBACK_DB": str(Path(settings.index_dir) / "feedback.sqlite"),
    }
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update({name: str(value) for name, value in values.items()})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _server_start_seconds(settings: Settings, index_dir: Path) -> float:
    port = free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(index_dir), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir)}
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    health = f"http://127.0.0.1:{port}/_stcore/health"
    with running_server(command, health, SERVER_START_SECONDS, cwd=APP.parent, env=env) as server:
        return server.start_seconds


def _megabytes(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return round(total / 1_000_000)
