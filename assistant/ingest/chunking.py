"""Cut cleaned documents along their structure into passages that each know where they are."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from dataclasses import dataclass

from assistant.ingest.cleaning import CleanDocument
from assistant.ingest.instructions import find_instructions
from assistant.models import Chunk

log = logging.getLogger(__name__)
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)")
_APPENDIX_HEADING = re.compile(r"^Bilaga \d+\b.*$")
MIN_PART_HEADINGS = 3  # a heading a document repeats this often heads one of its like parts
_BODY_HEADING = 2  # the level of a heading recognised by its looks (short, capitalised, no sentence end)
_CAPTION = re.compile(r"^(Tabell|Figur|Diagram|Bild) \d+")
_SENTENCE_END = ".!?:;,"
_SUBTITLE = re.compile(r"^[–—] \S")
# The indicator library writes each measure as "<Indicator> <n>" followed by "Titel …".
_MEASURE_NAME = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ ,/()-]{2,60} \d{1,2}$")
# Followed by "Titel …", a name starts a measure even without a number ("Rehabiliterande").
_MEASURE_NAME_BEFORE_TITLE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ ,/()-]{2,60}$")
_YEAR = re.compile(r"\b20\d\d\b")
_FIELD_LINE = re.compile(r"^[A-ZÅÄÖ][\wåäö /-]{1,30}: \S")
# A heading-like line ends a table group when none of the next lines carries a year (a row's period) or
# starts the next group: a row's utförare wraps onto lines that look like headings.
_ROW_LOOKAHEAD = 5
_MEASURE_TITLE = re.compile(r"^Titel\s")
# The färdplan table groups its rows under numbered insatsområden: "3. Förebyggande …".
_TABLE_GROUP = re.compile(r"^\d\. [A-ZÅÄÖ]")
_TABLE_HEADER = re.compile(r"Mål/Syfte\s+Tid\s+Utförare")
# A table of contents line ("Projektets resurser . . . . . | 8"): it repeats headings, it answers nothing.
_CONTENTS_LINE = re.compile(r"(\.\s?){4,}\s*\|?\s*\d+\s*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
# A table row's period (its Tid cell) opens the line: "2021–2026 Alla kommuner …", "2025-tv", "2024 - 2026".
_ROW_PERIOD = re.compile(r"^(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d|tv))?(?=\s|$)")
# A line that goes on with the cell above it: lower case, or a name split over two lines ("Region" /
# "Sörmland, processleds av …", "Sörmland och länets kommuner").
_CELL_CONTINUATION = re.compile(r"^(?:[a-zåäö]|[A-ZÅÄÖ][\wåäöÅÄÖ]*(?:,|\s(?:och|eller|samt)\s))")
_NAME_CONTINUATION = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ]*(?:,|\s(?:och|eller|samt)\s)")
# A glossary is a table of at least this many lines that each open with a bold term ("<b>LRS</b> – …").
_MIN_TERM_LINES = 3
_MAX_TERM_CHARS = 80


@dataclass
class _Line:
    start: int
    end: int
    text: str
    note: bool = False  # a page's footnote (CleanDocument.notes)
    term: bool = False  # opens with a bold term (CleanDocument.bold)


@dataclass
class _Unit:
    """A piece the packer never cuts: a paragraph, a heading, a measure, a table group."""

    start: int
    end: int
    text: str
    section: str
    is_heading: bool = False
    atomic: bool = False
    aside: bool = False  # a page's footnotes: a passage of their own that the text around it packs across


def chunk_document(document: CleanDocument, chunk_size: int = 1000) -> list[Chunk]:
    """Cut a cleaned document into chunks of about chunk_size characters along its structure."""
    if chunk_size < 200:
        raise ValueError("chunk_size must be at least 200 characters")
    lines = _lines(document)
    lost = _lost_heading_lines(lines, document.info.lost_headings)
    units = _structure_units(lines, markdown=document.info.path.endswith(".md"), lost_headings=lost)
    pieces = _pack(units, chunk_size)
    return [_make_chunk(document, start, end, text, section) for start, end, text, section in pieces]


def _lines(document: CleanDocument) -> list[_Line]:
    lines, offset = [], 0
    for raw in document.text.split("\n"):
        if raw.strip():
            first = offset + len(raw) - len(raw.lstrip())
            note = any(start <= first < end for start, end in document.notes)
            bold = document.bold_at(first)
            term = bold is not None and bold[1] - bold[0] <= _MAX_TERM_CHARS
            lines.append(_Line(offset, offset + len(raw), raw.strip(), note, term))
        offset += len(raw) + 1
    return lines


def _lost_heading_lines(lines: list[_Line], lost_headings: tuple[tuple[str, str], ...]) -> dict[int, str]:
    """Line index -> lost top-level heading: the first line (after the previous heading's) holding its words."""
    found: dict[int, str] = {}
    start = 0
    for words, heading in lost_headings:
        index = next((i for i in range(start, len(lines)) if words in lines[i].text), None)
        if index is None:
            log.warning("Lost heading %r: no line holds %r", heading, words)
            continue
        found[index] = heading
        start = index + 1
    return found


def _structure_units(lines: list[_Line], markdown: bool, lost_headings: dict[int, str] | None = None) -> list[_Unit]:
    units: list[_Unit] = []
    path: list[tuple[int, str]] = []
    index = 0
    in_table = False
    # Each line's heading, read once: the loop, the next line's and the count of recurring headings use it.
    levels = [_heading_level(line.text, markdown, lines[i + 1 : i + 2]) for i, line in enumerate(lines)]
    group = _HeadingGroup(frozenset() if markdown else _recurring_headings(levels))
    subtitles = set() if markdown else _subtitle_lines(lines, levels, group.recurring)
    while index < len(lines):
        line = lines[index]
        if lost_headings and index in lost_headings:
            path = [(1, lost_headings[index])]  # a new part starts here; its heading is not in the text
            in_table = False
        if line.note:  # a page's footnotes: a passage of their own, never part of the text around them
            end = _run_end(lines, index, lambda other: other.note)
            units.append(dataclasses.replace(_joined_unit(lines[index:end], _section(path)), aside=True))
            index = end
            continue
        if _CONTENTS_LINE.search(line.text):
            index += 1
            continue
        if _TABLE_HEADER.search(line.text):
            in_table = True
            index += 1  # a table's column header, not a heading: the rows keep the section they are in
            continue
        heading = levels[index]
        if heading is not None:
            in_table = False  # a heading outside any table group: the table is over
            level, title = heading
            end, after = line.end, index + 1
            if after in subtitles:  # "Utvärdering av ALMA" / "– Akutgeriatriskt mobilt team": one title
                title, end, after = f"{title} {lines[after].text}", lines[after].end, after + 1
            if not markdown:
                next_heading = levels[after] if after < len(levels) else None
                level = group.level_of(level, title, next_heading[1] if next_heading else None)
            path = [(lvl, t) for lvl, t in path if lvl < level]
            if not _heads_contents(lines, index, markdown):  # "Innehåll" over the contents lines is no section
                path.append((level, title))
                units.append(_Unit(line.start, end, title, _section(path), is_heading=True))
            index = after
            continue
        if in_table and _TABLE_GROUP.match(line.text):
            end = _table_group_end(lines, index)
            units.extend(_table_rows(lines[index:end], _section(path + [(9, line.text[:80])])))
            index = end
            continue
        if line.term:
            end = _run_end(lines, index, lambda other: other.term)
            if end - index >= _MIN_TERM_LINES:  # a glossary: each term and its definition a passage
                units.extend(_joined_unit([term], _section(path)) for term in lines[index:end])
                index = end
                continue
        block_end = _atomic_block_end(lines, index)
        if block_end is not None:
            block = lines[index:block_end]
            section = _section(path + [(9, block[0].text[:80])])  # the measure's name
            text = "\n".join(b.text for b in block)
            units.append(_Unit(block[0].start, block[-1].end, text, section, atomic=True))
            index = block_end
            continue
        units.append(_Unit(line.start, line.end, line.text, _section(path)))
        index += 1
    return units


@dataclasses.dataclass
class _HeadingGroup:
    """Headings of a plain-text document that nest without saying so. A document of like parts (the
    abstracts of an appendix, each with its "Bakgrund", "Syfte", "Tidplan") repeats the parts' headings; a
    heading followed at once by one of those is the title of a part ("Personcentrerad egenmonitorering"),
    and the repeated headings after it are one level below it, until a heading that is not one of them, a
    top-level heading, or one met again in the part (its "Bakgrund" again: a part whose title was not found).
    """

    recurring: frozenset[str]
    title: str = ""
    seen: set[str] = dataclasses.field(default_factory=set)

    def level_of(self, level: int, title: str, next_heading: str | None) -> int:
        if level != _BODY_HEADING:
            self.title = ""
            return level
        if title not in self.recurring:
            opens = next_heading is not None and next_heading in self.recurring
            self.title, self.seen = (title, set()) if opens else ("", set())
            return level
        if not self.title or title in self.seen:
            self.title = ""
            return level
        self.seen.add(title)
        return level + 1


def _subtitle_lines(lines: list[_Line], levels: list[tuple[int, str] | None], recurring: frozenset[str]) -> set[int]:
    """The lines that finish the heading on the line above them: a short line opening with a dash under a body
    heading that is not one of the document's recurring part headings
    ("Egenvård under korttidsvistelse inom LSS" / "– Barn och unga under 18 år"), not one of a run of dashed
    list lines."""
    found = set()
    for index in range(1, len(lines)):
        heading, text = levels[index - 1], lines[index].text
        if heading is None or heading[0] != _BODY_HEADING or heading[1] in recurring or not _SUBTITLE.match(text):
            continue
        if len(text) > 70 or text[-1] in _SENTENCE_END:
            continue
        if index + 1 < len(lines) and _SUBTITLE.match(lines[index + 1].text):
            continue  # "– Samverkanssystem" / "– Journal, …": a list
        found.add(index)
    return found


def _recurring_headings(levels: list[tuple[int, str] | None]) -> frozenset[str]:
    """The body headings a document repeats (MIN_PART_HEADINGS times or more), from each line's heading
    (_heading_level): the headings of its like parts."""
    counts: dict[str, int] = {}
    for heading in levels:
        if heading is not None and heading[0] == _BODY_HEADING:
            counts[heading[1]] = counts.get(heading[1], 0) + 1
    return frozenset(title for title, count in counts.items() if count >= MIN_PART_HEADINGS)


def _run_end(lines: list[_Line], index: int, belongs) -> int:
    end = index
    while end < len(lines) and belongs(lines[end]):
        end += 1
    return end


def _joined_unit(block: list[_Line], section: str) -> _Unit:
    return _Unit(block[0].start, block[-1].end, "\n".join(b.text for b in block), section, atomic=True)


def _heads_contents(lines: list[_Line], index: int, markdown: bool) -> bool:
    """True for a heading followed only by table of contents lines, up to the next heading."""
    cursor = index + 1
    while cursor < len(lines) and _CONTENTS_LINE.search(lines[cursor].text):
        cursor += 1
    if cursor == index + 1:
        return False
    return (
        cursor == len(lines) or _heading_level(lines[cursor].text, markdown, lines[cursor + 1 : cursor + 2]) is not None
    )


def _heading_level(text: str, markdown: bool, following: list[_Line]) -> tuple[int, str] | None:
    match = _MARKDOWN_HEADING.match(text)
    if match:
        return len(match.group(1)), match.group(2).strip("* ")
    if markdown:
        return None
    if _APPENDIX_HEADING.match(text) and len(text) <= 120:
        return 1, text
    looks_like_heading = (
        " | " not in text  # a table row
        and not _FIELD_LINE.match(text)  # "Tidsperiod: april - september" is a field, not a heading
        and len(text) <= 70
        and len(text.split()) <= 9
        and text[0].isupper()
        and text[-1] not in _SENTENCE_END
        and not _MEASURE_NAME.match(text)
        and not _MEASURE_TITLE.match(text)
        and not _CAPTION.match(text)
        and bool(following)
        and not _MEASURE_TITLE.match(following[0].text)
    )
    return (_BODY_HEADING, text) if looks_like_heading else None


def _is_measure_start(lines: list[_Line], index: int) -> bool:
    return (
        index + 1 < len(lines)
        and _MEASURE_NAME_BEFORE_TITLE.match(lines[index].text) is not None
        and _MEASURE_TITLE.match(lines[index + 1].text) is not None
    )


def _atomic_block_end(lines: list[_Line], index: int) -> int | None:
    """End (exclusive) of a measure starting at index, else None."""
    if _is_measure_start(lines, index):
        end = index + 2
        while end < len(lines) and not _is_measure_start(lines, end) and not _ends_measures(lines[end].text):
            end += 1
        return end
    return None


def _table_group_end(lines: list[_Line], index: int) -> int:
    """End (exclusive) of the table group whose numbered line is at index; its footnotes stay inside."""
    end = index + 1
    while end < len(lines) and not _TABLE_GROUP.match(lines[end].text):
        if lines[end].note:
            end += 1
            continue
        if _TABLE_HEADER.search(lines[end].text) or _MARKDOWN_HEADING.match(lines[end].text):
            break
        if _leaves_the_table(lines, end):
            break
        end += 1
    return end


def _table_rows(group: list[_Line], section: str) -> list[_Unit]:
    """A table group's rows, each a passage (the group's own line opens the first), its footnotes apart.

    A row ends with its last cell, Utförare: the cell after the period that opens a line ("2024-tv Alla
    kommuner och Region"), or the line after a period standing alone, and the lines that go on with it
    ("Sörmland, processleds av …"). A row without a period ends where a name split over two lines does.
    """
    body = [line for line in group if not line.note]
    units, start, index = [], 0, 1
    while index < len(body):
        period = _ROW_PERIOD.match(body[index].text)
        name_goes_on = index > start and _ends_cell(body[index - 1].text, body[index].text, _NAME_CONTINUATION)
        if period is None and not name_goes_on:
            index += 1
            continue
        end = index + 1
        if period is not None and not body[index].text[period.end() :].strip() and end < len(body):
            end += 1  # the period stands alone; the row's last cell is the next line
        while end < len(body) and _ends_cell(body[end - 1].text, body[end].text, _CELL_CONTINUATION):
            end += 1
        units.append(_joined_unit(body[start:end], section))
        start = index = end
    if start < len(body):
        units.append(_joined_unit(body[start:], section))
    notes = [line for line in group if line.note]
    units.extend(_joined_unit([note], section) for note in notes)
    return sorted(units, key=lambda unit: unit.start)


def _ends_cell(previous: str, line: str, continuation: re.Pattern[str]) -> bool:
    return previous[-1] not in ".!?" and continuation.match(line) is not None


def _leaves_the_table(lines: list[_Line], index: int) -> bool:
    """A heading-like line with no row period (a year) in the lines after it starts prose again."""
    if _heading_level(lines[index].text, False, lines[index + 1 : index + 2]) is None:
        return False
    ahead = lines[index + 1 : index + 1 + _ROW_LOOKAHEAD]
    return not any(_YEAR.search(line.text) or _TABLE_GROUP.match(line.text) for line in ahead)


def _ends_measures(text: str) -> bool:
    return text.startswith(("Målområde ", "Bilaga ")) or _MARKDOWN_HEADING.match(text) is not None


def _section(path: list[tuple[int, str]]) -> str:
    return " › ".join(title for _, title in path)


def _pack(units: list[_Unit], chunk_size: int) -> list[tuple[int, int, str, str]]:
    """Pack units into chunks: atomic units alone, small sections merged, long paragraphs split."""
    pieces: list[tuple[int, int, str, str]] = []
    current: list[_Unit] = []

    def flush() -> None:
        if current and not all(u.is_heading for u in current):
            body = [u for u in current if not u.is_heading] or current
            section = body[0].section
            text = "\n".join(u.text for u in current)
            pieces.append((current[0].start, current[-1].end, text, section))
        current.clear()

    size = 0
    for unit in units:
        if unit.aside:
            pieces.append((unit.start, unit.end, unit.text, unit.section))
            continue
        if unit.atomic:
            flush()
            size = 0
            pieces.append((unit.start, unit.end, unit.text, unit.section))
            continue
        long_enough = size >= chunk_size * 0.4
        if current and (size + len(unit.text) > chunk_size or (unit.is_heading and long_enough)):
            heading_tail = [u for u in current if u.is_heading and u is current[-1]]
            if heading_tail:
                current.pop()
            flush()
            current.extend(heading_tail)
            size = sum(len(u.text) for u in current)
        for part in _split_long(unit, chunk_size):
            if current and size + len(part.text) > chunk_size:
                flush()
                size = 0
            current.append(part)
            size += len(part.text) + 1
    flush()
    return sorted(pieces, key=lambda piece: piece[0])


def _split_long(unit: _Unit, chunk_size: int) -> list[_Unit]:
    if len(unit.text) <= chunk_size * 1.3:
        return [unit]
    parts, offset, buffer, buffer_start = [], 0, "", 0
    for sentence in _pieces_of(unit.text, chunk_size):
        position = unit.text.find(sentence, offset)
        offset = position + len(sentence)
        if buffer and len(buffer) + len(sentence) > chunk_size:
            parts.append(_Unit(unit.start + buffer_start, unit.start + position, buffer.strip(), unit.section))
            buffer, buffer_start = "", position
        buffer += sentence + " "
    if buffer.strip():
        parts.append(_Unit(unit.start + buffer_start, unit.end, buffer.strip(), unit.section))
    return parts


def _pieces_of(text: str, chunk_size: int) -> list[str]:
    """Sentences, and any sentence longer than a chunk cut at spaces."""
    pieces = []
    for sentence in _SENTENCE_SPLIT.split(text):
        while len(sentence) > chunk_size:
            cut = sentence.rfind(" ", 0, chunk_size)
            cut = cut if cut > chunk_size // 2 else chunk_size
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        pieces.append(sentence)
    return pieces


def _make_chunk(document: CleanDocument, start: int, end: int, text: str, section: str) -> Chunk:
    info = document.info
    digest = hashlib.sha1(f"{info.doc_id}:{start}:{text}".encode()).hexdigest()[:16]
    return Chunk(
        chunk_id=f"{info.doc_id}:{digest}",
        doc_id=info.doc_id,
        title=info.title,
        section=section,
        text=text,
        start=start,
        end=end,
        page=document.page_at(start),
        kind=info.kind,
        year=info.year,
        instructions=find_instructions(text),
    )
