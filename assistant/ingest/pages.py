"""Lines of a text and the page each of them is on."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from assistant.ingest.mapped_text import MappedText


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, the newline excluded; blank lines included."""
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def pages_of_lines(lines: list[tuple[int, int]], mapped: MappedText, page_starts: tuple[int, ...]) -> list[int]:
    """The 1-based page of each line (page_starts are offsets of the original text); 1 without pages."""
    if not page_starts:
        return [1] * len(lines)
    return [bisect.bisect_right(page_starts, mapped.original_offset(start)) for start, _ in lines]


def crosses_page(mapped: MappedText, start: int, end: int, page_starts: tuple[int, ...]) -> bool:
    """True when the text from `start` to `end` (offsets of `mapped`) runs from one page onto another."""
    if not page_starts or start >= end:
        return False
    first, last = mapped.original_offset(start), mapped.original_offset(end)
    return bisect.bisect_right(page_starts, first) != bisect.bisect_right(page_starts, last)
