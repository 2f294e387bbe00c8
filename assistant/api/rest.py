"""The REST routes under /v1/: ask, search, the tables (indicators, kärnindikatorer, satsningar, decisions),
documents and feedback. Each route calls the library; the table routes take their parameters from the
lookups' own declarations (assistant/tables/registry.py), as the CLI does."""

from __future__ import annotations

import inspect
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParameter

from assistant.api.deps import AssistantDep, CallerDep, check_history, current_assistant, current_caller
from assistant.api.errors import ApiError, problem_responses
from assistant.api.schemas import (
    AskRequest,
    AskResponse,
    DocumentOut,
    DocumentsResponse,
    FeedbackRequest,
    FeedbackResponse,
    PassageOut,
    Problem,
    SearchRequest,
    SearchResponse,
    TableResult,
    ask_response,
)
from assistant.core import Assistant
from assistant.feedback import Feedback
from assistant.index.build import live_state
from assistant.index.catalog import read_catalog
from assistant.tables.registry import LOOKUPS_BY_NAME, Lookup

NOT_YOURS = (
    "Svaret finns inte bland dem som API:t nyss gav dig: det kan vara för gammalt eller givet till någon annan. "
    "Återkoppla på ett svar som du själv fick."
)

router = APIRouter(prefix="/v1", dependencies=[Depends(current_caller)], responses=problem_responses(Problem))


@router.post("/ask", tags=["Fråga"], summary="Ställ en fråga och få ett belagt svar med källor")
def ask(body: AskRequest, request: Request, assistant: AssistantDep, caller: CallerDep) -> AskResponse:
    """Svaret på svenska (engelska om frågan är på engelska) med numrerade källor; säger tydligt när dokumenten
    inte svarar. En följdfråga ("och i Dalarna?") löses mot `history`."""
    check_history(request, len(body.history))
    filters = body.filters.search_filters() if body.filters else None
    answer = assistant.ask(body.question, history=[m.model_dump() for m in body.history], filters=filters)
    answer_id = uuid.uuid4().hex
    request.app.state.recent.add(answer_id, body.question, answer, caller.id)
    return ask_response(answer_id, body.question, answer)


@router.post("/search", tags=["Sök"], summary="Sök passager")
def search(body: SearchRequest, assistant: AssistantDep) -> SearchResponse:
    """De passager som bäst matchar frågan (nyckelordssökning och vektorsökning i fusion), bäst först."""
    filters = body.filters.search_filters() if body.filters else None
    passages = assistant.search(body.question, k=body.k, filters=filters)
    return SearchResponse(passages=[PassageOut.of(rank, p) for rank, p in enumerate(passages, start=1)])


@router.get("/documents", tags=["Dokument"], summary="Korpusens dokument med metadata")
def documents(request: Request, assistant: AssistantDep) -> DocumentsResponse:
    """De indexerade dokumenten: id, titel, utgivare, datum, typ och antal passager."""
    build_dir = live_state(request.app.state.settings.index_path).build_dir or assistant.retriever.build_dir
    entries = read_catalog(Path(build_dir))
    return DocumentsResponse(
        documents=[
            DocumentOut(
                doc_id=e.info.doc_id,
                title=e.info.title,
                publisher=e.info.publisher,
                date=e.info.date,
                kind=e.info.kind,
                language=e.info.language,
                source=e.info.source,
                passages=e.passages,
                characters=e.characters,
            )
            for e in entries
        ]
    )


@router.post(
    "/feedback",
    tags=["Återkoppling"],
    summary="Återkoppling på ett svar (👍/👎 och kommentar)",
    responses=problem_responses(Problem, not_found="Svaret finns inte bland dem som anroparen nyss fick."),
)
def feedback(body: FeedbackRequest, request: Request, caller: CallerDep) -> FeedbackResponse:
    """Sparas i samma fil som appens återkoppling (ASSISTANT_FEEDBACK_DB), med fråga, svar, källor och vem som gav
    den (`key:<nyckelns namn>` eller `oidc:<subjekt>`, som appen sparar den inloggade användaren).
    Bara den som fick svaret kan återkoppla på det; ett senare anrop för samma svar ersätter betyget och kommentaren.
    """
    # Another caller's answer is a 404 like an unknown one: an answer id tells nothing about whose it is.
    kept = request.app.state.recent.given_to(body.answer_id, caller.id)
    if kept is None:
        raise ApiError(404, NOT_YOURS)
    request.app.state.feedback.save(
        Feedback(
            answer_id=body.answer_id,
            question=kept.question,
            answer=kept.answer,
            citations=kept.citations,
            rating=body.rating,
            reason=body.reason,
            comment=body.comment.strip(),
            backend=kept.backend,
            user_id=caller.id,
        )
    )
    return FeedbackResponse(saved=True, answer_id=body.answer_id)


def _lookup_route(path: str, lookup: Lookup, tag: str, summary: str, by_name: bool = False) -> None:
    """A GET route running the lookup: one query parameter per argument of the lookup (its Swedish help as the
    description), and with by_name the lookup's `name` argument as the last path segment (404 when nothing
    matches, with the closest names)."""

    def endpoint(assistant: Assistant, **values) -> TableResult:
        result = lookup.call(assistant.tables, values)
        if by_name and not result.found:
            raise ApiError(404, result.message or "Hittade inget.")
        return TableResult.of(result)

    parameters = [inspect.Parameter("assistant", inspect.Parameter.KEYWORD_ONLY, default=Depends(current_assistant))]
    for argument in lookup.arguments:
        if by_name and argument.name == "name":
            default = PathParameter(description=argument.help)
            annotation = str
        else:
            default = Query(None, description=argument.help)
            annotation = argument.type | None
        parameters.append(
            inspect.Parameter(argument.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        )
    endpoint.__signature__ = inspect.Signature(parameters, return_annotation=TableResult)
    endpoint.__name__ = f"{lookup.name}_{'by_name' if by_name else 'list'}"
    endpoint.__doc__ = f"{lookup.help[0].upper()}{lookup.help[1:]}, med källa per rad."
    responses = (
        problem_responses(Problem, not_found="Inget med det namnet; `detail` ger de närmaste.") if by_name else None
    )
    router.add_api_route(
        path, endpoint, methods=["GET"], tags=[tag], summary=summary, response_model=TableResult, responses=responses
    )


_lookup_route("/indicators", LOOKUPS_BY_NAME["measures"], "Indikatorer", "Indikatorbibliotekets mått")
_lookup_route("/indicators/{name}", LOOKUPS_BY_NAME["measure"], "Indikatorer", "Ett måtts hela definition", True)
_lookup_route(
    "/core-indicators", LOOKUPS_BY_NAME["core_indicators"], "Kärnindikatorer", "Socialstyrelsens kärnindikatorer"
)
_lookup_route(
    "/core-indicators/{name}", LOOKUPS_BY_NAME["core_indicators"], "Kärnindikatorer", "En kärnindikator", True
)
_lookup_route("/initiatives", LOOKUPS_BY_NAME["initiatives"], "Satsningar", "Färdplanens satsningar med härledd status")
_lookup_route("/initiatives/{name}", LOOKUPS_BY_NAME["initiative"], "Satsningar", "En satsning i färdplanen", True)
_lookup_route("/decisions", LOOKUPS_BY_NAME["decisions"], "Beslut", "Beslut enligt dokumenten, äldst först")
