"""Lookups in the glossary: terms and abbreviations with their expansion or definition."""

from __future__ import annotations

from assistant.tables.matching import best_matches
from assistant.tables.results import Tables, ToolResult, found_rows, nothing_found
from assistant.text.folding import fold


def term(tables: Tables, term: str) -> ToolResult:
    """A term or abbreviation: its expansion or definition, from every document that gives one."""
    rows = tables.table("glossary")
    folded = fold(term).strip(" ?.!")
    exact = [r for r in rows if fold(r["term"]) == folded]
    if not exact:  # asked by what an abbreviation stands for: "Länsgemensamt regionalt stöd" is LRS
        spelled = {fold(r["term"]) for r in rows if fold(r["forklaring"]) == folded}
        exact = [r for r in rows if fold(r["term"]) in spelled]
    if not exact:
        exact = [rows[i] for i in best_matches(term, [r["term"] for r in rows], limit=3, min_score=90)]
    if not exact:
        return nothing_found("term", {"term": term}, term, [r["term"] for r in rows], "begrepp eller förkortning")
    unique, seen = [], set()
    for r in exact:
        key = (fold(r["term"]), fold(r["forklaring"]))
        if key not in seen:
            seen.add(key)
            unique.append(r)
    shown = [{"Begrepp": r["term"], "Betydelse": r["forklaring"], "Dokument": r["source_title"]} for r in unique]
    return found_rows("term", {"term": term}, ("Begrepp", "Betydelse", "Dokument"), shown, unique)
