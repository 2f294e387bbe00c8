"""Parse the Sörmland indicator library (bilagor, "Bilaga 1"): one row per measure with every field."""

from __future__ import annotations

import re

from assistant.ingest.cleaning import CleanDocument
from assistant.tables.extract.records import SourceLocator, TableRow
from assistant.tables.measure_fields import WRITTEN_FIELDS
from assistant.text.lines import nonblank_lines

# Longest label first, so "Datakällans status" wins over "Datakälla" (a stray space can end a label early).
_BY_LENGTH = sorted(WRITTEN_FIELDS, key=lambda f: len(f.written_as.replace(" ", "")), reverse=True)
# A label's letters in order, a stray space allowed anywhere ("Om redovisningsni våer och fördelningar").
_LABEL_PATTERNS = tuple(
    (re.compile(r"^" + r"\s?".join(re.escape(ch) for ch in f.written_as.replace(" ", "")) + r"(?=\s|$)"), f.key)
    for f in _BY_LENGTH
)
_MEASURE_NAME = re.compile(r"^(?P<indicator>[A-ZÅÄÖ][\wåäöÅÄÖ ,/()-]{2,60}?)(?: (?P<number>\d{1,2}))?$")
_TARGET_AREA = re.compile(r"^Målområde (?P<name>[A-ZÅÄÖ].{2,60})$")
_ENDS_LIBRARY = re.compile(r"^(Bilaga \d|#)")
_FOOTER = re.compile(r"@|www\.\S+\.se,")
_NUMERATOR = re.compile(r"Täljare:\s*(?P<text>.+?)(?=\s*Nämnare:|\n|$)", re.S)
_DENOMINATOR = re.compile(r"Nämnare:\s*(?P<text>[^\n]+)")


def parse_indicator_library(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """Every measure ("<Indikator> <n>" + "Titel …" … "Kommentar …") of a document, in order."""
    lines = nonblank_lines(document.text)
    rows: list[TableRow] = []
    target_area = ""
    index = 0
    while index < len(lines):
        start, end, text = lines[index]
        area = _TARGET_AREA.match(text)
        if area:
            target_area = area.group("name").strip()
        if not _is_measure_start(lines, index):
            index += 1
            continue
        block_end = index + 1
        while block_end < len(lines) and not _ends_measure(lines, block_end):
            block_end += 1
        name = _MEASURE_NAME.match(text)
        fields = _fields(lines[index + 1 : block_end])
        fields.update(
            malomrade=target_area,
            indikator=name.group("indicator").strip(),
            nummer=int(name.group("number")) if name.group("number") else None,
        )
        fields["taljare"], fields["namnare"] = _numerator_denominator(fields.get("teknisk_beskrivning", ""))
        source = locator.span(document.info.doc_id, start, lines[block_end - 1][1])
        rows.append(TableRow("measures", fields, source))
        index = block_end
    return rows


def _is_measure_start(lines, index: int) -> bool:
    return (
        index + 1 < len(lines)
        and _MEASURE_NAME.match(lines[index][2]) is not None
        and lines[index + 1][2].startswith("Titel ")
    )


def _ends_measure(lines, index: int) -> bool:
    text = lines[index][2]
    return _is_measure_start(lines, index) or _TARGET_AREA.match(text) is not None or bool(_ENDS_LIBRARY.match(text))


def _fields(lines) -> dict[str, str]:
    values: dict[str, list[str]] = {f.key: [] for f in WRITTEN_FIELDS}
    current = None
    for _, _, text in lines:
        if _FOOTER.search(text):
            continue
        label = _label_of(text)
        if label is not None:
            current, rest = label
            if rest:
                values[current].append(rest)
        elif current is not None:
            values[current].append(text)
    return {key: "\n".join(parts).strip() for key, parts in values.items()}


def _label_of(text: str) -> tuple[str, str] | None:
    for pattern, key in _LABEL_PATTERNS:
        match = pattern.match(text)
        if match:
            return key, text[match.end() :].strip()
    return None


def _numerator_denominator(technical: str) -> tuple[str, str]:
    numerator = _NUMERATOR.search(technical)
    denominator = _DENOMINATOR.search(technical)
    return (
        numerator.group("text").strip() if numerator else "",
        denominator.group("text").strip() if denominator else "",
    )


_TARGET_AREA_HEADING = re.compile(r"^#+\s*Målområde (?P<name>.+)$", re.M)


def parse_proposed_measures(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """The project report's "Förslag på mått för indikatorn …" tables: målområde, indikator, mått."""
    from assistant.tables.extract.pipe_tables import pipe_rows

    areas = [(m.start(), m.group("name").strip()) for m in _TARGET_AREA_HEADING.finditer(document.text)]
    rows = []
    for row in pipe_rows(document.text):
        if [h.lower() for h in row.header[:2]] != ["indikator", "mått"] or len(row.cells) < 2:
            continue
        indicator, _, description = row.cells[0].partition(" – ")
        area = next((name for start, name in reversed(areas) if start < row.start), "")
        fields = {
            "malomrade": area,
            "indikator": indicator.strip(),
            "indikator_beskrivning": description.strip(),
            "matt": row.cells[1].strip().rstrip(","),
        }
        rows.append(TableRow("proposed_measures", fields, locator.span(document.info.doc_id, row.start, row.end)))
    return rows


def link_proposed_to_library(proposed: list[TableRow], measures: list[TableRow]) -> dict[int, int]:
    """Index of the library measure each proposed measure names (best word overlap, at least half)."""
    from assistant.index.keyword_index import tokenize

    titles = [set(tokenize(m.fields["titel"])) for m in measures]
    links = {}
    for i, row in enumerate(proposed):
        wanted = set(tokenize(row.fields["matt"]))
        scored = [(len(wanted & t) / max(len(wanted | t), 1), j) for j, t in enumerate(titles)]
        score, best = max(scored, default=(0.0, -1))
        if score >= 0.5:
            links[i] = best
    return links
