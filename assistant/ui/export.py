"""A conversation as files to take away: Markdown with its sources, the citations as CSV, one answer as text."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence

from assistant.feedback import safe_cell
from assistant.models import Answer, Citation
from assistant.ui.text import inert_addresses
from assistant.ui.turns import ChatTurn

CSV_HEADER = ("fråga nr", "fråga", "källa nr", "dokument", "dokument-id", "avsnitt", "sida", "citerat", "passage")
# What markdown_escape put before punctuation in the answer's text ("\[", "\*", "3\.").
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~$>])")


def sources_of(answer: Answer) -> list[Citation]:
    """The answer's numbered sources: its own citations, then the rows of its table lookups."""
    sources = list(answer.citations)
    for result in answer.tool_calls:
        for citation in result.citations:
            if not any(s.doc_id == citation.doc_id and s.text == citation.text for s in sources):
                sources.append(citation)
    return sources


def answer_text(answer: Answer) -> str:
    """The answer as plain text to copy: its words without Markdown escapes, then its numbered sources."""
    lines = [html.unescape(_ESCAPE.sub(r"\1", answer.answer)).strip()]
    sources = sources_of(answer)
    if sources:
        lines += ["", "Källor:"] + [f"[{n}] {_where(c)}" for n, c in enumerate(sources, start=1)]
    return "\n".join(lines)


def conversation_markdown(turns: Sequence[ChatTurn], title: str = "Samtal med Nära vård-assistenten") -> str:
    """Every question and answer with its sources, as a Markdown file (addresses inert, as in the app)."""
    parts = [f"# {_one_line(title)}", ""]
    for number, turn in enumerate(turns, start=1):
        parts += [f"## Fråga {number}: {_one_line(turn.question)}", ""]
        if turn.answer is None:
            parts += [f"_{turn.error or 'Frågan kunde inte besvaras.'}_", ""]
            continue
        parts += [inert_addresses(turn.answer.answer), ""]
        sources = sources_of(turn.answer)
        if sources:
            parts += ["**Källor**", ""]
            for n, citation in enumerate(sources, start=1):
                parts.append(f"{n}. {inert_addresses(_where(citation))}")
                quote = _one_line(citation.quote or citation.text)
                if quote:
                    parts.append(f"   > {inert_addresses(quote)}")
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def citations_csv(turns: Sequence[ChatTurn]) -> str:
    """One row per source of every answer; cells a spreadsheet would run as a formula are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for number, turn in enumerate(turns, start=1):
        if turn.answer is None:
            continue
        for n, c in enumerate(sources_of(turn.answer), start=1):
            row = (number, turn.question, n, c.title, c.doc_id, c.section, c.page or "", c.quote, c.text)
            writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def _where(citation: Citation) -> str:
    parts = [citation.title]
    if citation.section:
        parts.append(citation.section)
    if citation.page:
        parts.append(f"s. {citation.page}")
    return " · ".join(_one_line(p) for p in parts)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
