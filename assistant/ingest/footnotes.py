"""Footnotes at the foot of a page: kept out of the sentence a page break interrupts, and marked.

PDF text puts a page's footnotes between its last line and the next page's first, often in mid-sentence:
"Det finns därmed en" / "35 En region redovisar …" / "36 Notera att …" / " väsentlig skillnad …". A page's
footnote block starts at a paragraph that opens with a footnote number and a capital letter ("35 En",
"2Socialstyrelsens", "31'Se") and runs to the end of the page, its URL lines included. When the next page
goes on with the interrupted sentence (it starts in lower case) the block is moved after the sentence
that page finishes; either way its
span is returned, so that the chunker makes the notes passages of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.ingest.mapped_text import MappedText
from assistant.ingest.pages import line_spans, pages_of_lines

# A footnote's number, stuck to its first word or a space (or an OCR apostrophe) before it: not "1. Mål".
_NOTE_START = re.compile(r"^\d{1,3}['’]?\s?[A-ZÅÄÖ]")
_SENTENCE_END = re.compile(r"[.!?:;]$")
# How far into the next page the interrupted sentence may run before the notes are left where they are.
_MAX_CONTINUATION_LINES = 12


@dataclass(frozen=True)
class _Move:
    cut_from: int  # after the page body's last line (its newline kept)
    cut_to: int  # the next page's first character
    note_start: int
    note_end: int
    insert_at: int  # the end of the line that finishes the interrupted sentence


@dataclass(frozen=True)
class _Block:
    body_end: int  # end of the page body's last line
    note_start: int
    note_end: int
    page_end: int  # the next page's first character
    first_note_line: int  # index (into the lines) of the block's first line


def separate_page_footnotes(
    mapped: MappedText, page_starts: tuple[int, ...]
) -> tuple[MappedText, tuple[tuple[int, int], ...]]:
    """The text with each page's footnotes out of the interrupted sentence, and the notes' original spans."""
    if len(page_starts) < 2:
        return mapped, ()
    text = mapped.text
    lines = list(line_spans(text))
    pages = pages_of_lines(lines, mapped, page_starts)
    blocks = {page: block for page in sorted(set(pages)) if (block := _footnote_block(text, lines, pages, page))}
    moves = []
    for page, block in blocks.items():
        if not text[block.page_end : block.page_end + 2].strip()[:1].islower():
            continue  # the next page starts a sentence (or a table row) of its own: the notes stay between
        insert_at = _end_of_continued_sentence(text, lines, pages, page + 1, blocks.get(page + 1))
        if insert_at is not None:
            moves.append(_Move(block.body_end + 1, block.page_end, block.note_start, block.note_end, insert_at))
    spans = tuple(
        (mapped.original_offset(b.note_start), mapped.original_offset(b.note_end - 1) + 1) for b in blocks.values()
    )
    return _apply_moves(mapped, moves), spans


def _footnote_block(text: str, lines, pages: list[int], page: int) -> _Block | None:
    indexes = [i for i, p in enumerate(pages) if p == page]
    nonblank = [i for i in indexes if text[lines[i][0] : lines[i][1]].strip()]
    for position, index in enumerate(nonblank[1:], start=1):
        previous = nonblank[position - 1]
        starts_paragraph = previous < index - 1  # a blank line before it
        if starts_paragraph and _NOTE_START.match(text[lines[index][0] : lines[index][1]].strip()):
            last = nonblank[-1]
            page_end = lines[indexes[-1]][1] + 1 if indexes[-1] + 1 < len(lines) else len(text)
            return _Block(lines[previous][1], lines[index][0], lines[last][1], min(page_end, len(text)), index)
    return None


def _end_of_continued_sentence(text: str, lines, pages: list[int], page: int, own_block: _Block | None) -> int | None:
    """End of the first line of `page` that ends a sentence, before that page's own footnotes."""
    stop = own_block.first_note_line if own_block else len(lines)
    candidates = [i for i, p in enumerate(pages) if p == page and i < stop]
    nonblank = [i for i in candidates if text[lines[i][0] : lines[i][1]].strip()]
    for index in nonblank[:_MAX_CONTINUATION_LINES]:
        if _SENTENCE_END.search(text[lines[index][0] : lines[index][1]].rstrip()):
            return lines[index][1]
    return None


def _apply_moves(mapped: MappedText, moves: list[_Move]) -> MappedText:
    if not moves:
        return mapped
    pieces: list[str] = []
    origins: list[np.ndarray] = []

    def take(start: int, end: int) -> None:
        pieces.append(mapped.text[start:end])
        origins.append(mapped.origin[start:end])

    cursor = 0
    for move in moves:
        take(cursor, move.cut_from)
        take(move.cut_to, move.insert_at)
        pieces.append("\n\n")
        origins.append(np.full(2, mapped.origin[move.note_start], dtype=np.int64))
        take(move.note_start, move.note_end)
        cursor = move.insert_at
    take(cursor, len(mapped.text))
    return MappedText("".join(pieces), np.concatenate(origins))


def note_mask(origin: np.ndarray, spans: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Per character of a cleaned text: True when it comes from one of the notes' original spans."""
    mask = np.zeros(len(origin), dtype=bool)
    for start, end in spans:
        mask |= (origin >= start) & (origin < end)
    return mask
