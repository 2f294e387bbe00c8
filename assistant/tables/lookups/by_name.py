"""The rows of a table that a name picks out: the name is matched (folded, typo tolerant) against the names in
one column, and the rows holding the best match are kept; when none matches, the "Hittade inget" result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.tables.matching import MIN_NAME_SCORE, best_matches
from assistant.tables.results import ToolResult, nothing_found


@dataclass(frozen=True)
class NamedRows:
    """The rows holding the matched name, and that name; `nothing` is the lookup's answer when no name matched."""

    rows: list[dict]
    name: str = ""
    nothing: ToolResult | None = None


def rows_named(
    query: str,
    rows: list[dict],
    column: str,
    lookup: tuple[str, dict, str],
    extra_names: Iterable[str] = (),
    min_score: int = MIN_NAME_SCORE,
) -> NamedRows:
    """The rows whose `column` holds the name (of the column's names and extra_names) best matching query.

    lookup: the lookup's name, its arguments and what the column names ("målområde"), for the "Hittade inget
    <what> som matchar …" result with the closest names when nothing matches.
    """
    names = sorted({r[column] for r in rows} | set(extra_names))
    found = best_matches(query, names, limit=1, min_score=min_score)
    if not found:
        tool, arguments, what = lookup
        return NamedRows([], nothing=nothing_found(tool, arguments, query, names, what))
    name = names[found[0]]
    return NamedRows([r for r in rows if r[column] == name], name)
