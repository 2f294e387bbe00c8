"""Feedback on answers (👍/👎, a reason and a comment) in a local SQLite file, exportable as CSV."""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from assistant.errors import AssistantError
from assistant.models import Citation
from assistant.sqlite_store import SqliteStore, StoreMessages

RATINGS = {0: "down", 1: "up"}
# What was wrong with an answer, as the app offers it (stored as written here).
REASONS = ("fel fakta", "fel källa", "saknar svar", "otydligt")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    rating TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    backend TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    user_id TEXT NOT NULL DEFAULT ''
)
"""
# Columns added after the first release, with their definitions: added to an older file when it is opened.
_ADDED_COLUMNS = {"reason": "TEXT NOT NULL DEFAULT ''", "user_id": "TEXT NOT NULL DEFAULT ''"}
CSV_COLUMNS = (
    "answer_id",
    "created",
    "updated",
    "rating",
    "reason",
    "comment",
    "question",
    "answer",
    "citations",
    "backend",
    "user_id",
)
# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…), =cmd|…, @SUM(…));
# OWASP's rule for CSV injection: prefix such a cell with a single quote, so it is shown as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The ids as one JSON array: one parameter however many answers a conversation has (SQLite caps parameters).
_BY_ANSWER_IDS = "WHERE answer_id IN (SELECT value FROM json_each(?))"

_MESSAGES = StoreMessages(
    unavailable="Återkopplingen kan inte sparas just nu.",
    read_failed="Återkopplingen kunde inte läsas.",
    write_failed="Återkopplingen kunde inte sparas. Försök igen.",
)

log = logging.getLogger(__name__)


class FeedbackError(AssistantError):
    """The feedback file could not be read or written."""


@dataclass(frozen=True)
class Feedback:
    """A user's verdict on one answer, with what was asked, answered and cited."""

    answer_id: str
    question: str
    answer: str
    citations: tuple[Citation, ...] = ()
    rating: str = ""
    comment: str = ""
    backend: str = ""
    reason: str = ""
    # Who gave it: the app's logged-in user ('login:…'), or the API's caller ('key:<key name>', 'oidc:<subject>').
    user_id: str = ""
    created: str = field(default="", compare=False)
    updated: str = field(default="", compare=False)


class FeedbackStore(SqliteStore):
    """One row per answer; a later rating or comment on the same answer updates its row."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, (_SCHEMA,), FeedbackError, _MESSAGES)

    def _upgrade(self, connection: sqlite3.Connection) -> None:
        present = {row[1] for row in connection.execute("PRAGMA table_info(feedback)")}
        for column, definition in _ADDED_COLUMNS.items():
            if column not in present:
                connection.execute(f"ALTER TABLE feedback ADD COLUMN {column} {definition}")

    def save(self, feedback: Feedback) -> None:
        """Insert the answer's row, or update its rating, reason, comment, backend and who gave it."""
        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        citations = json.dumps([asdict(c) for c in feedback.citations], ensure_ascii=False)
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO feedback (answer_id, created, updated, rating, comment, question, answer, citations,"
                " backend, reason, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(answer_id) DO UPDATE SET updated=excluded.updated, rating=excluded.rating,"
                " comment=excluded.comment, backend=excluded.backend, reason=excluded.reason,"
                " user_id=excluded.user_id",
                (
                    feedback.answer_id,
                    now,
                    now,
                    feedback.rating,
                    feedback.comment,
                    feedback.question,
                    feedback.answer,
                    citations,
                    feedback.backend,
                    feedback.reason,
                    feedback.user_id,
                ),
            )

    def all(self) -> list[Feedback]:
        """Every stored feedback, oldest first (a row whose citations cannot be read keeps none)."""
        return [_feedback(row) for row in self._rows()]

    def given_on(self, answer_ids: Iterable[str]) -> dict[str, Feedback]:
        """The stored feedback of these answers, by answer id (none for an answer without any), in one query."""
        wanted = json.dumps(sorted(set(answer_ids)))
        return {entry.answer_id: entry for entry in map(_feedback, self._rows(_BY_ANSWER_IDS, (wanted,)))}

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV (citations as JSON in one column); the number of rows written.

        Rows are written as stored, so one damaged row does not stop the export; cells that a
        spreadsheet would run as a formula are neutralised (safe_cell).
        """
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        count = 0
        for row in self._rows():
            writer.writerow([safe_cell(row[column]) for column in CSV_COLUMNS])
            count += 1
        return count

    def _rows(self, where: str = "", parameters: tuple = ()) -> list[dict]:
        rows = self._read(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback {where} ORDER BY created", parameters)
        return [dict(zip(CSV_COLUMNS, row)) for row in rows]


def write_csv(entries: Iterable[Feedback], out: TextIO) -> int:
    """Write feedback entries as CSV with a header row, formula cells neutralised; the number written."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries:
        citations = json.dumps([asdict(c) for c in entry.citations], ensure_ascii=False)
        cells = [getattr(entry, column) for column in CSV_COLUMNS if column != "citations"]
        cells.insert(CSV_COLUMNS.index("citations"), citations)
        writer.writerow([safe_cell(cell) for cell in cells])
        count += 1
    return count


def safe_cell(value: object) -> str:
    """A cell's text with a leading ' when a spreadsheet would read it as a formula; otherwise as it is."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _feedback(row: dict) -> Feedback:
    try:
        citations = tuple(Citation(**c) for c in json.loads(row["citations"] or "[]"))
    except (TypeError, ValueError) as exc:
        log.warning("Feedback %s: citations unreadable (%r); shown without them.", row["answer_id"], exc)
        citations = ()
    return Feedback(
        answer_id=row["answer_id"],
        question=row["question"],
        answer=row["answer"],
        citations=citations,
        rating=row["rating"],
        comment=row["comment"],
        backend=row["backend"],
        reason=row["reason"],
        user_id=row["user_id"],
        created=row["created"],
        updated=row["updated"],
    )
