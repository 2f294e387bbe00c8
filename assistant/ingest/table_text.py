"""Put back two-column tables that PDF extraction flattened into alternating lines.

Socialstyrelsen's "Tabell 1. 12 kärnindikatorer" came out as a caption, two header lines
("Indikator", "Nyckelord (mål)") and then name and keyword lines taking turns. The rows are rejoined
as "name | keywords" so the text users see and the index holds reads as the table it was.
"""

from __future__ import annotations

import re

from assistant.ingest.mapped_text import MappedText
from assistant.text.lines import nonblank_lines

_CAPTION = re.compile(r"^Tabell \d+\.")
_MAX_HEADER = 30
_MAX_ITEM_WORDS = 3
_MIN_ROWS = 3
ROW_SEPARATOR = " | "


def rejoin_alternating_tables(mapped: MappedText) -> MappedText:
    """Join each name line with its keyword-list line below a captioned two-line header."""
    lines = nonblank_lines(mapped.text)
    edits = []
    index = 0
    while index < len(lines):
        if not _CAPTION.match(lines[index][2]):
            index += 1
            continue
        header = _header_after(lines, index)
        if header is None:
            index += 1
            continue
        rows = _alternating_rows(lines, header + 2)
        if len(rows) < _MIN_ROWS:
            index += 1
            continue
        for first, second in [(header, header + 1), *rows]:
            edits.append((lines[first][1], lines[second][0], ROW_SEPARATOR))
        index = rows[-1][1] + 1
    return mapped.replace_spans(edits) if edits else mapped


def _header_after(lines, caption: int) -> int | None:
    """Index of the first of two short header lines within two lines after the caption."""
    for start in range(caption + 1, min(caption + 3, len(lines) - 1)):
        first, second = lines[start][2], lines[start + 1][2]
        if len(first) <= _MAX_HEADER and len(second) <= _MAX_HEADER and not first.endswith("."):
            return start
    return None


def _alternating_rows(lines, start: int) -> list[tuple[int, int]]:
    rows = []
    cursor = start
    while cursor + 1 < len(lines) and _is_keyword_list(lines[cursor + 1][2]):
        rows.append((cursor, cursor + 1))
        cursor += 2
    return rows


def _is_keyword_list(text: str) -> bool:
    items = [item.strip() for item in text.split(",")]
    return not text.endswith(".") and all(
        item and item[0].isupper() and len(item.split()) <= _MAX_ITEM_WORDS for item in items
    )
