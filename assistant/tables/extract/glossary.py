"""Terms and abbreviations: the project report's "Begrepp och förkortningar" and the abbreviations
any document spells out ("Länsgemensamt regionalt stöd (LRS)", "RSS (Regionala samverkans- och stödstrukturer)")."""

from __future__ import annotations

import re

from assistant.ingest.cleaning import CleanDocument
from assistant.tables.extract.records import SourceLocator, TableRow
from assistant.text.sentences import split_units

_GLOSSARY_HEADING = re.compile(r"^#+\s*Begrepp och förkortningar\s*$", re.M)
# What follows a row's bold term (CleanDocument.bold): " – expansion |" or " | definition".
_AFTER_TERM = re.compile(r"^\s*(?:–\s*(?P<expansion>[^|]+?))?\s*\|\s*(?P<definition>.*)$")
_ABBREVIATION = r"[A-ZÅÄÖ](?=[a-zåäö]*[A-ZÅÄÖ])[A-Za-zÅÄÖåäö]{1,6}"
_LONG_THEN_SHORT = re.compile(rf"(?P<long>(?:[\wåäöÅÄÖ&-]+[ ]){{1,8}}?[\wåäöÅÄÖ-]+)\s+\((?P<short>{_ABBREVIATION})\)")
_SHORT_THEN_LONG = re.compile(rf"\b(?P<short>{_ABBREVIATION})(?:-\w+)?\s+\((?P<long>[A-ZÅÄÖ][^()]{{5,80}})\)")
_SMALL_WORDS = {"och", "i", "för", "av", "med", "om", "kring", "inom", "till", "på", "&", "-", "–"}


def parse_glossary(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """The rows of a "Begrepp och förkortningar" section: a bold term, then its expansion or definition
    ("<b>LRS</b> – Länsgemensamt regionalt stöd |", "<b>Nära vård</b> | är en omställning …")."""
    heading = _GLOSSARY_HEADING.search(document.text)
    if not heading:
        return []
    rows = []
    offset = heading.end() + 1
    for raw in document.text[offset:].split("\n"):
        line = raw.strip()
        if line.startswith("#"):
            break
        start = offset + raw.find(line)
        term = document.bold_at(start) if line else None
        match = _AFTER_TERM.match(document.text[term[1] : start + len(line)]) if term else None
        if match:
            expansion = (match["expansion"] or "").strip()
            fields = {
                "term": document.text[term[0] : term[1]].strip(),
                "forklaring": expansion or match["definition"].strip(),
                "typ": "förkortning" if expansion else "begrepp",
            }
            rows.append(TableRow("glossary", fields, locator.span(document.info.doc_id, start, start + len(line))))
        offset += len(raw) + 1
    return rows


def find_abbreviations(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """Abbreviations a document defines inline, checked by initials (Schwartz–Hearst style)."""
    rows, seen = [], set()
    for pattern in (_LONG_THEN_SHORT, _SHORT_THEN_LONG):
        for match in pattern.finditer(document.text):
            short, long_form = match["short"], _trim_long_form(match["long"], match["short"])
            if long_form is None or short.upper() in seen:
                continue
            seen.add(short.upper())
            fields = {"term": short, "forklaring": long_form, "typ": "förkortning"}
            start, end = _sentence_around(document.text, match.start(), match.end())
            rows.append(TableRow("glossary", fields, locator.span(document.info.doc_id, start, end)))
    return rows


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of its line (as a source card splits it, text/sentences.py) that holds text[start:end]:
    the citation of an abbreviation is that sentence, which the card then marks, not a piece of it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    position = 0
    for sentence, _ in split_units(line):
        found = line.find(sentence, position)
        if found < 0:
            break
        position = found + len(sentence)
        if line_start + found <= start and end <= line_start + position:
            return line_start + found, line_start + position
    return start, end


def _trim_long_form(candidate: str, short: str) -> str | None:
    """The shortest tail of candidate whose content words' initials spell the abbreviation."""
    words = candidate.split()
    letters = short.lower()
    for size in range(1, len(words) + 1):
        tail = words[-size:] if candidate is not None else words
        if _initials_match(tail, letters):
            return " ".join(tail)
    return None


def _initials_match(words: list[str], letters: str) -> bool:
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content or content[0][0].lower() != letters[0]:
        return False
    if len(content) > len(letters) + 1:
        return False
    # Every letter must appear in order as the start of a word or of a part of a compound.
    text = " ".join(w.lower() for w in words)
    position = 0
    for letter in letters:
        found = text.find(letter, position)
        if found < 0:
            return False
        position = found + 1
    initials = "".join(w[0].lower() for w in content)
    return initials[0] == letters[0] and sum(1 for c in initials if c in letters) >= min(len(content), len(letters)) - 1
