"""What every table lookup returns (a ToolResult: rows, one cited source per row) and the helpers that build it."""

from __future__ import annotations

import datetime
from typing import Any, Protocol

from assistant.models import Citation, ToolResult
from assistant.tables.matching import closest_names

EMPTY_FIELD = "(tomt i källan)"


class Tables(Protocol):
    """What a lookup reads: the rows of a rebuilt table by name, and the date statuses are derived for."""

    today: datetime.date | None

    def table(self, name: str) -> list[dict]:
        """All rows of the table (fields, source_* provenance and extra); [] when it is missing."""
        ...


def found_rows(tool: str, arguments: dict, columns, shown, sources) -> ToolResult:
    """A result of the rows shown, each cited by the source row it was read from (sources[i] for shown[i])."""
    return ToolResult(tool, arguments, tuple(columns), tuple(shown), tuple(row_citation(s) for s in sources))


def nothing_found(tool: str, arguments: dict, query: str | None, names, what: str) -> ToolResult:
    """No rows: "Hittade inget <what> som matchar …" with the closest names as suggestions."""
    suggestions = closest_names(query or "", names) if names else ()
    message = f"Hittade inget {what} som matchar ”{query}”."
    if suggestions:
        message += " Närmast: " + ", ".join(suggestions) + "."
    return ToolResult(tool, arguments, (), (), (), message, suggestions)


def or_empty(value: Any) -> str:
    """The field's text, or EMPTY_FIELD when the source leaves it empty."""
    return str(value).strip() if value not in (None, "") and str(value).strip() else EMPTY_FIELD


def row_citation(row: dict) -> Citation:
    """The citation of a table row: the exact passage it was read from, with document, section and page."""
    return Citation(
        text=row["source_passage"],
        doc_id=row["source_doc_id"],
        title=row["source_title"],
        section=row["source_section"],
        page=row["source_page"],
        chunk_id=row.get("source_chunk_id") or "",
    )
