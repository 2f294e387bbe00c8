"""Tables the Markdown conversion kept as pipe rows ("a | b | c"), with their caption and header."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPTION = re.compile(r"^Tabell \d+\.\s*(?P<title>.+)$")


@dataclass(frozen=True)
class PipeRow:
    caption: str
    header: tuple[str, ...]
    cells: tuple[str, ...]
    start: int
    end: int


def pipe_rows(text: str) -> list[PipeRow]:
    """Rows of every captioned pipe table; a row starting with "|" continues the row above's first cell."""
    rows: list[PipeRow] = []
    caption, header = "", ()
    offset = 0
    for raw in text.split("\n"):
        line = raw.strip()
        start, end = offset, offset + len(raw)
        offset += len(raw) + 1
        match = _CAPTION.match(line)
        if match:
            caption, header = match.group("title").strip(), ()
            continue
        if "|" not in line or not caption:
            if line and not line.startswith("Tabell"):
                caption, header = ("", ()) if header else (caption, header)
            continue
        cells = tuple(_clean(cell) for cell in line.split("|"))
        if not header:
            header = cells
            continue
        if not cells[0] and rows and rows[-1].caption == caption:
            cells = (rows[-1].cells[0],) + cells[1:]
        rows.append(PipeRow(caption, header, cells, start, end))
    return rows


def _clean(cell: str) -> str:
    return re.sub(r"</?[bi]>", "", cell).strip()
