"""Extract every table from the ingested corpus and the curated files, and write them to SQLite."""

from __future__ import annotations

import logging
from pathlib import Path

from assistant.ingest.corpus_files import CURATED_TABLES_DIR
from assistant.tables.extract.core_indicators import parse_core_indicators, parse_core_values
from assistant.tables.extract.decisions import parse_decisions
from assistant.tables.extract.glossary import find_abbreviations, parse_glossary
from assistant.tables.extract.indicator_library import (
    link_proposed_to_library,
    parse_indicator_library,
    parse_proposed_measures,
)
from assistant.tables.extract.initiatives import link_descriptions, load_initiatives, parse_initiative_descriptions
from assistant.tables.extract.records import SourceLocator, TableRow, load_curated_rows
from assistant.tables.store import DB_NAME, write_tables

log = logging.getLogger(__name__)
DATA_SOURCES_FILE = "datakallor-efter-typ.json"


def extract_tables(documents, chunks, corpus_dir: Path) -> list[TableRow]:
    """All table rows of the corpus, links between tables recorded in each row's extra."""
    locator = SourceLocator(documents, chunks)
    measures, proposed, core, values, descriptions, decisions, outcomes, glossary = ([] for _ in range(8))
    for document in documents:
        measures += parse_indicator_library(document, locator)
        proposed += parse_proposed_measures(document, locator)
        document_core = parse_core_indicators(document, locator)
        core += document_core
        values += parse_core_values(document, document_core, locator)
        descriptions += parse_initiative_descriptions(document, locator)
        document_decisions, document_outcomes = parse_decisions(document, locator)
        decisions += document_decisions
        outcomes += document_outcomes
        glossary += parse_glossary(document, locator) + find_abbreviations(document, locator)
    try:
        initiatives, areas = load_initiatives(corpus_dir / CURATED_TABLES_DIR, locator)
        data_sources_file = corpus_dir / CURATED_TABLES_DIR / DATA_SOURCES_FILE
        data_sources = load_curated_rows(data_sources_file, "data_sources", "sources", locator)
    except ValueError as exc:  # a curated passage no longer in the cleaned text: keep building, say so
        log.error("Kurerad tabell stämmer inte med dokumentet: %s", exc)
        initiatives, areas, data_sources = [], [], []
    for i, j in link_proposed_to_library(proposed, measures).items():
        proposed[i].extra["library_row"] = j
    for i, j in link_descriptions(initiatives, descriptions).items():
        initiatives[i].extra["description_row"] = j
    return (
        measures
        + proposed
        + data_sources
        + core
        + values
        + initiatives
        + areas
        + descriptions
        + decisions
        + outcomes
        + glossary
    )


def build_tables(build_dir: Path, documents, chunks, corpus_dir: Path) -> dict[str, int]:
    """Write tables.sqlite into the build directory; returns the row count per table."""
    return write_tables(build_dir / DB_NAME, extract_tables(documents, chunks, corpus_dir))
