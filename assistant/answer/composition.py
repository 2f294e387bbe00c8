"""The chosen units written as a short Markdown answer with numbered [n] citations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.citations import passage_citation
from assistant.answer.units import Unit
from assistant.models import Answer, Citation, Passage
from assistant.text.display import markdown_escape

LEAD_SV = "Enligt dokumenten:"
LEAD_EN = "According to the documents (quoted in Swedish):"
# The lead a sentence answer opens with, for the composers that put its lines under a heading of their own.
ANSWER_LEAD = re.compile(rf"^({re.escape(LEAD_SV)}|{re.escape(LEAD_EN)})\s*")


def answer_lead(english: bool) -> str:
    """The words a sentence answer opens with: in English, that it quotes the documents in Swedish. A Swedish
    answer opens with its best sentence: every line is cited, and "Enligt dokumenten:" said nothing more."""
    return LEAD_EN if english else ""


def compose_answer(
    chosen: list[Unit], passages: Sequence[Passage], english: bool, kind: str, join_continued: bool = True
) -> Answer:
    """The chosen units as a short Markdown answer, each line marked [n] with its passage cited. A sentence that
    goes on the line of the sentence said just before it in the document (`Unit.continues`) goes on that answer
    line too, under one marker, as the document writes them: a paragraph is not cut into bullets. Without
    `join_continued`, every unit is a line of its own (a table answer's tail picks whole lines)."""
    citations: list[Citation] = []
    marker_of: dict[int, int] = {}
    lines: list[tuple[str, int, str]] = []
    previous_unit: Unit | None = None
    for unit in chosen:
        passage = passages[unit.passage]
        if unit.passage not in marker_of:
            marker_of[unit.passage] = len(citations)
            citations.append(passage_citation(passage))
        index = marker_of[unit.passage]
        shown = unit.text if not unit.items else unit.text + " " + "; ".join(unit.items)
        previous = citations[index]
        citations[index] = replace(previous, quote=f"{previous.quote} {shown}".strip())
        text = markdown_escape(unit.text)
        items = "\n".join(f"  - {markdown_escape(item)}" for item in unit.items)
        if join_continued and previous_unit is not None and _goes_on(previous_unit, unit):
            line_text, marker, _ = lines[-1]
            lines[-1] = (f"{line_text} {text}", marker, items)
        else:
            lines.append((text, index + 1, items))
        previous_unit = unit
    lead = answer_lead(english)
    first_text, first_marker, first_items = lines[0]
    if first_items and len(lines) > 1:
        # Items under a first line that is no list item would run on into the lines after them as one list
        # ("Svårigheter … är:", its two items, then "- Resultat …" read as a third): every line is then an item,
        # each with its own items under it.
        body = [lead] if lead else []
        rest = lines
    else:
        body = [f"{lead} {first_text} [{first_marker}]".lstrip()]
        if first_items:
            body.append(first_items)
        rest = lines[1:]
    for text, marker, items in rest:
        body.append(f"- {text} [{marker}]")
        if items:
            body.append(items)
    return Answer(
        answer="\n".join(body),
        citations=tuple(citations),
        passages=tuple(passages),
        abstained=False,
        notes=(f"question kind: {kind}",),
    )


def _goes_on(previous: Unit, unit: Unit) -> bool:
    """The unit is the next sentence of the previous one's line in the document, and the previous one has no
    list items that would stand between them."""
    return (
        unit.continues
        and not previous.items
        and unit.passage == previous.passage
        and unit.position == previous.position + 1
    )
