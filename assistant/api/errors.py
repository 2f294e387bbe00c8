"""Errors as application/problem+json (RFC 9457) with a Swedish message; never a traceback to the client."""

from __future__ import annotations

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
