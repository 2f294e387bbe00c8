"""The FastAPI application: REST under /v1/, the OpenAI-compatible chat, health and readiness; no answer logic
of its own (every route calls the same library as the app and the CLI)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from assistant.api import errors, openai_compat, rest
from assistant.api.auth import Access
from assistant.api.errors import ApiError
from assistant.api.keys import KeyStore, keys_path
from assistant.api.limits import BodySizeLimit, RateLimiter
from assistant.api.readiness import AssistantSource
from assistant.api.recent import RecentAnswers
from assistant.api.schemas import Health, Problem
from assistant.feedback import FeedbackStore
from assistant.settings import Settings

DESCRIPTION = """Sök och belagda svar på svenska över samverkansdokumenten om Nära vård i Region Sörmland.

Alla adresser under `/v1/` kräver `Authorization: Bearer <API-nyckel eller OIDC-token>` när åtkomstkontroll
är inställd. Fel kommer som `application/problem+json` med ett meddelande på svenska i `detail`.
`POST /v1/chat/completions` och `GET /v1/models` följer OpenAI:s chatt-API; källorna kommer som data i
tilläggsfältet `citations`."""

TAGS = [
    {"name": "Fråga", "description": "Belagda svar med numrerade källor."},
    {"name": "Sök", "description": "Passager ur dokumenten."},
    {"name": "Indikatorer", "description": "Sörmlands indikatorbibliotek (Bilaga 1)."},
    {"name": "Kärnindikatorer", "description": "Socialstyrelsens nationella kärnindikatorer."},
    {"name": "Satsningar", "description": "Färdplanens länsgemensamma satsningar med härledd status."},
    {"name": "Beslut", "description": "Beslut enligt dokumenten."},
    {"name": "Dokument", "description": "Korpusen."},
    {"name": "Återkoppling", "description": "👍/👎 och kommentarer, i samma fil som appens."},
    {"name": "OpenAI-kompatibelt", "description": "För OpenAI-klienter, Open WebUI och LibreChat."},
    {"name": "Drift", "description": "Lever servern, och kan indexet svara?"},
]


def create_app(
    settings: Settings,
    source: AssistantSource | None = None,
    keys: KeyStore | None = None,
    public: bool = False,
) -> FastAPI:
    """The API over the settings' index (or the given AssistantSource).

    public: the server listens beyond the loopback address, so every call needs a key or token even when
    none is configured (all keys revoked means no access, never open access).
    Raises SettingsError when the OIDC settings are incomplete.
    """
    source = source or AssistantSource(settings)
    access = Access.from_settings(settings, keys or KeyStore(keys_path(settings)), required=public)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        source.start()
        yield

    # FastAPIOffline: /docs (Swagger UI) and /redoc from files the package ships, so they work without a CDN
    app = FastAPIOffline(
        title="Nära vård-assistenten",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.source = source
    app.state.access = access
    app.state.limiter = RateLimiter(settings.api_rate_limit)
    app.state.feedback = FeedbackStore(settings.feedback_db)
    app.state.recent = RecentAnswers()
    errors.install(app)
    errors.document_problems(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_kb * 1024)
    if settings.cors_origins:  # added last, so outermost: a preflight is answered before the size limit and access
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Retry-After"],
        )
    app.include_router(rest.router)
    app.include_router(openai_compat.router)

    @app.get("/healthz", tags=["Drift"], summary="Lever servern?")
    def healthz() -> Health:
        """Svarar `ok` så länge processen lever, även medan indexet byggs."""
        return Health(status="ok", access_control=access.controlled)

    @app.get(
        "/readyz",
        tags=["Drift"],
        summary="Kan indexet svara?",
        responses={503: {"model": Problem, "description": "Indexet byggs; försök igen efter Retry-After sekunder."}},
    )
    def readyz() -> Health:
        """`redo` när indexet kan svara (även medan vektorerna byggs: då `keyword_only`); annars 503 med
        Retry-After."""
        try:
            source.get()
        except ApiError as exc:
            return errors.problem(exc.status, exc.detail, exc.headers)  # type: ignore[return-value]
        return Health(status="redo", keyword_only=source.keyword_only(), access_control=access.controlled)

    return app
