"""Lookups in Sörmland's indicator library: its measures, one measure's definition, the project report's
proposed measures and the library's data sources by type."""

from __future__ import annotations

import dataclasses
from typing import Any

from assistant.tables.lookups.by_name import rows_named
from assistant.tables.matching import best_matches
from assistant.tables.measure_fields import MEASURE_LABELS
from assistant.tables.results import EMPTY_FIELD, Tables, ToolResult, found_rows, nothing_found, or_empty
from assistant.text.folding import fold

MEASURE_COLUMNS = ("Målområde", "Indikator", "Titel", "Mått", "Datakälla", "Riktning")


def measure_label(row: dict) -> str:
    """The library's own name of a measure: "Kontinuitet 1" (or just the indikator when it has no number)."""
    return f"{row['indikator']} {row['nummer']}" if row.get("nummer") not in (None, "") else row["indikator"]


def indicator_names(tables: Tables) -> list[str]:
    """The library's indicators ("Delaktighet", "Kontinuitet" …), in the library's order."""
    return list(dict.fromkeys(r["indikator"] for r in tables.table("measures")))


def measures(tables: Tables, malomrade: str | None = None, missing: str | None = None) -> ToolResult:
    """Every measure of Sörmland's indicator library, optionally of one målområde, or those whose field
    `missing` (e.g. "målnivå", "datakälla") the library leaves empty."""
    arguments = {"malomrade": malomrade} | ({"missing": missing} if missing else {})
    rows = tables.table("measures")
    if malomrade:
        named = rows_named(malomrade, rows, "malomrade", ("measures", arguments, "målområde"))
        if named.nothing:
            return named.nothing
        rows = named.rows
    if not missing:
        return found_rows("measures", arguments, MEASURE_COLUMNS, [_measure_row(r) for r in rows], rows)
    labels = list(MEASURE_LABELS.values())
    found = best_matches(missing, labels, limit=1)
    if not found:
        return nothing_found("measures", arguments, missing, labels, "fält")
    key, label = list(MEASURE_LABELS.items())[found[0]]
    rows = [r for r in rows if _says_nothing(r.get(key, ""))]
    if not rows:
        return ToolResult("measures", arguments, (), (), (), f"Alla mått anger {label.lower()}.")
    columns = MEASURE_COLUMNS + (() if label in MEASURE_COLUMNS else (label,))
    shown = [_measure_row(r) | {label: or_empty(r.get(key, ""))} for r in rows]
    result = found_rows("measures", arguments, columns, shown, rows)
    return dataclasses.replace(result, message=f"{len(rows)} mått anger ingen {label.lower()}.")


def measure(tables: Tables, name: str) -> ToolResult:
    """The full definition (every field, empty ones said to be empty) of the measure(s) best matching name."""
    rows = tables.table("measures")
    labelled = [r for r in rows if fold(measure_label(r)) == fold(name.strip())]  # "Kontinuitet 1"
    names = [f"{r['titel']} {measure_label(r)}" for r in rows]
    matches = best_matches(name, names, limit=2)
    if not labelled and not matches:
        return nothing_found("measure", {"name": name}, name, [r["titel"] for r in rows], "mått")
    best = labelled[0] if labelled else rows[matches[0]]
    shown = [{"Fält": "Indikator", "Uppgift": f"{measure_label(best)} (målområde {best['malomrade']})"}]
    shown += [{"Fält": label, "Uppgift": or_empty(best.get(key, ""))} for key, label in MEASURE_LABELS.items()]
    return found_rows("measure", {"name": name}, ("Fält", "Uppgift"), shown, [best] * len(shown))


def proposed_measures(tables: Tables, indikator: str | None = None) -> ToolResult:
    """The project report's proposed measures per indicator and målområde."""
    rows = tables.table("proposed_measures")
    if indikator:
        named = rows_named(indikator, rows, "indikator", ("proposed_measures", {"indikator": indikator}, "indikator"))
        if named.nothing:
            return named.nothing
        rows = named.rows
    shown = [{"Målområde": r["malomrade"], "Indikator": r["indikator"], "Mått": r["matt"]} for r in rows]
    columns = ("Målområde", "Indikator", "Mått")
    return found_rows("proposed_measures", {"indikator": indikator}, columns, shown, rows)


def data_sources(tables: Tables, typ: str | None = None) -> ToolResult:
    """The indicator library's data sources by type (enkät, register, annan datakälla) and how often they come."""
    rows = tables.table("data_sources")
    if typ:
        named = rows_named(typ, rows, "typ", ("data_sources", {"typ": typ}, "typ av datakälla"), min_score=70)
        if named.nothing:
            return named.nothing
        rows = named.rows
    shown = [{"Typ": r["typ"], "Datakälla": r["datakalla"], "Hur ofta": r["frekvens"]} for r in rows]
    return found_rows("data_sources", {"typ": typ}, ("Typ", "Datakälla", "Hur ofta"), shown, rows)


def _measure_row(row: dict) -> dict:
    return {
        "Målområde": row["malomrade"],
        "Indikator": measure_label(row),
        "Titel": row["titel"],
        "Mått": or_empty(row["matt"]),
        "Datakälla": or_empty(row["datakalla"]),
        "Riktning": or_empty(row["riktning"]),
    }


def _says_nothing(value: Any) -> bool:
    """An empty field, or one that says there is none ("Ingen målnivå fastställd", "Saknas")."""
    text = or_empty(value)
    return text == EMPTY_FIELD or fold(text).startswith(("ingen ", "saknas", "finns ej", "finns inte"))
