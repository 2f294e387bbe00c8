"""The rebuilt tables in SQLite beside the index: written once per build, read with parameters only."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.tables.extract.records import TableRow

DB_NAME = "tables.sqlite"
_PROVENANCE = ("doc_id", "title", "section", "page", "start", "end", "passage", "chunk_id")


def write_tables(path: Path, rows: Iterable[TableRow]) -> dict[str, int]:
    """Write every row into a table named after row.table; returns the row count per table."""
    by_table: dict[str, list[TableRow]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    connection = sqlite3.connect(path)
    try:
        for table, table_rows in by_table.items():
            columns = list(dict.fromkeys(key for row in table_rows for key in row.fields))
            all_columns = ["row_id", *columns, *(f"source_{p}" for p in _PROVENANCE), "extra"]
            connection.execute(f'CREATE TABLE "{table}" ({", ".join(_quote(c) for c in all_columns)})')
            placeholders = ", ".join("?" for _ in all_columns)
            connection.executemany(
                f'INSERT INTO "{table}" VALUES ({placeholders})',
                [_values(index, row, columns) for index, row in enumerate(table_rows)],
            )
        connection.commit()
    finally:
        connection.close()
    return {table: len(table_rows) for table, table_rows in by_table.items()}


def read_table(path: Path, table: str) -> list[dict[str, Any]]:
    """All rows of a table as dicts (fields, source_* provenance and extra); [] when it is missing."""
    # Path.as_uri percent-encodes what a URI would read otherwise ("#", "?", "%", spaces in the index folder).
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        exists = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if not exists:
            return []
        rows = [dict(r) for r in connection.execute(f'SELECT * FROM "{table}" ORDER BY row_id')]  # noqa: S608 - fixed names
    finally:
        connection.close()
    for row in rows:
        row["extra"] = json.loads(row["extra"] or "{}")
    return rows


def _quote(name: str) -> str:
    return '"' + name.replace('"', "") + '"'


def _values(index: int, row: TableRow, columns: list[str]) -> list[Any]:
    source = row.source
    provenance = [getattr(source, p) for p in _PROVENANCE]
    extra = {key: (value.__dict__ if hasattr(value, "__dict__") else value) for key, value in row.extra.items()}
    return [index, *(_plain(row.fields.get(c)) for c in columns), *provenance, json.dumps(extra, ensure_ascii=False)]


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float)) else json.dumps(value, ensure_ascii=False)
