"""Tests for the API throughput lines of `assistant bench`: real HTTP calls to a uvicorn server."""

from __future__ import annotations

import dataclasses
import re

from assistant import Assistant, Settings
from assistant.evaluation.api_benchmark import api_lines
from assistant.evaluation.benchmark import load_lines


def test_the_api_is_measured_over_http_with_the_same_answers(app_env, fake_embedder) -> None:
    settings = Settings.load()
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    asked: list[str] = []
    answers: list[object] = []

    def recording(label, call, questions, users):
        def wrapped(question: str) -> object:
            asked.append(question)
            answers.append(call(question))
            return answers[-1]

        return load_lines(label, wrapped, questions, users)

    questions = ["Vad är en SIP?", "Vad är Nära vård?"]
    lines = api_lines(settings, assistant, questions, 3, recording)
    assert [line.split(":")[0] for line in lines] == [
        "HTTP POST /v1/ask, 1 user",
        "HTTP POST /v1/ask, 3 concurrent users",
    ]
    assert re.search(r"p50 [\d.]+ ms, p95 [\d.]+ ms \(n=2\), [\d.]+ per s$", lines[0])
    assert len(asked) == 2 + 3 * 2
    direct = {q: assistant.ask(q) for q in questions}
    for question, answer in zip(asked, answers, strict=True):
        # served by the API, not made up by the benchmark (the fake embedder's tied passages may swap the
        # closest document an abstention names, so the answer's start and its decision are compared)
        assert answer["abstained"] == direct[question].abstained
        assert answer["answer"][:40] == direct[question].answer[:40]


def test_the_api_is_measured_past_the_rate_limit_of_its_settings(app_env, fake_embedder) -> None:
    settings = dataclasses.replace(Settings.load(), api_rate_limit=1)  # the benchmark's caller makes 1 + 2 calls
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    lines = api_lines(settings, assistant, ["Vad är en SIP?"], 2, load_lines)
    assert "(n=2)" in lines[1]
