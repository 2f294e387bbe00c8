"""The optional LLM backends: parse the `llm` setting and build a langchain chat model for it."""

from __future__ import annotations

import os
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from assistant.errors import LLMError
from assistant.settings import Settings

PROVIDERS = ("ollama", "openai")
OLLAMA_URL = "http://localhost:11434"
OPENAI_URL = "https://api.openai.com/v1"
# Local OpenAI-compatible servers need no key, but the client refuses to start without one.
NO_KEY = "not-needed"


@dataclass(frozen=True)
class LLMSpec:
    """A configured LLM: provider (`ollama` or `openai`) and model name."""

    provider: str
    model: str

    @property
    def name(self) -> str:
        """The name answers and the UI show, e.g. `llm:ollama:qwen2.5:7b`."""
        return f"llm:{self.provider}:{self.model}"


def parse_llm_setting(value: str) -> LLMSpec | None:
    """`ollama:<model>` or `openai:<model>` as an LLMSpec; None when empty (LLM off).

    Raises LLMError for an unknown provider or a missing model.
    """
    value = (value or "").strip()
    if not value:
        return None
    provider, _, model = value.partition(":")
    if provider not in PROVIDERS or not model.strip():
        raise LLMError(
            "Inställningen ASSISTANT_LLM ska vara ollama:<modell> eller openai:<modell>.",
            f"invalid llm setting {value!r}",
        )
    return LLMSpec(provider, model.strip())


def create_chat_model(spec: LLMSpec, settings: Settings) -> BaseChatModel:
    """The langchain chat model for spec: no retries, the configured timeout per request."""
    api_key = _api_key(settings.llm_api_key_env)
    if spec.provider == "ollama":
        from langchain_ollama import ChatOllama

        client_kwargs: dict = {"timeout": settings.llm_timeout}
        if api_key:
            client_kwargs["headers"] = {"Authorization": f"Bearer {api_key}"}
        return ChatOllama(model=spec.model, base_url=settings.llm_base_url or OLLAMA_URL, client_kwargs=client_kwargs)
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=spec.model,
        base_url=settings.llm_base_url or OPENAI_URL,
        api_key=api_key or NO_KEY,
        timeout=settings.llm_timeout,
        max_retries=0,
        use_responses_api=False,
    )


def _api_key(variable: str) -> str:
    if not variable:
        return ""
    key = os.environ.get(variable, "")
    if not key:
        raise LLMError(
            f"Miljövariabeln {variable} (ASSISTANT_LLM_API_KEY_ENV) saknas eller är tom.",
            f"api key variable {variable} is not set",
        )
    return key
