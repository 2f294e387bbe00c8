"""Lookups in the decisions the documents record (the project report's Tabell 8 and NSV's protocol)."""

from __future__ import annotations

from assistant.tables.matching import best_matches
from assistant.tables.results import Tables, ToolResult, found_rows, nothing_found
from assistant.text.folding import fold

DECISION_COLUMNS = ("Datum", "Organ", "Beslut", "Diarienummer", "Kommentar")


def decisions(tables: Tables, body: str | None = None, year: int | None = None, topic: str | None = None) -> ToolResult:
    """Decisions by body (NSV, Länsstyrgruppen …), year or topic words, oldest first."""
    arguments = {"body": body, "year": year, "topic": topic}
    rows = tables.table("decisions")
    if body:
        rows = [r for r in rows if fold(body)[:6] in fold(r["organ"])]
    if year:
        rows = [r for r in rows if str(r["datum_iso"]).startswith(str(year))]
    if topic:
        matches = best_matches(topic, [f"{r['beslut']} {r['kommentar']}" for r in rows], limit=10, min_score=60)
        rows = [rows[i] for i in sorted(matches)]
    if not rows:
        return nothing_found("decisions", arguments, topic or body or str(year), [], "beslut")
    rows = sorted(rows, key=lambda r: r["datum_iso"] or "")
    shown = [
        {
            "Datum": r["datum"],
            "Organ": r["organ"],
            "Beslut": r["beslut"],
            "Diarienummer": r["diarienummer"],
            "Kommentar": r["kommentar"],
        }
        for r in rows
    ]
    return found_rows("decisions", arguments, DECISION_COLUMNS, shown, rows)
