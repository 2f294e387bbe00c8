"""Check an LLM's answer against the sources it was given, and turn its [n] markers into citations.

Every [n] must name a given source and an answer that does not abstain must cite at least one;
otherwise the answer is rejected. The text is escaped so nothing in it renders as HTML, an image or
a link; the markers are renumbered 1..m in order of first use, pointing into the citations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.models import Citation
from assistant.text.display import markdown_escape

# [1], [1, 2] and [1][2]; the numbers inside one bracket are split below.
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")


class RejectedAnswer(Exception):
    """The LLM's answer cannot be shown: why, for the log and Answer.notes."""


@dataclass(frozen=True)
class CitedText:
    """An LLM answer made safe to show: escaped Markdown with markers into its citations."""

    text: str
    citations: tuple[Citation, ...]


def cite(text: str, sources: Sequence[Citation]) -> CitedText:
    """The answer with its markers checked against sources and renumbered. Raises RejectedAnswer."""
    text = text.strip()
    if not text:
        raise RejectedAnswer("empty answer")
    pieces = _MARKER.split(text)
    numbers_of = [[int(n) for n in re.split(r"[,;]", group)] for group in pieces[1::2]]
    unknown = sorted({n for group in numbers_of for n in group if not 1 <= n <= len(sources)})
    if unknown:
        raise RejectedAnswer(f"cites sources that were not given: {unknown} (given 1..{len(sources)})")
    if not numbers_of:
        raise RejectedAnswer("answer cites no source")
    order: dict[int, int] = {}
    for group in numbers_of:
        for n in group:
            order.setdefault(n, len(order) + 1)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            out.append(markdown_escape(piece))
        else:
            out.append("".join(f"[{order[n]}]" for n in dict.fromkeys(numbers_of[i // 2])))
    citations = tuple(sources[n - 1] for n in order)
    return CitedText("".join(out).strip(), citations)
