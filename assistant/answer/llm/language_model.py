"""The LLM answerers behind the Answerer protocol: the extractive answer first (the fallback and the
source of the table results), then the configured chat model phrases the answer from the same sources."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.llm.answerer import LLMBackend, tool_source
from assistant.answer.protocol import Answerer, Evidence
from assistant.models import Answer, ToolCall
from assistant.question import Question
from assistant.settings import Settings
from assistant.tables.tools import ToolResult


class LanguageModelAnswerer:
    """An Answerer over the configured LLM backend; its client is created once, on first use."""

    def __init__(self, settings: Settings, fallback: Answerer) -> None:
        self.backend = LLMBackend(settings)
        self.fallback = fallback

    @property
    def name(self) -> str:
        """The LLM's name (e.g. `llm:ollama:qwen2.5:7b`), or `extractive` when the setting is unusable."""
        return self.backend.name

    def answer(self, question: Question, evidence: Evidence) -> Answer:
        """The LLM's cited answer, or the extractive one with a remark when the LLM fails."""
        fallback = self.fallback.answer(question, evidence)
        tools = tuple(evidence.tools()) if evidence.tools is not None else ()
        answer = self.backend.answer(question.resolved, question.history, evidence.all_sides(), fallback, tools)
        return replace(answer, tool_calls=tuple(_as_tool_result(call) for call in answer.tool_calls))


def _as_tool_result(call: ToolResult | ToolCall) -> ToolResult:
    """A tool call of the LLM as the one record type answers carry: a ToolResult (a text result as one row)."""
    if isinstance(call, ToolResult):
        return call
    row = {"resultat": call.result}
    return ToolResult(call.name, dict(call.arguments), ("resultat",), (row,), (tool_source(call),))
