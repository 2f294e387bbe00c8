"""Answerers by name. The built-in ones register through the same call a plugin would use, and the
settings pick one: no LLM configured means `extractive`; `ASSISTANT_LLM=ollama:…` means `llm:ollama`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer.protocol import Answerer
from assistant.settings import Settings

AnswererFactory = Callable[[Settings], Answerer]


@dataclass(frozen=True)
class AnswererEntry:
    """A registered answerer: its name, what it is, and how to make one from the settings."""

    name: str
    description: str
    factory: AnswererFactory


_REGISTRY: dict[str, AnswererEntry] = {}


def register_answerer(name: str, factory: AnswererFactory, description: str = "") -> None:
    """Make an answerer available under `name` (e.g. `llm:ollama`); a later registration replaces it."""
    if not name or name != name.strip():
        raise ValueError(f"answerer name must be a non-empty word, got {name!r}")
    _REGISTRY[name] = AnswererEntry(name, description, factory)


def registered_answerers() -> dict[str, AnswererEntry]:
    """Every registered answerer by name, the built-in ones included."""
    _register_builtins()
    return dict(_REGISTRY)


def answerer_name(settings: Settings) -> str:
    """The answerer the settings select: `extractive`, or `llm:<provider>` from ASSISTANT_LLM."""
    llm = settings.llm.strip()
    return f"llm:{llm.split(':', 1)[0].strip().lower()}" if llm else "extractive"


def create_answerer(settings: Settings) -> Answerer:
    """The answerer the settings select. An LLM setting with an unknown provider still gets the LLM
    answerer, which reports the bad setting and answers extractively with a remark."""
    entries = registered_answerers()
    name = answerer_name(settings)
    entry = entries.get(name) or (entries["llm"] if name.startswith("llm:") else None)
    if entry is None:
        raise ValueError(f"no answerer registered as {name!r}")
    return entry.factory(settings)


_BUILTINS_REGISTERED = False


def _register_builtins() -> None:
    global _BUILTINS_REGISTERED
    if _BUILTINS_REGISTERED:
        return
    _BUILTINS_REGISTERED = True
    from assistant.answer import builtin

    builtin.register(register_answerer)
