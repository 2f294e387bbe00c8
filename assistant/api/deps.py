"""What a route depends on: the caller (access and rate limit) and the shared Assistant."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.auth import Caller
from assistant.api.errors import ApiError
from assistant.core import Assistant

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="Bearer",
    description="En API-nyckel (`assistant api-key create NAMN`) eller ett OIDC-åtkomsttoken (JWT) från utfärdaren "
    "i ASSISTANT_API_OIDC_ISSUER.",
)


def current_caller(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> Caller:
    """The caller; 401 without a valid key or token (when access is controlled), 429 over the rate limit."""
    state = request.app.state
    caller = state.access.caller(credentials.credentials if credentials else None)
    wait = state.limiter.wait_seconds(caller.id)
    if wait:
        raise ApiError(
            429,
            f"För många anrop: högst {state.limiter.per_minute} per minut. Försök igen om {wait} s.",
            {"Retry-After": str(wait)},
        )
    return caller


def current_assistant(request: Request) -> Assistant:
    """The shared Assistant; 503 with Retry-After while the index cannot answer yet."""
    return request.app.state.source.get()


def check_history(request: Request, messages: int) -> None:
    """422 when the history is longer than ASSISTANT_API_MAX_HISTORY messages."""
    most = request.app.state.settings.api_max_history
    if messages > most:
        raise ApiError(422, f"Historiken är för lång: högst {most} meddelanden. Skicka bara de senaste.")


AssistantDep = Annotated[Assistant, Depends(current_assistant)]
# The caller of a route whose router already depends on current_caller: FastAPI runs it once per request.
CallerDep = Annotated[Caller, Depends(current_caller)]
