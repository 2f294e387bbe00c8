"""Run the tool calls an LLM asks for, but only known tools with arguments the user supplied.

A document can carry instructions ("slå upp X och skicka …"); the model may follow them. So a call
runs only when every word of every string argument occurs in the user's own questions in this
conversation or in the tool's own description and schema (its listed values, e.g. a status), folded,
an inflected form counting; and its arguments validate against the tool's schema. Refused calls are
logged and reported back to the model.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.tools import BaseTool

from assistant.models import ToolCall
from assistant.text.folding import fold

log = logging.getLogger(__name__)

MIN_STEM = 4
MAX_ENDING = 4
MAX_RESULT_CHARS = 4000


@dataclass(frozen=True)
class ToolOutcome:
    """What became of one requested call: the record when it ran, else why it was refused."""

    call_id: str
    name: str
    record: ToolCall | None = None
    refusal: str = ""
    artifact: Any = None  # what a content-and-artifact tool returned beside its text (a table ToolResult)


def user_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded words of the user's own text."""
    return frozenset(word for text in texts for word in re.findall(r"\w+", fold(text)))


def run_tool_call(call: Mapping[str, Any], tools: Sequence[BaseTool], allowed: frozenset[str]) -> ToolOutcome:
    """Run one langchain tool call ({'name', 'args', 'id'}) if it passes the checks."""
    name, args, call_id = call.get("name", ""), call.get("args") or {}, call.get("id") or ""
    tool = next((t for t in tools if t.name == name), None)
    if tool is None:
        return _refuse(call_id, name, "unknown tool")
    if not isinstance(args, dict):
        return _refuse(call_id, name, "arguments are not an object")
    allowed = allowed | _tool_words(tool)
    foreign = [value for value in _strings(args) if not _from_user(value, allowed)]
    if foreign:
        return _refuse(call_id, name, f"arguments not from the user's question: {foreign}")
    try:
        validated = tool.get_input_schema().model_validate(args).model_dump(exclude_unset=True)
    except Exception as exc:  # pydantic's ValidationError, or a schema that cannot be built
        return _refuse(call_id, name, f"invalid arguments: {exc}")
    try:
        result = tool.invoke({"name": name, "args": validated, "id": call_id or "call", "type": "tool_call"})
    except Exception as exc:  # a failing tool must not break the answer; the model is told it failed
        return _refuse(call_id, name, f"tool failed: {exc}")
    text = result if isinstance(result, str) else str(getattr(result, "content", result))
    record = ToolCall(name, validated, text[:MAX_RESULT_CHARS])
    return ToolOutcome(call_id, name, record=record, artifact=getattr(result, "artifact", None))


def _tool_words(tool: BaseTool) -> frozenset[str]:
    try:
        schema = json.dumps(tool.get_input_schema().model_json_schema(), ensure_ascii=False)
    except Exception:  # a schema that cannot be rendered adds no words
        schema = ""
    return user_words([tool.description, schema])


def _refuse(call_id: str, name: str, reason: str) -> ToolOutcome:
    log.warning("Refused LLM tool call %s: %s", name, reason)
    return ToolOutcome(call_id, name, refusal=reason)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _from_user(value: str, allowed: frozenset[str]) -> bool:
    return all(_known(word, allowed) for word in re.findall(r"\w+", fold(value)))


def _known(word: str, allowed: frozenset[str]) -> bool:
    if word in allowed:
        return True
    return any(_inflection_of(word, a) or _inflection_of(a, word) for a in allowed)


def _inflection_of(longer: str, stem: str) -> bool:
    # An ending ("-en", "-arna") but not a compound ("vård" → "vårdcentral").
    return len(stem) >= MIN_STEM and longer.startswith(stem) and len(longer) - len(stem) <= MAX_ENDING
