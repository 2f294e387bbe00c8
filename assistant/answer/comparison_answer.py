"""The answers to each side of a question that asks two (two places, two documents) as one answer: a section per
side under its name, the citations numbered through, a side the documents do not answer said so plainly (with what
they say nearest, as its abstention shows it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from assistant.answer.abstention import NEARBY_EN, NEARBY_SV
from assistant.answer.composition import ANSWER_LEAD, answer_lead
from assistant.models import Answer, Citation
from assistant.text.display import markdown_escape

_MARKER = re.compile(r"(\s?)\[(\d+)\]")
SIDE_NOT_ANSWERED_SV = "Här ger dokumenten inget svar på den delen av frågan."
SIDE_NOT_ANSWERED_EN = "Here the documents do not answer that part of the question."


def compose_comparison(labels: Sequence[str], answers: Sequence[Answer], english: bool) -> Answer:
    """One answer from each side's answer (`labels[i]` names the side of `answers[i]`)."""
    citations: list[Citation] = []
    sections = []
    for label, answer in zip(labels, answers, strict=True):
        # A heading of its own (the UI leaves headings, and escapes emphasis a document might carry).
        heading = f"#### {markdown_escape(label)}"
        renumbered = _MARKER.sub(partial(_cite, answer.citations, citations), answer.answer)
        if answer.abstained:
            plain = SIDE_NOT_ANSWERED_EN if english else SIDE_NOT_ANSWERED_SV
            if answer.citations:  # the abstention's nearest sentences (answer/abstention.py), under the side's words
                nearby = NEARBY_EN if english else NEARBY_SV
                plain = f"{plain} {nearby}\n" + renumbered.split("\n", 1)[1]
            sections.append(f"{heading}\n{plain}")
            continue
        # each section has its side's name instead of the lead
        sections.append(f"{heading}\n{ANSWER_LEAD.sub('', renumbered, count=1)}")
    lead = answer_lead(english)
    passages = tuple({p.chunk_id: p for answer in answers for p in answer.passages}.values())
    return Answer(
        answer="\n\n".join(part for part in (lead, *sections) if part),
        citations=tuple(citations),
        passages=passages,
        abstained=False,
        tool_calls=tuple(call for answer in answers for call in answer.tool_calls),
        notes=("comparison: " + " | ".join(labels), *(note for answer in answers for note in answer.notes)),
    )


def _cite(own: Sequence[Citation], citations: list[Citation], match: re.Match[str]) -> str:
    """The marker `match` of a side's answer (pointing into `own`) as a marker among all the `citations` (added
    when new; one passage cited by both sides keeps one number, its quotes joined)."""
    space, marker = match.group(1), int(match.group(2))
    if not 1 <= marker <= len(own):
        return ""  # points at no source of its side: it would point at the other side's
    citation = own[marker - 1]
    for index, known in enumerate(citations):
        if _same_source(known, citation):
            if known.quote and citation.quote and citation.quote not in known.quote:
                citations[index] = replace(known, quote=f"{known.quote} {citation.quote}")
            elif not citation.quote:  # one side cites the whole text: so does the merged citation
                citations[index] = replace(known, quote="")
            return f"{space}[{index + 1}]"
    citations.append(citation)
    return f"{space}[{len(citations)}]"


def _same_source(a: Citation, b: Citation) -> bool:
    if a.chunk_id or b.chunk_id:
        return a.chunk_id == b.chunk_id
    return (a.doc_id, a.section, a.page, a.text) == (b.doc_id, b.section, b.page, b.text)
