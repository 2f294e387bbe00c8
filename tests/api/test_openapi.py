"""The OpenAPI schema validates, lists every endpoint, and describes every parameter and field in Swedish."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from api_server import api_settings
from fastapi.routing import APIRoute
from openapi_spec_validator import validate

from assistant.api import openai_compat, rest
from assistant.api.app import create_app
from assistant.api.server import serve_in_thread

pytestmark = pytest.mark.server

ENDPOINTS = {
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("POST", "/v1/ask"),
    ("POST", "/v1/search"),
    ("GET", "/v1/indicators"),
    ("GET", "/v1/indicators/{name}"),
    ("GET", "/v1/core-indicators"),
    ("GET", "/v1/core-indicators/{name}"),
    ("GET", "/v1/initiatives"),
    ("GET", "/v1/initiatives/{name}"),
    ("GET", "/v1/decisions"),
    ("GET", "/v1/documents"),
    ("POST", "/v1/feedback"),
    ("POST", "/v1/chat/completions"),
    ("GET", "/v1/models"),
    ("GET", "/v1/models/{model_id}"),
}


@pytest.fixture
def app(tiny_corpus: Path, isolated_environment: Path):
    return create_app(api_settings(tiny_corpus, isolated_environment))


def test_the_schema_validates_and_lists_every_endpoint(app) -> None:
    spec = app.openapi()
    validate(spec)
    listed = {(method.upper(), path) for path, operations in spec["paths"].items() for method in operations}
    routes = [*app.routes, *rest.router.routes, *openai_compat.router.routes]  # FastAPI keeps included routers apart
    routed = {(m, r.path) for r in routes if isinstance(r, APIRoute) and r.include_in_schema for m in r.methods}
    assert listed == routed == ENDPOINTS


def test_every_operation_parameter_and_field_is_described(app) -> None:
    spec = app.openapi()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (method, path, parameter["name"])
            if path.startswith("/v1/"):
                assert operation.get("security") == [{"Bearer": []}], (method, path)
    for name, schema in spec["components"]["schemas"].items():
        assert schema.get("description"), name
        for field, value in schema.get("properties", {}).items():
            assert value.get("description"), (name, field)
    assert "ask" in spec["paths"]["/v1/ask"]["post"]["operationId"]
    assert "Bearer" in spec["components"]["securitySchemes"]


def test_the_schema_and_the_docs_are_served(app) -> None:
    with serve_in_thread(app) as url:
        served = httpx.get(f"{url}/openapi.json").json()
        assert served["info"]["title"] == "Nära vård-assistenten"
        validate(served)
        assert httpx.get(f"{url}/docs").status_code == 200


def test_every_error_is_documented_as_problem_json(app) -> None:
    spec = app.openapi()
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            errors = {s: r for s, r in operation["responses"].items() if s[0] in "45"}
            if path.startswith("/v1/"):
                assert {"401", "422", "429", "503"} <= set(errors), (method, path)
            if "{" in path or path == "/v1/feedback":
                assert "404" in errors, (method, path)
            for status, response in errors.items():
                assert response["content"] == {"application/problem+json": problem}, (method, path, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]  # FastAPI's own 422 body is never sent
