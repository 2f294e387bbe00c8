"""Compose a cited Markdown answer from tool results: a short lead and a small table, one source per row."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.answer.composition import ANSWER_LEAD
from assistant.index.keyword_index import tokenize
from assistant.models import Answer, Citation, Passage
from assistant.tables.asked_fields import (
    asked_initiative_fields,
    initiative_columns,
    initiative_lead,
    measure_lead,
    subject_words,
)
from assistant.tables.lookups.initiatives import status_label
from assistant.tables.measure_fields import ASKED_FIELD_WORDS, WRITTEN_FIELDS
from assistant.tables.registry import LOOKUPS_BY_NAME
from assistant.tables.results import EMPTY_FIELD, ToolResult
from assistant.text.english import is_english
from assistant.text.folding import fold
from assistant.text.markdown_cells import markdown_cell
from assistant.text.tokens import words

MAX_ROWS = 8
MAX_NARROW_ROWS = 15  # rows shown when only a name and the asked column are
MAX_CELL = 260
MAX_MEASURE_FIELDS = 5
MAX_TOTAL_CHARS = 650
_MARKER = re.compile(r"\[(\d+)\]")
_LINE_FURNITURE = re.compile(
    r"^\s*(?:[-*]\s+|Enligt dokumenten:\s*|According to the documents(?: \(quoted in Swedish\))?:\s*)|\s*\[\d+\]"
)


def tool_answer(
    question: str,
    results: list[ToolResult],
    passages: list[Passage],
    extractive: Answer | None = None,
    terms: Callable[[str], list[str]] = tokenize,
) -> Answer:
    """A cited answer from the tools' rows, followed by the start of the extractive answer when there is
    room; `terms` turns text into comparable terms (stemmed, decompounded) to pick a measure's fields."""
    citations: list[Citation] = []
    parts: list[str] = []
    # Field words are matched as stems and as the question's own folded words ("nämnare" stems to "namn").
    stems = set(terms(question)) | set(re.findall(r"\w+", fold(question)))
    notes: list[str] = []
    english = is_english(question)
    # When the answer gives a satsning's asked fields ("När startade Besökskort?"), the tail keeps to lines that
    # share a word of what the question is about, stemmed and with compounds whole ("besök" and "kort" are not
    # "Besökskort"); the words that ask for the fields do not count ("startades 2023" is about something else).
    about: set[str] = set()
    for result in results:
        shown = _rows_to_show(question, result, stems, terms)
        if result.tool == "initiative" and shown.asked:
            about = set(tokenize(subject_words(question)))
        markers = [_cite(citation, citations) for citation in shown.citations]
        parts.append(_render(question, result, shown, markers, english))
        notes.append(_disagreement_note(result, shown, markers))
    text = "\n\n".join(parts) + "".join(notes)
    if extractive is not None and not extractive.abstained:
        room = MAX_TOTAL_CHARS - len(text)
        text += _extractive_tail(extractive, citations, room, text, english, about)
    return Answer(text, tuple(citations), tuple(passages), tool_calls=tuple(results), notes=("table tools",))


def _extractive_tail(
    extractive: Answer,
    citations: list[Citation],
    room: int,
    shown: str = "",
    english: bool = False,
    about: set[str] | None = None,
) -> str:
    """The extractive answer's first lines that say something the table does not: the first such line, with
    as many of its list items as fit in MAX_TOTAL_CHARS, always (the best sentence is said even when the table
    fills the answer), the rest while they fit in room; its [n] markers renumbered into citations. With `about`
    (the question's words, when the table gives a satsning's asked fields) only lines that share a whole word
    with the question: "I de fall det finns jämförbara data är startåret 2017" says nothing of when Besökskort
    started."""
    kept: list[str] = []
    used = 0
    already = _word_string(shown)  # words only: a table row's "| Mått | …" says the same as "Mått …"
    for block in _blocks(extractive.answer):
        size = sum(len(line) + 1 for line in block)
        if used + size > room and kept:
            break
        content = _word_string(_LINE_FURNITURE.sub("", block[0]))
        if not content:
            continue
        if about and not about & set(tokenize(" ".join(block))):
            continue
        if f" {content} " in f" {already} ":
            continue  # the table's own line: the text goes on about it
        if _mostly_said(content, already):
            if not kept:
                break  # the text's best line says what the table says: the lines after it are about less
            continue
        if not kept:
            block = _fitting(block, max(room, MAX_TOTAL_CHARS))
            size = sum(len(line) + 1 for line in block)
        kept += [_as_item(block[0]), *block[1:]]
        used += size
    if not "".join(kept).strip() or not _MARKER.search("".join(kept)):
        return ""

    def renumber(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(extractive.citations):
            return match.group(0)
        return f"[{_cite(extractive.citations[number - 1], citations)}]"

    heading = "From the documents' text:" if english else "Ur dokumentens text:"
    return f"\n\n{heading}\n\n" + _MARKER.sub(renumber, "\n".join(kept).strip())


def _as_item(line: str) -> str:
    """A line of the extractive answer as an item of the tail: the heading above says where it comes from (a
    line that is a list item, a heading or a table row already stays as it is)."""
    line = ANSWER_LEAD.sub("", line)
    return line if line.startswith(("- ", "#", "|")) else f"- {line}"


# The share of a tail line's words the answer must not have said yet for the line to be said: "Titel Andel SIP"
# under the lead "Måttet Andel SIP …", or the library's "Mått … Mätenhet … Syfte …" line under the table that
# shows those fields, says nothing new.
NEW_WORDS_SHARE = 0.2


# A measure field's label as the library writes it before the field's text, in words ("titel", "typ av indikator").
_FIELD_LABELS = tuple(sorted({" ".join(words(fold(f.written_as))) for f in WRITTEN_FIELDS}, key=lambda w: (-len(w), w)))


def _mostly_said(content: str, already: str) -> bool:
    """True when fewer than NEW_WORDS_SHARE of the line's words, after the field label it may open with, are
    words the answer has not said."""
    for label in _FIELD_LABELS:
        if content.startswith(f"{label} "):
            content = content[len(label) + 1 :]
            break
    line_words = content.split()
    said = set(already.split())
    return bool(line_words) and sum(w not in said for w in line_words) < NEW_WORDS_SHARE * len(line_words)


def _word_string(text: str) -> str:
    return " ".join(words(fold(text)))


def _fitting(block: list[str], limit: int) -> list[str]:
    """The block's first line and as many of its item lines as keep it within limit characters."""
    fitting, size = block[:1], len(block[0]) + 1
    for line in block[1:]:
        size += len(line) + 1
        if size > limit:
            break
        fitting.append(line)
    return fitting


def _blocks(answer: str) -> list[list[str]]:
    """The answer's lines, each with the indented list items under it ("  - Händelseanalys")."""
    blocks: list[list[str]] = []
    for line in answer.split("\n"):
        if blocks and line.startswith("  "):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


@dataclass(frozen=True)
class _Shown:
    """The rows of a result an answer shows, their sources, the asked fields it leads with and its columns."""

    rows: list[dict]
    citations: list[Citation]
    asked: list = field(default_factory=list)  # measure: indices of the asked fields; initiative: columns
    columns: tuple[str, ...] = ()


def _rows_to_show(question: str, result: ToolResult, stems: set[str], terms: Callable[[str], list[str]]) -> _Shown:
    rows, citations = list(result.rows), list(result.citations)
    if result.tool == "measure":
        asked, keep = _measure_fields(rows, stems, terms, question)
        asked = [i for i in asked if not _said_by_another(i, asked, rows)]
        # The table does not say again a field the asked ones already hold ("Nämnare" within "Teknisk
        # beskrivning"); the lead that says them names the measure by its Indikator and Titel (see _render).
        # A field that says nothing but the asked ones goes too ("Teknisk beskrivning: Täljare: … Nämnare: …").
        keep = [
            i
            for i in keep
            if rows[i]["Fält"] in _NAMED_BY_LEAD
            or not any(_within(rows[i], rows[j]) for j in asked)
            and not _only_these(rows[i], [rows[j] for j in asked])
        ]
        return _Shown([rows[i] for i in keep], [citations[i] for i in keep], [rows[i] for i in asked])
    if result.tool == "initiative" and rows:
        asked = asked_initiative_fields(question, rows[0]["Satsning"])
        if asked:
            # The bilagor's description row only where it says something about an asked field.
            columns = initiative_columns(question, rows[0]["Satsning"], asked)
            keep = [0] + [i for i in range(1, len(rows)) if any(_says(rows[i].get(c)) for c in columns[1:])]
            return _Shown([rows[i] for i in keep], [citations[i] for i in keep], asked, columns)
    columns = result.columns
    if result.tool == "initiatives" and len(rows) > 1:
        columns = _listed_initiative_columns(question, columns)
    if result.tool == "initiatives" and _one_area(rows):  # the area is said once, in the lead
        columns = tuple(c for c in columns if c != "Insatsområde")
    names = _NAME_COLUMNS.get(result.tool, ()) if len(rows) > 1 else ()  # one row is shown whole
    asked = _asked_columns(question, [c for c in columns if c not in names]) if names else []
    if asked:  # "Vilka datakällor bygger kärnindikatorerna på?": the rows' names and that column, every row
        return _Shown(rows[:MAX_NARROW_ROWS], citations[:MAX_NARROW_ROWS], columns=(*names, *asked))
    return _Shown(rows[:MAX_ROWS], citations[:MAX_ROWS], columns=columns)


# What a list of satsningar always shows of each: where it belongs, its name, when it runs and its status. Its goal
# and who carries it out only when the question asks for them (asked_initiative_fields): "Vilka satsningar startade
# 2024?" is answered by names and periods, and the Satsningar page and a follow-up give the rest.
_LISTED_INITIATIVE_COLUMNS = ("Insatsområde", "Satsning", "Period", "Status")


def _listed_initiative_columns(question: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a list of several satsningar: the always shown ones and those the question asks for."""
    asked = set(asked_initiative_fields(question, ""))
    return tuple(c for c in columns if c in _LISTED_INITIATIVE_COLUMNS or c in asked)


# The columns that name a list's rows; the list's own noun ("mått", "satsning") asks for no column.
_NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "core_indicators": ("Kärnindikator",),
    "initiatives": ("Satsning",),
    "measures": ("Indikator", "Titel"),
}
_ROW_NOUNS = ("Mått", "Satsning", "Kärnindikator")


_NAMED_BY_LEAD = ("Indikator", "Titel")


def _within(row: dict, other: dict) -> bool:
    """True when another field already says a measure field under its label ("Täljare: …" within the
    "Teknisk beskrivning" that holds it and its Nämnare). The same words without the label ("Index" within a
    description) are no repeat."""
    text, holder = _plain(row["Uppgift"]), _plain(other["Uppgift"])
    if row is other or not text or text == _plain(EMPTY_FIELD):
        return False
    return f"{_plain(row['Fält'])}: {text}" in holder


def _only_these(row: dict, asked: list[dict]) -> bool:
    """True when a field says nothing but the asked fields and their names ("Teknisk beskrivning: Täljare: …
    Nämnare: …" when both are asked)."""
    rest = _plain(row["Uppgift"])
    if not asked or not rest:
        return False
    for said in asked:
        rest = rest.replace(_plain(said["Uppgift"]), " ")
    names = {w for said in asked for w in words(said["Fält"])}
    return all(w in names for w in words(rest))


def _said_by_another(index: int, indices: list[int], rows: list[dict]) -> bool:
    """True when another of the fields at `indices` says the text of field `index` under its label (two
    fields cannot each say the other so: the holder is the longer)."""
    return any(_within(rows[index], rows[j]) for j in indices)


def _plain(text) -> str:
    return " ".join(str(text or "").split()).strip(" .").lower()


def _asked_columns(question: str, columns: list[str]) -> list[str]:
    """The columns that a word of the question names ("datakällor" names Datakälla)."""
    asked_words = re.findall(r"\w+", fold(question))
    return [
        column
        for column in columns
        if column not in _ROW_NOUNS
        and len(fold(column)) >= 4
        and any(w.startswith(fold(column)[:7]) for w in asked_words)
    ]


def _one_area(rows: list[dict]) -> str:
    """The insatsområde every row belongs to, when there are several rows and they share one."""
    areas = {r.get("Insatsområde") for r in rows}
    return areas.pop() if len(rows) > 1 and len(areas) == 1 and None not in areas else ""


def _says(value) -> bool:
    return bool(str(value or "").strip()) and value != EMPTY_FIELD


def _measure_fields(
    rows: list[dict], stems: set[str], terms: Callable[[str], list[str]] = tokenize, question: str = ""
) -> tuple[list[int], list[int]]:
    """The fields the question names (the answer leads with them), and the others to show: Indicator and
    Titel, then Mått, then the fields it overlaps most."""
    fixed = [i for i, r in enumerate(rows) if r["Fält"] in ("Indikator", "Titel", "Mått")]
    asked = [
        i
        for i, r in enumerate(rows)
        if r["Fält"] in ASKED_FIELD_WORDS and any(s.startswith(w) for s in stems for w in ASKED_FIELD_WORDS[r["Fält"]])
    ]
    scored = sorted(
        (
            (len(set(terms(r["Uppgift"])) & stems), i)
            for i, r in enumerate(rows)
            if i not in fixed and i not in asked and r["Uppgift"] != EMPTY_FIELD
        ),
        reverse=True,
    )
    relevant = [i for score, i in scored if score > 0]
    # An asked field the library leaves empty is said so only when every asked field is empty.
    given = [i for i in asked if rows[i]["Uppgift"] != EMPTY_FIELD]
    about = _field_about(rows, set(terms(question)), terms, fixed)
    if about is not None and about not in given:
        given.append(about)
    return given or asked, sorted(dict.fromkeys(fixed + relevant[: MAX_MEASURE_FIELDS - len(fixed)]))


def _field_about(
    rows: list[dict], question_terms: set[str], terms: Callable[[str], list[str]], fixed: list[int]
) -> int | None:
    """The field that holds most of the question's own words — those that neither name the measure (its
    Indikator, Titel and Mått) nor ask for a field ("varför", "täljare") — when one holds any: what the
    question is about ("så lite vägledning i förbättringsarbetet" is in Felkällor och begränsningar)."""
    named = {t for i in fixed for t in terms(rows[i]["Uppgift"])} | set(terms(" ".join(_ROW_NOUNS) + " måttet"))
    field_words = {w for words in ASKED_FIELD_WORDS.values() for w in words}
    own = {
        t for t in question_terms if t not in named and not any(t.startswith(w) or w.startswith(t) for w in field_words)
    }
    held = [
        (len(own & set(terms(r["Uppgift"]))), -i)
        for i, r in enumerate(rows)
        if i not in fixed and r["Uppgift"] != EMPTY_FIELD
    ]
    best = max(held, default=(0, 0))
    return -best[1] if best[0] > 0 else None


def _render(question: str, result: ToolResult, shown: _Shown, markers: list[int], english: bool) -> str:
    rows = shown.rows
    lead = (result.message + " " if result.message else "") + _lead(result.tool, english)
    if result.tool == "measure":
        if shown.asked:
            lines = [measure_lead(shown.asked, rows, markers[0], english), ""]
            # the lead says the asked fields and names the measure
            rows = [r for r in rows if r not in shown.asked and r["Fält"] not in _NAMED_BY_LEAD]
        else:
            lines = [f"{lead} [{markers[0]}]", ""]
        lines += ["| Fält | Uppgift |", "|---|---|"]
        lines += [f"| {_cell(r['Fält'])} | {_cell(r['Uppgift'])} |" for r in rows]
        return "\n".join(lines)
    if result.tool == "term":
        # The sources name the documents: the answer says each term and what it stands for, one per line.
        lines = [f"- {_cell(r['Begrepp'])}: {_cell(r['Betydelse'])} [{m}]" for r, m in zip(rows, markers)]
        return "\n".join([lead, "", *lines])
    if result.tool == "initiative" and shown.asked:
        lead = initiative_lead(question, rows[0], shown.asked, markers[0], english)
        # The lead says the asked fields of the färdplan's row; unless the table shows more of that row (its
        # goal, for a question the fields do not cover), it shows only what else describes the satsning.
        if all(c in ("Satsning", *shown.asked) for c in shown.columns):
            rows, markers = rows[1:], markers[1:]
        if not rows:
            return lead
    area = _one_area(rows) if result.tool == "initiatives" else ""
    if area:
        if english:
            said = f"The area ”{area}” has {len(rows)} joint initiatives (satsningar) in the färdplan"
            said += " (status derived from the period and today's date):"
        else:
            said = f"Insatsområdet {area} har {len(rows)} länsgemensamma satsningar i färdplanen"
            said += " (status härledd från perioden och dagens datum):"
        lead = (result.message + " " if result.message else "") + said
    columns = [c for c in shown.columns if any(str(r.get(c, "")).strip() for r in rows)]
    if result.tool == "initiatives" and "Period" in columns:  # the lead says the status is read from the period
        rows = [{**r, "Status": status_label(r.get("Status"))} for r in rows]
    lines = [lead, "", "| " + " | ".join(columns) + " | Källa |", "|" + "---|" * (len(columns) + 1)]
    lines += ["| " + " | ".join(_cell(r.get(c, "")) for c in columns) + f" | [{m}] |" for r, m in zip(rows, markers)]
    if len(result.rows) > len(rows) and result.tool != "initiative":
        lines.append(f"\n… och {len(result.rows) - len(rows)} till.")
    return "\n".join(lines)


def _lead(tool: str, english: bool) -> str:
    """The lookup's own lead line ("Ur Sörmlands indikatorbibliotek:"), in the question's language."""
    lookup = LOOKUPS_BY_NAME.get(tool)
    if lookup is None:
        return ""
    return lookup.lead_en if english else lookup.lead


def _cite(citation: Citation, citations: list[Citation]) -> int:
    for index, existing in enumerate(citations, start=1):
        if existing.doc_id == citation.doc_id and existing.text == citation.text:
            return index
    citations.append(citation)
    return len(citations)


def _cell(value) -> str:
    return markdown_cell(value, MAX_CELL)


def _disagreement_note(result: ToolResult, shown: _Shown, markers: list[int]) -> str:
    """Say so when the documents give different periods for a satsning or different dates for a decision."""
    rows = shown.rows
    if result.tool == "decisions":
        return _decision_dates_differ(rows, markers)
    if result.tool == "initiative" and len(rows) > 1 and (not shown.asked or "Period" in shown.asked):
        plan, described = rows[0]["Period"], rows[1]["Period"]
        if plan and described and plan not in described:
            return (
                f"\n\nObs: källorna anger olika perioder – färdplanen {plan} [{markers[0]}], bilagorna "
                f"”{_cell(described)}” [{markers[1]}]. Båda visas."
            )
    return ""


_DECISION_GENERIC = set(
    tokenize("beslut beslutar beslutade besluta godkänna godkänns godkännande godkänd")
    + tokenize("nsv länsstyrgrupp länsstyrgruppen om att i och")
)


def _decision_subject(row: dict) -> set[str]:
    """What a decision is about: the words of its title or first sentence ("godkänna målbilden" → målbild)."""
    subject = re.split(r"[:.]\s", row["Beslut"] + " ", maxsplit=1)[0]
    return set(tokenize(subject)) - _DECISION_GENERIC - set(tokenize(row["Organ"]))


def _decision_dates_differ(rows: list[dict], markers: list[int]) -> str:
    """Two rows of one body about the same thing (their subjects share a word) on different dates."""
    for i, first in enumerate(rows):
        for j in range(i + 1, len(rows)):
            second = rows[j]
            same_thing = _decision_subject(first) & _decision_subject(second)
            if first["Organ"] == second["Organ"] and same_thing and first["Datum"] != second["Datum"]:
                return (
                    f"\n\nObs: källorna anger olika datum för samma beslut av {first['Organ']}: "
                    f"{first['Datum']} [{markers[i]}] och {second['Datum']} [{markers[j]}]. Båda visas."
                )
    return ""
