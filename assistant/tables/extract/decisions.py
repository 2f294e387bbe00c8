"""Decisions and the project goals' outcomes: the project report's tables and the NSV protocol."""

from __future__ import annotations

import re

from assistant.ingest.cleaning import CleanDocument
from assistant.tables.extract.pipe_tables import pipe_rows
from assistant.tables.extract.records import SourceLocator, TableRow

_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}
_SWEDISH_DATE = re.compile(r"^(?:(?P<day>\d{1,2}) )?(?P<month>[A-Za-zåäö]+) (?P<year>\d{4})$")
_SHORT_DATE = re.compile(r"\b(?P<body>NSV|Länsstyrgrupp(?:en)?)\s+(?P<yy>\d{2})-(?P<mm>\d{2})-(?P<dd>\d{2})\b")
_DIARY_NUMBER = re.compile(r"\bNSV\s?\d{2}-\s?\d{4}(?:-\d+)?")
_BODIES = (
    ("länsstyrgrupp", "Länsstyrgruppen"),
    ("nsv", "NSV"),
    ("nämnden för samverkan", "NSV"),
    ("styrgrupp", "Styrgruppen"),
)
_PROTOCOL_HEADING = re.compile(r"^#+\s*(?P<paragraph>§\s*\d+/\d+)\s+(?P<title>.+)$")


def parse_decisions(document: CleanDocument, locator: SourceLocator) -> tuple[list[TableRow], list[TableRow]]:
    """(decisions, goal outcomes) of a document."""
    decisions, outcomes = [], []
    doc_id = document.info.doc_id
    for row in pipe_rows(document.text):
        header = [h.lower() for h in row.header]
        source = locator.span(doc_id, row.start, row.end)
        if header[:2] == ["datum", "beslut"] and len(row.cells) >= 3:
            decisions.append(_decision(row.cells[0], row.cells[1], row.cells[2], source, "beslutstabell"))
        elif header[:2] == ["projektmål", "utfall"] and len(row.cells) >= 3:
            outcomes.append(
                TableRow(
                    "goal_outcomes",
                    {"projektmal": row.cells[0], "utfall": row.cells[1], "resultat": row.cells[2]},
                    source,
                )
            )
            decisions.extend(_dated_mentions(row.cells[1], source))
    decisions.extend(_protocol_decisions(document, locator))
    return decisions, outcomes


def _decision(date_text: str, decision: str, comment: str, source, origin: str) -> TableRow:
    fields = {
        "datum": date_text,
        "datum_iso": _iso_date(date_text),
        "organ": _body_of(decision),
        "beslut": decision,
        "diarienummer": ", ".join(m.replace(" ", "") for m in _DIARY_NUMBER.findall(comment + " " + decision)),
        "kommentar": comment,
        "ursprung": origin,
    }
    return TableRow("decisions", fields, source)


def _dated_mentions(text: str, source) -> list[TableRow]:
    """Decisions an outcome mentions with a short date ("Beslut i NSV 22-02-11")."""
    rows = []
    for match in _SHORT_DATE.finditer(text):
        iso = f"20{match['yy']}-{match['mm']}-{match['dd']}"
        fields = {
            "datum": match.group(0).split()[-1],
            "datum_iso": iso,
            "organ": _body_of(match["body"]),
            "beslut": text,
            "diarienummer": "",
            "kommentar": "Omnämnt i sammanställningen av projektmålens utfall.",
            "ursprung": "projektmålens utfall",
        }
        rows.append(TableRow("decisions", fields, source))
    return rows


def _protocol_decisions(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """A protocol paragraph: "## § 16/23 Title", "Diarienummer: …", then the decision under a "beslut" heading."""
    lines = document.text.split("\n")
    rows, offset = [], 0
    offsets = []
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    for index, line in enumerate(lines):
        heading = _PROTOCOL_HEADING.match(line.strip())
        if not heading:
            continue
        diary, decision, end_index = "", "", index
        for cursor in range(index + 1, min(index + 8, len(lines))):
            text = lines[cursor].strip()
            if text.startswith("Diarienummer:"):
                diary, end_index = text.split(":", 1)[1].strip(), cursor
            elif text.startswith("#") and "beslut" in text.lower() and cursor + 1 < len(lines):
                decision, end_index = lines[cursor + 1].strip(), cursor + 1
                break
        if not decision:
            continue
        source = locator.span(document.info.doc_id, offsets[index], offsets[end_index] + len(lines[end_index]))
        fields = {
            "datum": document.info.date,
            "datum_iso": document.info.date,
            "organ": "NSV" if "nsv" in (diary + document.info.doc_id).lower() else "",
            "beslut": f"{heading['paragraph']} {heading['title']}: {decision}",
            "diarienummer": diary,
            "kommentar": "",
            "ursprung": "protokoll",
        }
        rows.append(TableRow("decisions", fields, source))
    return rows


def _iso_date(text: str) -> str:
    match = _SWEDISH_DATE.match(text.strip())
    if not match or match["month"].lower() not in _MONTHS:
        return ""
    month = _MONTHS[match["month"].lower()]
    return f"{match['year']}-{month:02d}" + (f"-{int(match['day']):02d}" if match["day"] else "")


def _body_of(text: str) -> str:
    lowered = text.lower()
    return next((body for needle, body in _BODIES if needle in lowered), "")
