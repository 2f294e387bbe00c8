"""The non-blank lines of a text with their offsets, for parsers that read text line by line."""

from __future__ import annotations


def nonblank_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of every line that is not blank; start/end are offsets of the raw line."""
    lines, offset = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((offset, offset + len(raw), raw.strip()))
        offset += len(raw) + 1
    return lines
