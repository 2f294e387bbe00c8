"""Tests for assistant.answer.registry: answerers by name, the built-ins registered like a plugin."""

from __future__ import annotations

import pytest

from assistant.answer import registry
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.protocol import Answerer, Evidence
from assistant.models import Answer
from assistant.question import understand
from assistant.settings import Settings


def _settings(**values) -> Settings:
    return Settings.load(environ={}, **values)


def test_builtins_are_registered_and_the_settings_choose_by_name():
    names = set(registry.registered_answerers())
    assert {"extractive", "llm:ollama", "llm:openai"} <= names
    assert registry.answerer_name(_settings()) == "extractive"
    assert registry.answerer_name(_settings(llm="ollama:qwen2.5:7b")) == "llm:ollama"
    assert registry.answerer_name(_settings(llm="OpenAI:gpt-4o-mini")) == "llm:openai"
    assert isinstance(registry.create_answerer(_settings()), ExtractiveAnswerer)


def test_llm_answerers_satisfy_the_protocol_and_name_their_model():
    answerer = registry.create_answerer(_settings(llm="ollama:qwen2.5:7b"))
    assert isinstance(answerer, Answerer)
    assert answerer.name == "llm:ollama:qwen2.5:7b"
    unknown = registry.create_answerer(_settings(llm="nosuch:model"))
    assert unknown.name == "extractive"  # the bad setting is reported; answers stay extractive


def test_a_plugin_registers_the_same_way_and_replaces_nothing_else(monkeypatch):
    class Echo:
        name = "echo"

        def answer(self, question, evidence: Evidence) -> Answer:
            return Answer(question.resolved, (), evidence.passages, backend=self.name)

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry.registered_answerers()))
    registry.register_answerer("llm:echo", lambda settings: Echo(), "test")
    answerer = registry.create_answerer(_settings(llm="echo:x"))
    assert answerer.answer(understand("Vad är SIP?"), Evidence(())).answer == "Vad är SIP?"
    assert isinstance(registry.create_answerer(_settings()), ExtractiveAnswerer)


def test_a_name_must_be_a_word():
    with pytest.raises(ValueError):
        registry.register_answerer(" ", lambda settings: ExtractiveAnswerer())
