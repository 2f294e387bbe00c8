"""The HTTP API: REST under /v1/ and an OpenAI-compatible chat endpoint over the same library as the app.

One job per module: app (the FastAPI factory and the REST routes), schemas (pydantic models with Swedish
descriptions), auth (API keys and OIDC JWTs), keys (the API key store), openai_compat (chat completions and
models), errors (application/problem+json), limits (body size, rate limit), readiness (the shared
Assistant and whether the index can answer), server (`assistant serve`).
"""
