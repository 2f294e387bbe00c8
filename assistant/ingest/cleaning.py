"""Normalise extracted text: spaces, hyphens, wrapped lines, page furniture, footnote digits."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from assistant.ingest.control_chars import remove_control
from assistant.ingest.footnotes import note_mask, separate_page_footnotes
from assistant.ingest.mapped_text import MappedText
from assistant.ingest.pages import crosses_page, line_spans, pages_of_lines
from assistant.ingest.table_text import rejoin_alternating_tables
from assistant.models import Document, DocumentInfo

_SPACE_LIKE = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_UNICODE_HYPHEN = re.compile(r"[\u2010\u2011]")
_PRIVATE_BULLET = re.compile(r"[\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u25aa\u25cf\u2022\u00b7]")
_COMBINING = re.compile(r".[\u0300-\u036f]+")
# Inline HTML a source sets words in ("<b>LRS</b> – …"): the tags go, the words stay (as on screen, see
# text/display.py); which words were bold is kept apart (CleanDocument.bold): a glossary's terms are bold.
_INLINE_TAG = re.compile(r"</?(?:b|strong|i|em|u|span|sup|sub)\s*>", re.IGNORECASE)
_BOLD = re.compile(r"<(b|strong)\s*>([^<\n]{1,200})</\1\s*>", re.IGNORECASE)
_MARKDOWN_EMPHASIS = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*|(?<![\w*])\*(?=\w)|(?<=\w)\*(?![\w*])")
_FOOTNOTE_AFTER_WORD = re.compile(r"(?<=[a-zåäöé]{3})[1-9](?=[ \t]*(?:$|[\n,.;:)]|\s+[A-ZÅÄÖa-zåäö]))")
_FOOTNOTE_AFTER_PAREN = re.compile(r"(?<=[A-ZÅÄÖ]\))[1-9](?=[\s,.;:])")
_HYPHEN_AT_LINE_END = re.compile(r"(?<=[a-zåäöé])-[ \t]*\n[ \t\n]*(?=([a-zåäöé]+))")
_HORIZONTAL_SPACE = re.compile(r"[ \t]+")
_LINE_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")
_BULLET_START = re.compile(r"^(?:•|-\s|–\s|\d+[.)]\s|[a-z][.)]\s|#)")
# Words that keep their hyphen at a line end: "hälso-\noch sjukvård" stays "hälso- och sjukvård".
_HYPHEN_KEEPERS = {"och", "eller", "samt", "respektive", "som", "till", "men"}
# A line ending in one of these words continues on the next line even if that starts in upper case.
_CONTINUING_WORDS = {
    "och",
    "att",
    "i",
    "av",
    "för",
    "med",
    "till",
    "som",
    "på",
    "om",
    "de",
    "den",
    "det",
    "en",
    "ett",
    "eller",
    "samt",
    "från",
    "inom",
    "vid",
    "mellan",
    "under",
    "är",
    "ska",
    "har",
}
_SENTENCE_END = ".!?:;"


@dataclass(frozen=True)
class CleanDocument:
    """A cleaned document with a map from each cleaned character back to the raw text."""

    info: DocumentInfo
    text: str
    origin: object = field(repr=False)
    raw_text: str = field(repr=False, default="")
    page_starts: tuple[int, ...] = ()
    # Spans of the cleaned text that are a page's footnotes (see footnotes.py), in reading order.
    notes: tuple[tuple[int, int], ...] = ()
    # Spans of the cleaned text the source set in bold (<b>…</b>, its tags removed), in order.
    bold: tuple[tuple[int, int], ...] = ()

    def page_at(self, clean_offset: int) -> int | None:
        """The 1-based page of a cleaned offset, when the source has pages."""
        if not self.page_starts:
            return None
        index = min(max(clean_offset, 0), len(self.origin) - 1)
        return bisect.bisect_right(self.page_starts, int(self.origin[index]))

    def bold_at(self, clean_offset: int) -> tuple[int, int] | None:
        """The bold span that starts at a cleaned offset, if one does."""
        index = bisect.bisect_left(self.bold, (clean_offset, -1))
        if index < len(self.bold) and self.bold[index][0] == clean_offset:
            return self.bold[index]
        return None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the raw text a cleaned span came from."""
        mapped = MappedText(self.text, self.origin)
        return mapped.original_offset(start), mapped.original_offset(max(end - 1, start)) + 1


def clean_document(document: Document, repair=None) -> CleanDocument:
    """Clean a document; `repair(text) -> [(start, end, new)]` fixes OCR damage when given."""
    mapped = normalize_characters(MappedText.of(document.text))
    bold_origins = tuple((m.start(2), m.end(2)) for m in _BOLD.finditer(document.text))
    mapped = mapped.sub(_INLINE_TAG, "")
    mapped = remove_page_furniture(mapped, document)
    mapped, note_origins = separate_page_footnotes(mapped, document.page_starts)
    mapped = remove_footnote_digits(mapped)
    mapped = mapped.sub(_MARKDOWN_EMPHASIS, "")
    mapped = join_hyphenated_words(mapped)
    mapped = mapped.sub(_HORIZONTAL_SPACE, lambda m: " | " if "\t" in m.group(0) else " ")
    mapped = unwrap_lines(mapped, document.page_starts)
    if repair is not None:
        mapped = mapped.replace_spans(repair(mapped.text))
    mapped = mapped.sub(r"^ +| +$", "", re.MULTILINE)
    mapped = rejoin_alternating_tables(mapped)
    return CleanDocument(
        info=document.info,
        text=mapped.text,
        origin=mapped.origin,
        raw_text=document.text,
        page_starts=document.page_starts,
        notes=_runs(note_mask(mapped.origin, note_origins)),
        bold=_runs(note_mask(mapped.origin, bold_origins)),
    )


def _runs(mask: np.ndarray) -> tuple[tuple[int, int], ...]:
    """(start, end) of each run of True in a mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return tuple((int(start), int(end)) for start, end in zip(edges[::2], edges[1::2], strict=True))


def clean_text(text: str) -> str:
    """Clean a loose piece of text (a passage shown to a user, a question)."""
    document = Document(info=DocumentInfo(doc_id="-", title="-", path="-"), text=text)
    return clean_document(document).text


def normalize_characters(mapped: MappedText) -> MappedText:
    """No escape sequences or control characters; NFC, no-break and odd spaces to spaces, soft hyphens and
    zero-width marks removed."""
    mapped = remove_control(mapped)
    mapped = mapped.sub(_COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
    mapped = mapped.sub(_SPACE_LIKE, " ")
    mapped = mapped.sub(_INVISIBLE, "")
    mapped = mapped.sub(_UNICODE_HYPHEN, "-")
    mapped = mapped.sub(r"\r\n?", "\n")
    mapped = mapped.sub(r"\f", "\n")
    return mapped.sub(_PRIVATE_BULLET, "•")


def remove_page_furniture(mapped: MappedText, document: Document) -> MappedText:
    """Drop running page headers (all but their first use) and bare page numbers."""
    lines = list(line_spans(mapped.text))
    page_of_line = pages_of_lines(lines, mapped, document.page_starts)
    first_lines = Counter()
    seen_pages = set()
    for (start, end), page in zip(lines, page_of_line):
        text = mapped.text[start:end].strip()
        if text and page not in seen_pages:
            seen_pages.add(page)
            first_lines[text] += 1
    headers = {text for text, count in first_lines.items() if count >= 3 and not text.isdigit()}
    page_number_shift = _page_number_shift(lines, page_of_line, mapped.text)
    edits, seen_headers = [], set()
    for index, ((start, end), page) in enumerate(zip(lines, page_of_line)):
        text = mapped.text[start:end].strip()
        if text in headers:
            if text in seen_headers:
                edits.append((start, min(end + 1, len(mapped.text)), ""))
            seen_headers.add(text)
        elif _is_page_number(text, page, page_number_shift, _neighbours(lines, index, mapped.text)):
            edits.append((start, min(end + 1, len(mapped.text)), ""))
    return mapped.replace_spans(edits)


def _is_page_number(text: str, page: int, shift: int | None, neighbours: list[str]) -> bool:
    if not (text.isdigit() and len(text) <= 3):
        return False
    if shift is not None and abs(int(text) - (page - shift)) <= 1:
        return True
    # Figure pages shift the printed numbers; a number alone between prose lines is still one.
    return all(re.search(r"[^\W\d]{4,}", line) for line in neighbours)


def _neighbours(lines, index: int, text: str) -> list[str]:
    found = []
    for step in (-1, 1):
        cursor = index + step
        while 0 <= cursor < len(lines):
            line = text[lines[cursor][0] : lines[cursor][1]].strip()
            if line:
                found.append(line)
                break
            cursor += step
    return found


def _page_number_shift(lines, page_of_line, text: str) -> int | None:
    """The usual difference between page index and printed page number, if numbers are printed."""
    shifts = Counter()
    for (start, end), page in zip(lines, page_of_line):
        value = text[start:end].strip()
        if value.isdigit() and len(value) <= 3:
            shifts[page - int(value)] += 1
    if not shifts:
        return None
    shift, count = shifts.most_common(1)[0]
    return shift if count >= 3 else None


def remove_footnote_digits(mapped: MappedText) -> MappedText:
    """Remove footnote digits stuck to a word ("satsning3") or an abbreviation ("(SKR)1")."""
    mapped = mapped.sub(_FOOTNOTE_AFTER_WORD, "", re.MULTILINE)
    return mapped.sub(_FOOTNOTE_AFTER_PAREN, "")


def join_hyphenated_words(mapped: MappedText) -> MappedText:
    """Join words hyphenated across a line break, keeping "hälso- och" style hyphens."""

    def join(match: re.Match[str]) -> str:
        return "- " if match.group(1) in _HYPHEN_KEEPERS else ""

    return mapped.sub(_HYPHEN_AT_LINE_END, join)


def unwrap_lines(mapped: MappedText, page_starts: tuple[int, ...] = ()) -> MappedText:
    """Join lines wrapped mid-sentence; keep headings, bullets, table rows and paragraph ends."""
    text = mapped.text

    def decide(match: re.Match[str]) -> str:
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        after_end = text.find("\n", match.end())
        after = text[match.end() : after_end if after_end >= 0 else len(text)]
        new_page = crosses_page(mapped, max(match.start() - 1, 0), min(match.end(), len(text) - 1), page_starts)
        return " " if _continues(before, after, new_page) else "\n"

    return mapped.sub(_LINE_BREAKS, decide)


def _continues(before: str, after: str, new_page: bool = False) -> bool:
    before, after = before.strip(), after.strip()
    if not before or not after or before.startswith("#") or "|" in before or "|" in after:
        return False
    if _BULLET_START.match(after) or before[-1] in _SENTENCE_END:
        return False
    if after[0].islower() or after[0] == "(":
        return True
    last_word = before.rsplit(" ", 1)[-1].lower()
    # A comma then a capital letter joins lines within a page ("Region Sörmland,\nKatrineholms kommun"), but
    # a page's first line after a comma as often opens the next row of a table running over the pages (the
    # row above ends in "… regionalt stöd,"): across a page only a continuing word joins it to the line before.
    return (before.endswith(",") and not new_page) or last_word in _CONTINUING_WORDS
