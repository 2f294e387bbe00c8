"""Lookups in the färdplan's länsgemensamma satsningar and insatsområden, with a status derived from each
period and today's date (and the bilagor's description of a satsning where there is one)."""

from __future__ import annotations

import dataclasses
import datetime
import re

from assistant.tables.lookups.by_name import rows_named
from assistant.tables.matching import best_matches
from assistant.tables.results import (
    EMPTY_FIELD,
    Tables,
    ToolResult,
    found_rows,
    nothing_found,
    or_empty,
    row_citation,
)
from assistant.text.folding import fold

UNTIL_FURTHER_NOTICE = "tills vidare"
INITIATIVE_COLUMNS = ("Insatsområde", "Satsning", "Mål/syfte", "Period", "Status", "Utförare")
NO_JOINT_WORK = "Inget pågående länsgemensamt arbete."


def derived_status(start: str, end: str, today: datetime.date | None = None) -> str:
    """pågående, avslutad, planerad or tills vidare, from the period's years and today's date."""
    today = today or datetime.date.today()
    if not start:
        return "okänd (period saknas)"
    if int(start) > today.year:
        return "planerad"
    if end == UNTIL_FURTHER_NOTICE:
        return "pågående (tills vidare)"
    if end and int(end) < today.year:
        return "avslutad"
    return "pågående"


def initiatives(
    tables: Tables,
    insatsomrade: str | None = None,
    status: str | None = None,
    year: int | None = None,
    starts_in: int | None = None,
    ends_in: int | None = None,
) -> ToolResult:
    """The länsgemensamma satsningar with a status derived from their period and today's date;
    `year` keeps those whose period covers that year, `starts_in` / `ends_in` those that start / end then."""
    arguments = {"insatsomrade": insatsomrade, "status": status, "year": year}
    arguments |= {k: v for k, v in (("starts_in", starts_in), ("ends_in", ends_in)) if v}
    rows = tables.table("initiatives")
    area = ""  # the insatsområde the argument names
    if insatsomrade:
        areas = [a["insatsomrade"] for a in tables.table("areas")]
        named = rows_named(
            insatsomrade, rows, "insatsomrade", ("initiatives", arguments, "insatsområde"), areas, min_score=70
        )
        if named.nothing:
            return named.nothing
        rows, area = named.rows, named.name
    if year:
        rows = [r for r in rows if _covers(r, int(year))]
    message = ""
    for key, edge_year, verb in (("start", starts_in, "startar"), ("slut", ends_in, "slutar")):
        if edge_year:
            kept = [r for r in rows if str(r[key]) == str(edge_year)]
            if not kept:  # "none ends then" is an answer too; show the periods there are
                message = f"Ingen satsning {verb} {edge_year} enligt färdplanens perioder."
            rows = kept or rows
    shown = [_initiative_row(r, tables.today) for r in rows]
    if status:
        keep = [i for i, r in enumerate(shown) if fold(status) in fold(r["Status"])]
        if keep:
            shown, rows = [shown[i] for i in keep], [rows[i] for i in keep]
        else:  # "none is ended" is an answer too; show what their statuses are
            message = f"Ingen satsning har status ”{status}” (härlett ur perioderna och dagens datum)."
    result = found_rows("initiatives", arguments, INITIATIVE_COLUMNS, shown, rows)
    if message:
        result = dataclasses.replace(result, message=message)
    if area and not shown:
        idle = [a for a in tables.table("areas") if not a["pagaende_arbete"] and a["insatsomrade"] == area]
        if idle:
            return ToolResult(
                "initiatives",
                arguments,
                ("Insatsområde", "Status"),
                tuple({"Insatsområde": a["insatsomrade"], "Status": NO_JOINT_WORK} for a in idle),
                tuple(row_citation(a) for a in idle),
            )
    return result


def areas(tables: Tables, without_joint_work: bool = False) -> ToolResult:
    """The färdplan's eight insatsområden, or only those with no ongoing joint work."""
    rows = [a for a in tables.table("areas") if not without_joint_work or not a["pagaende_arbete"]]
    shown = [
        {
            "Insatsområde": a["insatsomrade"],
            "Länsgemensamt arbete": "pågår" if a["pagaende_arbete"] else NO_JOINT_WORK,
        }
        for a in rows
    ]
    columns = ("Insatsområde", "Länsgemensamt arbete")
    return found_rows("areas", {"without_joint_work": without_joint_work}, columns, shown, rows)


def initiative(tables: Tables, name: str) -> ToolResult:
    """One satsning: goal, period (and the bilagor's period where it differs), status, utförare."""
    rows = tables.table("initiatives")
    matches = best_matches(name, [r["satsning"] for r in rows], limit=1)
    if not matches:
        return nothing_found("initiative", {"name": name}, name, [r["satsning"] for r in rows], "satsning")
    row = rows[matches[0]]
    shown = [_initiative_row(row, tables.today)]
    sources = [row]
    description_index = row["extra"].get("description_row")
    if description_index is not None:
        description = tables.table("initiative_descriptions")[description_index]
        shown.append(
            {
                "Insatsområde": "",
                "Satsning": f"{description['namn']} (beskrivning i bilagorna)",
                "Mål/syfte": description["syfte"] or description["forvantat_resultat"],
                "Period": description["tidplan"] or EMPTY_FIELD,
                "Status": "",
                "Utförare": "",
            }
        )
        sources.append(description)
    return found_rows("initiative", {"name": name}, INITIATIVE_COLUMNS, shown, sources)


# How a derived status says where it comes from: "pågående (härlett från perioden 2024 - 2026)".
_STATUS_REASON = re.compile(r"\s*\(härlett från perioden[^)]*\)\s*$")


def status_label(status: str | None) -> str:
    """A derived status without where it comes from: 'pågående (härlett från perioden 2021–2026)' -> 'pågående'
    (beside the period it is read from, or under a lead that says so)."""
    return _STATUS_REASON.sub("", str(status or "")).strip()


def _initiative_row(row: dict, today: datetime.date | None) -> dict:
    status = derived_status(row["start"], row["slut"], today)
    period = row["tid"] or "(ingen period angiven)"
    return {
        "Insatsområde": row["insatsomrade"],
        "Satsning": row["satsning"],
        "Mål/syfte": row["mal"],
        "Period": period,
        "Status": f"{status} (härlett från perioden {period})" if row["start"] else status,
        "Utförare": or_empty(row["utforare"]),
    }


def _covers(row: dict, year: int) -> bool:
    if not row["start"]:
        return False
    end = row["slut"]
    return int(row["start"]) <= year and (end == UNTIL_FURTHER_NOTICE or not end or year <= int(end))
