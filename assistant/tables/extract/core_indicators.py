"""Socialstyrelsen's national core indicators (kärnindikatorer): Tabell 1, each one's description, its values.

The OCR-repaired report still carries some damage ("Matt:", "Kalla:", "Mål föör"), so the labels
are matched on folded text with the damaged spellings allowed.
"""

from __future__ import annotations

import re

from assistant.index.keyword_index import tokenize
from assistant.ingest.cleaning import CleanDocument
from assistant.tables.extract.records import SourceLocator, TableRow
from assistant.text.folding import fold
from assistant.text.lines import nonblank_lines

_TABLE_CAPTION = re.compile(r"^tabell \d+\. 12 k\w*rnindikatorer")
_KEYWORD_LINE = re.compile(r"^m\w*l f\w*r god och n\w*ra v\w*rd, nyckelord:\s*(?P<keywords>.+)$")
_DETAIL_LABELS = {"matt": "matt", "mått": "matt", "berorda verksamheter": "verksamheter", "kalla": "kalla"}
_LABEL = re.compile(r"^(?P<label>m[aå]tt|ber[oö]rda verksamheter|k[aä]lla):\s*(?P<rest>.*)$", re.I)

_NUMBER = r"(?P<value>\d{1,3}(?:[  ]\d{3})*(?:,\d+)?)"
_UNIT = (
    r"(?P<unit>procentenheter|procent|%|per 100 000 invånare|per 1 000 invånare|per 100 000|per 1 000"
    r"|slutenvårdsperioder|kronor)"
)
_VALUE = re.compile(r"(?<![\w%])" + _NUMBER + r"\s*" + _UNIT)
_YEAR = re.compile(r"\b(20[0-3]\d)\b")
# Sweden's 21 regions (and their counties), so a value is tied to "Uppsala" as well as "Region Uppsala".
_REGIONS = (
    "Stockholm",
    "Uppsala",
    "Sörmland",
    "Östergötland",
    "Jönköpings län",
    "Kronoberg",
    "Kalmar län",
    "Gotland",
    "Blekinge",
    "Skåne",
    "Halland",
    "Västra Götaland",
    "Värmland",
    "Örebro län",
    "Västmanland",
    "Dalarna",
    "Gävleborg",
    "Västernorrland",
    "Jämtland Härjedalen",
    "Västerbotten",
    "Norrbotten",
)
_REGION = re.compile(
    r"\b((?:Region\s+)?(?:" + "|".join(r.replace(" ", r"\s+") for r in _REGIONS) + r")|[A-ZÅÄÖ][\wåäö]+\s+län|riket)\b"
)
_GROUPS = (
    (r"kvinnor(?:na)?", "kvinnor"),
    (r"man(?:nen)?", "män"),
    (r"flickor(?:na)?", "flickor"),
    (r"pojkar(?:na)?", "pojkar"),
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]|$)")
_MAX_SENTENCE = 400
_MIN_KEY_COVERAGE = 0.6


def parse_core_indicators(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """The 12 indicators of Tabell 1 with their keywords, completed by each one's description section."""
    lines = nonblank_lines(document.text)
    table = _table_rows(lines)
    if not table:
        return []
    details = _detail_sections(lines)
    rows = []
    for name, keywords, start, end in table:
        detail = _best_detail(name, details)
        fields = {"indikator": name, "nyckelord": keywords, "matt": "", "verksamheter": "", "kalla": ""}
        extra = {}
        if detail is not None:
            fields.update({k: v for k, v in detail["fields"].items() if v})
            extra["detail_source"] = locator.span(document.info.doc_id, detail["start"], detail["end"])
        rows.append(TableRow("core_indicators", fields, locator.span(document.info.doc_id, start, end), extra))
    return rows


def parse_core_values(document: CleanDocument, indicators: list[TableRow], locator: SourceLocator) -> list[TableRow]:
    """Every value the report states for a core indicator, with year, region and group.

    A sentence belongs to an indicator when it names the indicator itself (its distinctive words) or
    when it stands next to a figure whose caption names it; the sentence is the row's provenance.
    """
    if not indicators:
        return []
    sentences = list(_sentences(document.text))
    rare = _rare_stems([s for _, _, s in sentences])
    keys = [(row.fields["indikator"], _key_stems(row.fields["indikator"]) & rare) for row in indicators]
    keys = [(name, stems) for name, stems in keys if stems]
    captions = _figure_captions(document.text, keys)
    rows = []
    for start, end, sentence in sentences:
        values = list(_VALUE.finditer(sentence))
        if not values:
            continue
        indicator = _indicator_of(sentence, keys) or _caption_near(captions, start)
        if indicator is None:
            continue
        for match in values:
            fields = {
                "indikator": indicator,
                "ar": _nearest(_YEAR, sentence, match.start()),
                "region": _nearest(_REGION, sentence, match.start()) or "",
                "grupp": _group(sentence, match.start()),
                "varde": match.group("value").replace("\u00a0", " "),
                "enhet": match.group("unit"),
            }
            rows.append(TableRow("core_values", fields, locator.span(document.info.doc_id, start, end)))
    return rows


_CAPTION = re.compile(r"^Figur \d+\.\s*(?P<title>.+)$", re.M)
_CAPTION_REACH = 1500
_RARE_SHARE = 0.03


def _rare_stems(sentences: list[str]) -> set[str]:
    counts: dict[str, int] = {}
    for sentence in sentences:
        for stem in set(tokenize(sentence)):
            counts[stem] = counts.get(stem, 0) + 1
    limit = max(len(sentences) * _RARE_SHARE, 3)
    return {stem for stem, count in counts.items() if count <= limit}


def _figure_captions(text: str, keys) -> list[tuple[int, str]]:
    found = []
    for match in _CAPTION.finditer(text):
        indicator = _indicator_of(match.group("title"), keys)
        found.append((match.start(), indicator))
    return found


def _caption_near(captions: list[tuple[int, str | None]], offset: int) -> str | None:
    """The indicator of the closest figure caption within reach, if that caption names one."""
    near = [
        (abs(position - offset), indicator)
        for position, indicator in captions
        if abs(position - offset) <= _CAPTION_REACH
    ]
    if not near:
        return None
    return min(near, key=lambda item: item[0])[1]


def _table_rows(lines) -> list[tuple[str, str, int, int]]:
    """Tabell 1: caption, a note, the header "Indikator | Nyckelord (mål)", then one "name | keywords" row
    per indicator (cleaning rejoins the rows the PDF flattened into alternating lines; both forms are read)."""
    for index, (_, _, text) in enumerate(lines):
        if not _TABLE_CAPTION.match(fold(text)):
            continue
        cursor = index + 1
        while cursor < len(lines) and not fold(lines[cursor][2]).startswith(("nyckelord", "indikator | nyckelord")):
            cursor += 1
        joined = " | " in lines[cursor][2] if cursor < len(lines) else False
        cursor += 1
        rows = []
        while cursor < len(lines) and len(rows) < 12:
            if joined:
                name, _, keywords = lines[cursor][2].partition(" | ")
                start, end, step = lines[cursor][0], lines[cursor][1], 1
            elif cursor + 1 < len(lines):
                name, keywords = lines[cursor][2], lines[cursor + 1][2]
                start, end, step = lines[cursor][0], lines[cursor + 1][1], 2
            else:
                break
            if not _looks_like_keywords(keywords):
                break
            rows.append((name.strip(), keywords.strip(), start, end))
            cursor += step
        return rows
    return []


_KEYWORDS = {"tillganglig", "kontinuitet", "personcentrerad", "samordnad", "delaktig", "starker halsan"}


def _looks_like_keywords(text: str) -> bool:
    parts = [p.strip() for p in fold(text).split(",")]
    return bool(parts) and all(p in _KEYWORDS for p in parts)


def _detail_sections(lines) -> list[dict]:
    sections = []
    for index in range(1, len(lines) - 1):
        keywords = _KEYWORD_LINE.match(fold(lines[index][2]))
        if not keywords:
            continue
        fields = {"nyckelord": lines[index][2].split(":", 1)[1].strip(), "matt": "", "verksamheter": "", "kalla": ""}
        current, cursor = None, index + 1
        while cursor < len(lines) and cursor <= index + 8:
            text = lines[cursor][2]
            label = _LABEL.match(text)
            if label:
                current = _DETAIL_LABELS[fold(label.group("label"))]
                fields[current] = label.group("rest").strip()
            elif current is not None and current != "kalla" and not fields["kalla"]:
                fields[current] += " " + text
            else:
                break
            if current == "kalla":
                cursor += 1
                break
            cursor += 1
        sections.append(
            {"name": lines[index - 1][2], "fields": fields, "start": lines[index - 1][0], "end": lines[cursor - 1][1]}
        )
    return sections


def _best_detail(name: str, details: list[dict]) -> dict | None:
    wanted = set(tokenize(name))
    best, best_score = None, 0.0
    for detail in details:
        got = set(tokenize(detail["name"]))
        score = len(wanted & got) / max(len(wanted | got), 1)
        if score > best_score:
            best, best_score = detail, score
    return best if best_score >= 0.5 else None


_GENERIC = set(tokenize("regionernas primärvård ordinärt boende och i för vid hos bland personer år eller äldre"))


def _key_stems(name: str) -> set[str]:
    return set(tokenize(name)) - _GENERIC or set(tokenize(name))


def _indicator_of(window: str, keys) -> str | None:
    present = set(tokenize(window))
    best, best_score = None, (0.0, 0)
    for name, stems in keys:
        coverage = len(stems & present) / len(stems)
        score = (coverage, len(stems & present))
        if coverage >= _MIN_KEY_COVERAGE and score > best_score:
            best, best_score = name, score
    return best


def _sentences(text: str):
    """Sentences across wrapped lines; a run too long to be one sentence is taken line by line."""
    for match in _SENTENCE.finditer(text):
        if len(match.group(0)) <= _MAX_SENTENCE:
            yield from _stripped(match.start(), match.group(0))
            continue
        offset = match.start()
        for line in match.group(0).split("\n"):
            yield from _stripped(offset, line)
            offset += len(line) + 1


def _stripped(offset: int, text: str):
    sentence = text.strip()
    if sentence:
        start = offset + len(text) - len(text.lstrip())
        yield start, start + len(sentence), sentence


def _nearest(pattern: re.Pattern[str], sentence: str, position: int):
    matches = list(pattern.finditer(sentence))
    if not matches:
        return None
    best = min(matches, key=lambda m: abs(m.start() - position))
    value = re.sub(r"\s+", " ", best.group(1))
    return int(value) if value.isdigit() else value


def _group(sentence: str, position: int) -> str:
    clause_start = max(sentence.rfind(",", 0, position), sentence.rfind(";", 0, position), 0)
    clause_end = min(
        [i for i in (sentence.find(",", position), sentence.find(";", position)) if i >= 0] or [len(sentence)]
    )
    clause = fold(sentence[clause_start:clause_end])
    for word, group in _GROUPS:
        if re.search(rf"\b{word}\b", clause):
            return group
    return "totalt"
