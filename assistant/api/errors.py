"""Errors as application/problem+json (RFC 9457) with a Swedish message; never a traceback to the client."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import AssistantError, IndexMissingError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Felaktigt anrop",
    401: "Inloggning krävs",
    403: "Åtkomst nekad",
    404: "Finns inte",
    405: "Metoden stöds inte",
    413: "För stort anrop",
    415: "Fel innehållstyp",
    422: "Ogiltiga uppgifter",
    429: "För många anrop",
    500: "Internt fel",
    503: "Inte redo",
}
_DETAILS = {
    404: "Adressen finns inte i API:t. Se /docs för de adresser som finns.",
    405: "Metoden stöds inte på den här adressen. Se /docs.",
    500: "Något gick fel i assistenten. Försök igen om en stund eller kontakta förvaltaren.",
}


class ApiError(Exception):
    """An error the client gets as problem+json: HTTP status, Swedish detail, optional headers (Retry-After …)."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None, cause: str = "") -> None:
        super().__init__(cause or detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem(status: int, detail: str, headers: dict[str, str] | None = None, **extra) -> JSONResponse:
    """A problem+json response: type, title (Swedish), status, detail (Swedish) and any extra members."""
    body = {"type": "about:blank", "title": TITLES.get(status, HTTPStatus(status).phrase), "status": status}
    body |= {"detail": detail, **extra}
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


# The errors every /v1/ route may answer, as the OpenAPI schema documents them.
ROUTE_PROBLEMS = {
    401: "Saknad, okänd eller återkallad nyckel, eller ett token som inte godtogs.",
    413: "Anropet är större än ASSISTANT_API_MAX_BODY_KB.",
    422: "Ogiltiga uppgifter (fälten står i `errors`), för lång fråga eller historik.",
    429: "För många anrop; försök igen efter Retry-After sekunder.",
    500: "Internt fel; detaljerna finns i serverns logg.",
    503: "Indexet byggs eller behöver byggas om; försök igen efter Retry-After sekunder.",
}


def problem_responses(problem_model: type, **more: str) -> dict[int | str, dict]:
    """The `responses` of a router or route: each error of ROUTE_PROBLEMS (or, with `not_found=…`, a 404 with that
    description) with the problem model, moved to application/problem+json by document_problems."""
    problems = dict(ROUTE_PROBLEMS) if not more else {404: more["not_found"]}
    return {status: {"model": problem_model, "description": text} for status, text in problems.items()}


def document_problems(app: FastAPI) -> None:
    """Make the OpenAPI schema say what the API sends: errors as application/problem+json (not FastAPI's own
    422 model, which is never sent)."""
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if status.startswith(("4", "5")) and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
        components = schema.get("components", {}).get("schemas", {})
        if "HTTPValidationError" not in json.dumps(schema.get("paths", {})):
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    """Every error the app can meet answers as problem+json."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(AssistantError, _assistant_error)
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    if exc.status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    return problem(exc.status, exc.detail, exc.headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = _DETAILS.get(exc.status_code, TITLES.get(exc.status_code, "Anropet kunde inte utföras."))
    return problem(exc.status_code, detail, getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"field": ".".join(str(part) for part in e["loc"]), "problem": swedish_problem(e)} for e in exc.errors()]
    summary = "; ".join(f"{e['field']}: {e['problem']}" for e in errors[:5])
    return problem(422, f"Uppgifterna i anropet är ogiltiga: {summary}.", errors=errors)


async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
    log.error("%s %s: %s", request.method, request.url.path, exc.cause)
    if isinstance(exc, IndexMissingError):
        return problem(503, exc.user_message, {"Retry-After": "30"})
    return problem(500, exc.user_message)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return problem(500, _DETAILS[500])


def swedish_problem(error: dict) -> str:
    """One pydantic validation error in Swedish (the input itself is never echoed)."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return "saknas"
    if kind == "string_too_long":
        return f"är för lång (högst {context.get('max_length')} tecken)"
    if kind == "string_too_short":
        return (
            "får inte vara tom"
            if context.get("min_length") == 1
            else f"är för kort (minst {context.get('min_length')})"
        )
    if kind == "too_long":
        return f"har för många element (högst {context.get('max_length')})"
    if kind == "too_short":
        return f"har för få element (minst {context.get('min_length')})"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "ska vara ett heltal"
    if kind in ("string_type",):
        return "ska vara en text"
    if kind in ("bool_parsing", "bool_type"):
        return "ska vara true eller false"
    if kind in ("list_type",):
        return "ska vara en lista"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "ska vara ett objekt"
    if kind == "json_invalid":
        return "är inte giltig JSON"
    if kind in ("literal_error", "enum"):
        return f"ska vara ett av: {context.get('expected', '')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"är för litet (minst {context.get('ge', context.get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"är för stort (högst {context.get('le', context.get('lt'))})"
    if kind == "extra_forbidden":
        return "är okänt"
    if kind == "value_error":
        return str(context.get("error", "har ett ogiltigt värde"))
    return "har ett ogiltigt värde"
