"""OpenAI-compatible chat: POST /v1/chat/completions (plain, or `stream: true` as server-sent events) and
GET /v1/models, so the `openai` client, Open WebUI or LibreChat can use the assistant as a model.

The answer text carries the [n] marks and a short source list ("Källor:", or "Sources:" for an English
question); the same citations come as structured data in the extra top-level field `citations` (in the last
chunk when streaming), and the answer's id, backend and whether it abstained in the extra field `nara_vard`.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParameter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import AssistantDep, CallerDep, check_history, current_caller
from assistant.api.errors import ApiError, problem_responses
from assistant.api.schemas import CitationOut, Filters, Problem, ask_response
from assistant.ingest.instructions import instruction_notice
from assistant.models import Answer
from assistant.text.english import is_english

MODEL_ID = "nara-vard-assistenten"
OWNER = "region-sormland"
SOURCES_HEADING = "Källor:"
SOURCES_HEADING_EN = "Sources:"  # an English question gets its answer in English, and so the list's heading
# "Källor:" and one list item per source ("- [1] …"), each perhaps with an indented notice line under it.
_SOURCES_BLOCK = re.compile(r"\n\n(Källor|Sources):\n(- \[\d+\] [^\n]*(\n|$)(  [^\n]*(\n|$))*)+\s*$")

router = APIRouter(
    prefix="/v1",
    dependencies=[Depends(current_caller)],
    tags=["OpenAI-kompatibelt"],
    responses=problem_responses(Problem),
)


class ContentPart(BaseModel):
    """En del av ett meddelandes innehåll (bara text används)."""

    model_config = ConfigDict(extra="ignore")

    type: str = Field(description="Delens typ; bara `text` läses.")
    text: str = Field(default="", description="Texten.")


class OpenAIMessage(BaseModel):
    """Ett chattmeddelande som OpenAI:s API har det."""

    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool"] = Field(
        description="Vem som skrev; `system`, `developer` och `tool` läses inte (assistenten har egna regler)."
    )
    content: str | list[ContentPart] | None = Field(default=None, description="Texten, eller textdelar.")

    @property
    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(part.text for part in self.content if part.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """En chattförfrågan; frågan är det sista meddelandet (från `user`), de tidigare är samtalet hittills.
    Andra fält som OpenAI-klienter skickar (temperature, max_tokens …) tas emot men används inte."""

    model_config = ConfigDict(extra="ignore")

    model: str = Field(description=f"Modellens id: `{MODEL_ID}`.")
    messages: list[OpenAIMessage] = Field(min_length=1, max_length=10_000, description="Samtalet, äldst först.")
    stream: bool = Field(default=False, description="Sant ger svaret som server-sent events (`text/event-stream`).")
    filters: Filters | None = Field(default=None, description="Tillägg: avgränsning av sökningen.")


class CompletionMessage(BaseModel):
    """Svaret som ett chattmeddelande."""

    role: Literal["assistant"] = Field(default="assistant", description="Alltid `assistant`.")
    content: str = Field(description='Svaret i Markdown med [n]-markeringar och en kort källista ("Källor:").')


class Choice(BaseModel):
    """Det enda svarsalternativet."""

    index: int = Field(default=0, description="Alltid 0.")
    message: CompletionMessage = Field(description="Svaret.")
    finish_reason: Literal["stop"] = Field(default="stop", description="Alltid `stop`.")


class AnswerInfo(BaseModel):
    """Tillägg: om svaret."""

    answer_id: str = Field(description="Svarets id; skicka det med återkopplingen (POST /v1/feedback).")
    abstained: bool = Field(description="Sant när dokumenten inte besvarar frågan.")
    backend: str = Field(description="Svarsmotorn: `extractive` eller en språkmodell.")
    resolved_question: str = Field(description="Frågan som den tolkades (en följdfråga löst mot samtalet).")


class OpenAIObject(BaseModel):
    """Det som varje objekt i OpenAI:s API har: id, slag och när det skapades."""

    id: str = Field(description="Objektets id (`chatcmpl-…` för ett svar, modellens namn för en modell).")
    object: str = Field(description="Objektets slag.")
    created: int = Field(description="När det skapades (Unix-tid).")


class ChatCompletion(OpenAIObject):
    """Ett chattsvar som OpenAI:s API har det, med källorna som data i tilläggsfälten."""

    object: Literal["chat.completion"] = Field(default="chat.completion", description="Alltid `chat.completion`.")
    model: str = Field(description="Modellens id.")
    choices: list[Choice] = Field(description="Ett svar.")
    citations: list[CitationOut] = Field(description="Tillägg: källorna som svarets [n] pekar på, numrerade.")
    nara_vard: AnswerInfo = Field(description="Tillägg: svarets id, svarsmotor och om det avstod.")


class Model(OpenAIObject):
    """En modell som API:t erbjuder."""

    object: Literal["model"] = Field(default="model", description="Alltid `model`.")
    owned_by: str = Field(description="Vem som förvaltar den.")


class ModelList(BaseModel):
    """Modellerna: bara assistenten själv."""

    object: Literal["list"] = Field(default="list", description="Alltid `list`.")
    data: list[Model] = Field(description="Modellerna.")


# The fields this API adds to OpenAI's chat completion; a stream carries them in its last chunk.
_EXTRA_FIELDS = ("citations", "nara_vard")
_CREATED = int(time.mktime((2026, 12, 1, 0, 0, 0, 0, 0, 0)))
_MODEL = Model(id=MODEL_ID, created=_CREATED, owned_by=OWNER)
_STREAM_DESCRIPTION = (
    "Med `stream: true`: `text/event-stream` med `chat.completion.chunk`-objekt (`data: {…}`), det sista med "
    "`finish_reason: stop` och tilläggsfälten `citations` och `nara_vard`, och sist `data: [DONE]`."
)


@router.get("/models", summary="Modellerna (OpenAI-kompatibelt)")
def models() -> ModelList:
    """Bara assistenten själv, `nara-vard-assistenten`."""
    return ModelList(data=[_MODEL])


_NO_SUCH_MODEL = problem_responses(Problem, not_found=f"Modellen finns inte; den enda är `{MODEL_ID}`.")


@router.get("/models/{model_id}", summary="En modell (OpenAI-kompatibelt)", responses=_NO_SUCH_MODEL)
def model(model_id: Annotated[str, PathParameter(description=f"Modellens id: `{MODEL_ID}`.")]) -> Model:
    """Modellen med detta id."""
    _check_model(model_id)
    return _MODEL


@router.post(
    "/chat/completions",
    summary="Chattsvar (OpenAI-kompatibelt, med källor)",
    responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}, "description": _STREAM_DESCRIPTION}
    },
)
def chat_completions(
    body: ChatCompletionRequest, request: Request, assistant: AssistantDep, caller: CallerDep
) -> ChatCompletion:
    """Svarar på det sista meddelandet (från `user`) med de tidigare som samtal, precis som POST /v1/ask."""
    _check_model(body.model)
    question, history = _question_and_history(body.messages)
    check_history(request, len(history))
    filters = body.filters.search_filters() if body.filters else None
    answer = assistant.ask(question, history=history, filters=filters)
    answer_id = uuid.uuid4().hex
    request.app.state.recent.add(answer_id, question, answer, caller.id)
    completion = _completion(answer_id, question, answer)
    if body.stream:
        return StreamingResponse(
            _events(completion),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return completion


def answer_text(question: str, answer: Answer) -> str:
    """The answer with its short source list, one Markdown list item per citation ("- [n] Title – Section, s. 12"),
    and under a source that holds text addressed to the assistant or the reader, the same warning the CLI gives."""
    if not answer.citations:
        return answer.answer
    heading = SOURCES_HEADING_EN if is_english(question) else SOURCES_HEADING
    lines = []
    for number, citation in enumerate(answer.citations, start=1):
        lines.append(f"- [{number}] {citation.label}")
        if citation.instructions:
            lines.append(f"  {instruction_notice(citation.instructions)}")
    return f"{answer.answer}\n\n{heading}\n" + "\n".join(lines)


def without_sources(text: str) -> str:
    """An earlier answer of ours as history: its source list removed (the library reads the answer only)."""
    return _SOURCES_BLOCK.sub("", text)


def _check_model(model_id: str) -> None:
    if model_id != MODEL_ID:
        raise ApiError(404, f"Modellen {model_id[:80]!r} finns inte. Använd {MODEL_ID!r} (se GET /v1/models).")


def _question_and_history(messages: list[OpenAIMessage]) -> tuple[str, list[dict[str, str]]]:
    """The last user message as the question, the user and assistant messages before it as history."""
    last = messages[-1]
    if last.role != "user" or not last.text.strip():
        raise ApiError(422, "Det sista meddelandet ska vara en fråga från `user`.")
    history = [
        {"role": m.role, "content": without_sources(m.text) if m.role == "assistant" else m.text}
        for m in messages[:-1]
        if m.role in ("user", "assistant") and m.text.strip()
    ]
    return last.text, history


def _completion(answer_id: str, question: str, answer: Answer) -> ChatCompletion:
    asked = ask_response(answer_id, question, answer)
    return ChatCompletion(
        id=f"chatcmpl-{answer_id}",
        created=int(time.time()),
        model=MODEL_ID,
        choices=[Choice(message=CompletionMessage(content=answer_text(question, answer)))],
        citations=asked.citations,
        nara_vard=AnswerInfo(
            answer_id=answer_id,
            abstained=answer.abstained,
            backend=answer.backend,
            resolved_question=asked.resolved_question,
        ),
    )


def _events(completion: ChatCompletion) -> Iterator[str]:
    """The completion as chat.completion.chunk events: the role, the text line by line, then the end with the
    completion's own extra fields (citations, nara_vard)."""
    text = completion.choices[0].message.content
    head = completion.model_dump(include={"id", "created", "model"}) | {"object": "chat.completion.chunk"}
    extras = completion.model_dump(include=set(_EXTRA_FIELDS))

    def chunk(delta: dict[str, Any], finish_reason: str | None = None, **extra: Any) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
        return f"data: {json.dumps({**head, 'choices': [choice], **extra}, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in re.findall(r"[^\n]*\n|[^\n]+$", text):
        yield chunk({"content": piece})
    yield chunk({}, "stop", **extras)
    yield "data: [DONE]\n\n"
