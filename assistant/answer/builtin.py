"""The built-in answerers, registered the way a plugin registers its own."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.protocol import Answerer
from assistant.settings import Settings


def _extractive(settings: Settings) -> Answerer:
    return ExtractiveAnswerer()


def _language_model(settings: Settings) -> Answerer:
    # langchain is imported only when an LLM is configured
    from assistant.answer.llm.language_model import LanguageModelAnswerer

    return LanguageModelAnswerer(settings, fallback=ExtractiveAnswerer())


def register(register_answerer: Callable[..., None]) -> None:
    """Register `extractive`, `llm:ollama`, `llm:openai` and `llm` (any other provider: reports the setting)."""
    register_answerer("extractive", _extractive, "Svar ur dokumentens egna meningar och tabeller, utan språkmodell.")
    register_answerer("llm:ollama", _language_model, "Språkmodell via Ollama, med det extraktiva svaret som reserv.")
    openai = "Språkmodell via ett OpenAI-kompatibelt API, med det extraktiva svaret som reserv."
    register_answerer("llm:openai", _language_model, openai)
    register_answerer("llm", _language_model, "Språkmodell med okänd leverantör: svaret blir extraktivt med en notis.")
