"""The table lookups as langchain tools for the LLM backend, one per lookup of the registry it is offered:
typed arguments; each returns its rows as text for the model and, as the artifact, the ToolResult whose
per-row citations the answer cites."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import create_model

from assistant.retrieval.filters import SearchFilters
from assistant.tables.filtering import within_filters
from assistant.tables.registry import LOOKUPS, Lookup
from assistant.tables.tools import TableTools, ToolResult

# What the LLM passes for an optional argument it leaves out (a JSON schema default, never None).
_UNSET: dict[type, Any] = {str: "", int: 0, bool: False}


def langchain_tools(tools: TableTools, filters: SearchFilters | None = None) -> list[BaseTool]:
    """One langchain tool per lookup offered to the LLM; content is the rows as JSON, the artifact the ToolResult.

    Rows whose source document the filters exclude are left out, as in the extractive table answers."""
    if not tools.available:
        return []
    return [_tool(lookup, tools, filters) for lookup in LOOKUPS if lookup.llm_tool]


def _tool(lookup: Lookup, tools: TableTools, filters: SearchFilters | None = None) -> BaseTool:
    offered = [a for a in lookup.arguments if a.offered_to_llm]
    fields = {a.name: (a.type, ... if a.required else _UNSET[a.type]) for a in offered}
    schema = create_model(lookup.llm_tool, **fields)

    def run(**values: Any) -> tuple[str, ToolResult]:
        # An optional argument left at its default is not given: the lookup's own None applies.
        given = {a.name: values[a.name] for a in offered if a.required or values.get(a.name)}
        return _as_text_and_result(within_filters(lookup.function(tools, **given), filters, tools.documents))

    return StructuredTool.from_function(
        run,
        name=lookup.llm_tool,
        description=lookup.description,
        args_schema=schema,
        response_format="content_and_artifact",
    )


def _as_text_and_result(result: ToolResult) -> tuple[str, ToolResult]:
    if not result.found:
        return result.message, result
    rows = [{**row, "källa": citation.label} for row, citation in zip(result.rows, result.citations, strict=True)]
    return json.dumps(rows, ensure_ascii=False), result
