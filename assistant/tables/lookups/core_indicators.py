"""Lookups in Socialstyrelsen's national core indicators (kärnindikatorer) and the values its report states."""

from __future__ import annotations

from assistant.tables.lookups.by_name import rows_named
from assistant.tables.matching import best_matches
from assistant.tables.results import Tables, ToolResult, found_rows, nothing_found, or_empty
from assistant.text.folding import fold


def core_indicators(tables: Tables, name: str | None = None) -> ToolResult:
    """The 12 national kärnindikatorer, or the one best matching name, with what it measures and its source."""
    rows = tables.table("core_indicators")
    if name:
        matches = best_matches(name, [r["indikator"] for r in rows], limit=1)
        if not matches:
            return nothing_found(
                "core_indicators", {"name": name}, name, [r["indikator"] for r in rows], "kärnindikator"
            )
        rows = [rows[matches[0]]]
    columns = ("Kärnindikator", "Nyckelord", "Mått", "Datakälla")
    shown = [
        {
            "Kärnindikator": r["indikator"],
            "Nyckelord": r["nyckelord"],
            "Mått": or_empty(r["matt"]),
            "Datakälla": or_empty(r["kalla"]),
        }
        for r in rows
    ]
    return found_rows("core_indicators", {"name": name}, columns, shown, [_detail_or_row(r) for r in rows])


def core_values(
    tables: Tables,
    indicator: str | None = None,
    year: int | None = None,
    region: str | None = None,
    group: str | None = None,
) -> ToolResult:
    """Values the national report states for a core indicator, by year, region or county, and group."""
    arguments = {"indicator": indicator, "year": year, "region": region, "group": group}
    rows = tables.table("core_values")
    if indicator and _core_without_values(tables, indicator, rows):
        what = "värde som rapporten anger för kärnindikatorn"
        return nothing_found("core_values", arguments, indicator, sorted({r["indikator"] for r in rows}), what)
    if indicator:
        named = rows_named(indicator, rows, "indikator", ("core_values", arguments, "kärnindikator"))
        if named.nothing:
            return named.nothing
        rows = named.rows
    if year:
        rows = [r for r in rows if str(r["ar"]) == str(year)]
    if region:
        rows = [r for r in rows if fold(region) in fold(r["region"] or "")]
    if group:
        rows = [r for r in rows if fold(group) == fold(r["grupp"])]
    columns = ("Kärnindikator", "År", "Region/län", "Grupp", "Värde", "Enhet")
    shown = [
        {
            "Kärnindikator": r["indikator"],
            "År": r["ar"] or "",
            "Region/län": r["region"] or "riket",
            "Grupp": r["grupp"],
            "Värde": r["varde"],
            "Enhet": r["enhet"],
        }
        for r in rows
    ]
    # The report often states one value twice (summary and detail): show it once, with its first source.
    first = {tuple(row.items()): i for i, row in reversed(list(enumerate(shown)))}
    kept = sorted(first.values())
    return found_rows("core_values", arguments, columns, [shown[i] for i in kept], [rows[i] for i in kept])


def _core_without_values(tables: Tables, indicator: str, rows: list[dict]) -> bool:
    """True when `indicator` is the exact name of a core indicator the report states no values for: the typo
    tolerant match would otherwise give another indicator's values ("Överbeläggningar och utlokaliseringar" is
    not "Medicinsk bedömning inom tre dagar vid psykisk ohälsa hos barn och unga")."""
    asked = fold(indicator)
    named = any(fold(r["indikator"]) == asked for r in tables.table("core_indicators"))
    return named and not any(fold(r["indikator"]) == asked for r in rows)


def _detail_or_row(row: dict) -> dict:
    """The indicator's own description section as its source when the report has one, else its Tabell 1 row."""
    detail = row["extra"].get("detail_source")
    if not detail:
        return row
    return {f"source_{k}": v for k, v in detail.items()}
