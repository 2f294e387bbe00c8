"""The färdplan's länsgemensamma satsningar (curated rows), the bilagor's descriptions of initiatives
(parsed) and the link between them."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.index.keyword_index import tokenize
from assistant.ingest.cleaning import CleanDocument
from assistant.tables.extract.records import SourceLocator, TableRow, load_curated_rows
from assistant.text.lines import nonblank_lines

CURATED_FILE = "fardplan-satsningar.json"
_DESCRIPTION_FIELDS = (
    ("Förväntat resultat – framtida planering", "forvantat_resultat"),
    ("Förväntat resultat", "forvantat_resultat"),
    ("Resultat", "resultat"),
    ("Bakgrund", "bakgrund"),
    ("Tidplan", "tidplan"),
    ("Syfte", "syfte"),
    ("Metod", "metod"),
)
_ENDS_DESCRIPTIONS = re.compile(r"^(Bilaga \d|#)")
_MIN_NAME_OVERLAP = 0.5


def load_initiatives(tables_dir: Path, locator: SourceLocator) -> tuple[list[TableRow], list[TableRow]]:
    """The satsningar and the insatsområden of the curated färdplan table, each with its provenance."""
    path = tables_dir / CURATED_FILE
    return (
        load_curated_rows(path, "initiatives", "initiatives", locator),
        load_curated_rows(path, "areas", "areas", locator),
    )


def parse_initiative_descriptions(document: CleanDocument, locator: SourceLocator) -> list[TableRow]:
    """Initiatives described as "<Name>" then "Bakgrund", "Syfte", "Tidplan", "Metod", "(Förväntat) resultat"."""
    lines = nonblank_lines(document.text)
    rows = []
    index = 0
    while index < len(lines) - 1:
        if not _starts_description(lines, index):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _starts_description(lines, end) and not _ENDS_DESCRIPTIONS.match(lines[end][2]):
            end += 1
        first = index - 1 if lines[index][2].startswith("– ") else index  # a title wrapped onto two lines
        fields = {"namn": " ".join(line[2] for line in lines[first : index + 1])}
        fields.update(_fields(lines[index + 1 : end]))
        source = locator.span(document.info.doc_id, lines[first][0], lines[end - 1][1])
        rows.append(TableRow("initiative_descriptions", fields, source))
        index = end
    return rows


def link_descriptions(initiatives: list[TableRow], descriptions: list[TableRow]) -> dict[int, int]:
    """Index of the best-matching description for each initiative whose name overlaps enough."""
    links = {}
    for i, initiative in enumerate(initiatives):
        wanted = set(tokenize(initiative.fields["satsning"]))
        best, best_score = None, 0.0
        for j, description in enumerate(descriptions):
            got = set(tokenize(description.fields["namn"]))
            score = len(wanted & got) / max(len(wanted | got), 1)
            if score > best_score:
                best, best_score = j, score
        if best is not None and best_score >= _MIN_NAME_OVERLAP:
            links[i] = best
    return links


def _starts_description(lines, index: int) -> bool:
    text = lines[index][2]
    return (
        index + 1 < len(lines)
        and lines[index + 1][2] == "Bakgrund"
        and len(text) <= 90
        and not text.endswith((".", ":"))
    )


def _fields(lines) -> dict[str, str]:
    values: dict[str, list[str]] = {key: [] for _, key in _DESCRIPTION_FIELDS}
    current = None
    for _, _, text in lines:
        label = next((key for label, key in _DESCRIPTION_FIELDS if text == label), None)
        if label is not None:
            current = label
        elif current is not None:
            values[current].append(text)
    return {key: "\n".join(parts).strip() for key, parts in values.items()}
