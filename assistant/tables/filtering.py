"""Honour the user's search filters in table answers: a row read from a document the filters exclude is
not answered from, as a passage of that document would not be found."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from assistant.models import DocumentInfo
from assistant.retrieval.filters import SearchFilters
from assistant.tables.results import ToolResult

EXCLUDED_BY_FILTERS = "Tabellen har svar, men inte ur de dokument som sökningen är avgränsad till."


def document_accepted(filters: SearchFilters | None, doc_id: str, documents: Mapping[str, DocumentInfo]) -> bool:
    """True when the filters let a passage of this document through (a document the catalogue does not know
    has no kind or year, so a kind or year filter excludes it, as it would exclude its passages)."""
    if filters is None or filters.empty:
        return True
    info = documents.get(doc_id)
    kind = info.kind if info else ""
    year = info.year if info else None
    return (
        (not filters.doc_ids or doc_id in filters.doc_ids)
        and (not filters.kinds or kind in filters.kinds)
        and (not filters.years or year in filters.years)
    )


def within_filters(
    result: ToolResult, filters: SearchFilters | None, documents: Mapping[str, DocumentInfo]
) -> ToolResult:
    """The result with only the rows whose source document the filters accept (unchanged without filters)."""
    if filters is None or filters.empty or not result.rows:
        return result
    keep = [i for i, c in enumerate(result.citations) if document_accepted(filters, c.doc_id, documents)]
    if len(keep) == len(result.rows):
        return result
    return dataclasses.replace(
        result,
        rows=tuple(result.rows[i] for i in keep),
        citations=tuple(result.citations[i] for i in keep),
        message=result.message if keep else EXCLUDED_BY_FILTERS,
    )
