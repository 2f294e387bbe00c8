"""Answers written by an LLM from the retrieved passages, with the extractive answer as the fallback.

The model gets the passages as numbered, quoted sources (llm_prompt), may call the table tools for
a few rounds (tool_calls), and its answer is shown only when its citations hold (citations).
A timeout, a backend error or an unusable answer gives the extractive answer with a short remark.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, ToolMessage
from langchain_core.tools import BaseTool

from assistant.answer.abstention import ABSTAIN_EN, ABSTAIN_SV
from assistant.answer.citations import passage_citation
from assistant.answer.llm.backends import LLMSpec, create_chat_model, parse_llm_setting
from assistant.answer.llm.citations import RejectedAnswer, cite
from assistant.answer.llm.prompt import ABSTAIN_MARKER, build_messages, table_rows_text, tool_result_text
from assistant.answer.llm.tool_calls import run_tool_call, user_words
from assistant.errors import LLMError
from assistant.models import Answer, Citation, Passage, ToolCall
from assistant.settings import Settings
from assistant.text.english import is_english

log = logging.getLogger(__name__)

MAX_TOOL_ROUNDS = 3
LLM_WORKERS = 16  # LLM calls in flight at once across all sessions of the process
_LLM_CALLS = ThreadPoolExecutor(max_workers=LLM_WORKERS, thread_name_prefix="llm-answer")
REFUSED_TOOL_CALL = "Anropet kördes inte: argumenten ska komma ur användarens fråga och följa verktygets schema."

_REMARKS = {
    "timeout": (
        "Språkmodellen svarade inte i tid, så svaret är hämtat direkt ur dokumenten.",
        "The language model did not answer in time, so this answer is taken directly from the documents.",
    ),
    "unavailable": (
        "Språkmodellen gick inte att använda, så svaret är hämtat direkt ur dokumenten.",
        "The language model could not be used, so this answer is taken directly from the documents.",
    ),
    "rejected": (
        "Språkmodellens svar kunde inte beläggas med källorna, så svaret är hämtat direkt ur dokumenten.",
        "The language model's answer could not be backed by the sources, so this answer is taken directly "
        "from the documents.",
    ),
}


class _Cancelled(Exception):
    """The caller stopped waiting (timeout); do no more work."""


def with_fallback_remark(fallback: Answer, kind: str, detail: str, english: bool) -> Answer:
    """The extractive answer with a short user-visible remark on why the LLM's is not shown."""
    remark = _REMARKS[kind][1 if english else 0]
    return replace(
        fallback,
        answer=f"{fallback.answer}\n\n*({remark})*",
        notes=(*fallback.notes, f"llm fallback ({kind}): {detail}"),
    )


def passage_source(passage: Passage) -> Citation:
    """A retrieved passage as a source the LLM may cite."""
    return passage_citation(passage)


def tool_source(record: ToolCall) -> Citation:
    """A tool's result as a source the LLM may cite."""
    return Citation(record.result, "", f"Tabelluppslag: {record.name}", "", None)


class LLMAnswerer:
    """Asks a chat model to answer from numbered sources, within a deadline; else the fallback."""

    def __init__(self, model: BaseChatModel, name: str, timeout: float) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        self.model = model
        self.name = name
        self.timeout = timeout

    def answer(
        self,
        question: str,
        history: Sequence[tuple[str, str]] | None,
        passages: Sequence[Passage],
        fallback: Answer,
        tools: Sequence[BaseTool] = (),
    ) -> Answer:
        """The LLM's cited answer, or `fallback` with a remark when it fails, is late or is rejected."""
        english = is_english(question)
        cancelled = threading.Event()
        # One deadline for all rounds (the client's own timeout is per request). A late call keeps its
        # pool thread until the client gives up; `cancelled` makes it do no more rounds.
        future = _LLM_CALLS.submit(self._ask_model, question, history or (), passages, fallback, tools, cancelled)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            cancelled.set()
            log.warning("LLM %s gave no answer within %.1f s", self.name, self.timeout)
            return with_fallback_remark(fallback, "timeout", f"no answer within {self.timeout:g} s", english)
        except RejectedAnswer as error:
            log.warning("LLM %s answer rejected: %s", self.name, error)
            return with_fallback_remark(fallback, "rejected", str(error), english)
        except Exception as error:  # noqa: BLE001 - any backend failure gives the extractive answer
            log.warning("LLM %s failed: %s: %s", self.name, type(error).__name__, error)
            return with_fallback_remark(fallback, "unavailable", f"{type(error).__name__}: {error}", english)

    def _ask_model(
        self,
        question: str,
        history: Sequence[tuple[str, str]],
        passages: Sequence[Passage],
        fallback: Answer,
        tools: Sequence[BaseTool],
        cancelled: threading.Event,
    ) -> Answer:
        english = is_english(question)
        earlier = [asked for asked, _answer in history]
        sources = [passage_source(p) for p in passages]
        messages: list[BaseMessage] = build_messages(question, earlier, sources, english)
        allowed = user_words([question, *earlier])
        model = self.model.bind_tools(list(tools)) if tools else self.model
        records: list[ToolCall] = []
        notes: list[str] = []
        for round_number in range(MAX_TOOL_ROUNDS + 1):
            reply = model.invoke(messages)
            if cancelled.is_set():
                raise _Cancelled()
            if not reply.tool_calls:
                break
            if round_number == MAX_TOOL_ROUNDS:
                raise RejectedAnswer(f"still calling tools after {MAX_TOOL_ROUNDS} rounds")
            messages.append(reply)
            messages.extend(_run_tool_calls(reply.tool_calls, tools, allowed, sources, records, notes))
        text = reply.text.strip()
        if text.startswith(ABSTAIN_MARKER):
            # The built-in abstention shows the nearest sentences, cited: its markers need its citations.
            if fallback.abstained:
                shown, cited_nearby = fallback.answer, fallback.citations
            else:
                shown, cited_nearby = (ABSTAIN_EN if english else ABSTAIN_SV), ()
            return Answer(shown, cited_nearby, tuple(passages), True, tuple(records), self.name, tuple(notes))
        cited = cite(text, sources)
        return Answer(cited.text, cited.citations, tuple(passages), False, tuple(records), self.name, tuple(notes))


def _run_tool_calls(
    calls: Sequence[dict],
    tools: Sequence[BaseTool],
    allowed: frozenset[str],
    sources: list[Citation],
    records: list[ToolCall],
    notes: list[str],
) -> list[ToolMessage]:
    """Run the admissible calls; each result becomes a new numbered source. One reply per call."""
    replies = []
    for call in calls:
        outcome = run_tool_call(call, tools, allowed)
        rows = getattr(outcome.artifact, "rows", ())
        if outcome.record is not None and rows:  # a table lookup: each row is a source, cited by its passage
            records.append(outcome.artifact)
            first = len(sources) + 1
            sources.extend(outcome.artifact.citations)
            content = table_rows_text(first, rows, outcome.artifact.citations)
        elif outcome.record is not None:
            records.append(outcome.record)
            sources.append(tool_source(outcome.record))
            content = tool_result_text(len(sources), sources[-1])
        else:
            notes.append(f"refused tool call {outcome.name}: {outcome.refusal}")
            content = REFUSED_TOOL_CALL  # the reason may quote document text, so the model gets none
        replies.append(ToolMessage(content, tool_call_id=outcome.call_id, name=outcome.name))
    return replies


class LLMBackend:
    """The configured LLM, its client created once on first use; passes answers through when off."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.spec: LLMSpec | None = None
        self._error = ""
        try:
            self.spec = parse_llm_setting(settings.llm)
        except LLMError as exc:
            log.error("LLM backend off: %s", exc.cause)
            self._error = exc.cause
        self._answerer: LLMAnswerer | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        """`extractive`, or the LLM's name (e.g. `llm:ollama:qwen2.5:7b`) when one is configured."""
        return self.spec.name if self.spec else "extractive"

    @property
    def configured(self) -> bool:
        return bool(self.settings.llm.strip())

    def answer(
        self,
        question: str,
        history: Sequence[tuple[str, str]] | None,
        passages: Sequence[Passage],
        fallback: Answer,
        tools: Sequence[BaseTool] = (),
    ) -> Answer:
        """The LLM's answer when one is configured and usable; otherwise `fallback` (with a remark)."""
        if not self.configured:
            return fallback
        answerer = self._get_answerer()
        if answerer is None:
            return with_fallback_remark(fallback, "unavailable", self._error, is_english(question))
        return answerer.answer(question, history, passages, fallback, tools)

    def _get_answerer(self) -> LLMAnswerer | None:
        with self._lock:
            if self._answerer is None and self.spec is not None and not self._error:
                try:
                    model = create_chat_model(self.spec, self.settings)
                    self._answerer = LLMAnswerer(model, self.spec.name, self.settings.llm_timeout)
                except (LLMError, ValueError) as exc:
                    self._error = getattr(exc, "cause", str(exc))
                    log.error("LLM backend %s unusable: %s", self.spec.name, self._error)
            return self._answerer
