"""The tables rebuilt once per session from the real corpus, for the table tests.

A test module uses the fixtures with `pytest_plugins = ["table_fixtures"]`; `rows` and `TODAY` are imported.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from assistant.ingest.corpus import ingest_corpus
from assistant.tables import TableTools, build_tables
from assistant.tables.store import read_table

REPO = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="session")
def corpus():
    return ingest_corpus(REPO / "corpus", 1000)


@pytest.fixture(scope="session")
def tables_dir(corpus, tmp_path_factory) -> Path:
    build_dir = tmp_path_factory.mktemp("tables")
    build_tables(build_dir, corpus.documents, corpus.chunks, REPO / "corpus")
    # The catalogue a build writes beside its tables: the search filters judge a row by its document's kind and year.
    catalogue = [asdict(d.info) for d in corpus.documents]
    (build_dir / "documents.json").write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    return build_dir


@pytest.fixture(scope="session")
def tools(tables_dir) -> TableTools:
    return TableTools(tables_dir, today=TODAY)


def rows(tables_dir: Path, table: str) -> list[dict]:
    """All rows of one rebuilt table."""
    return read_table(tables_dir / "tables.sqlite", table)
