"""Feedback on answers (👍/👎 and a comment) in a local SQLite file, exportable as CSV."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from assistant.errors import AssistantError
from assistant.models import Citation

RATINGS = {0: "down", 1: "up"}

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
    backend TEXT NOT NULL DEFAULT ''
)
"""
CSV_COLUMNS = ("answer_id", "created", "updated", "rating", "comment", "question", "answer", "citations", "backend")


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
    created: str = field(default="", compare=False)
    updated: str = field(default="", compare=False)


class FeedbackStore:
    """One row per answer; a later rating or comment on the same answer updates its row."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                connection.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackError("Återkopplingen kan inte sparas just nu.", f"{self.path}: {exc!r}") from exc

    def save(self, feedback: Feedback) -> None:
        """Insert the answer's row, or update its rating, comment and backend."""
        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        citations = json.dumps([asdict(c) for c in feedback.citations], ensure_ascii=False)
        try:
            with self._lock, self._connect() as connection:
                connection.execute(
                    "INSERT INTO feedback (answer_id, created, updated, rating, comment, question, answer, citations,"
                    " backend) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(answer_id) DO UPDATE SET updated=excluded.updated, rating=excluded.rating,"
                    " comment=excluded.comment, backend=excluded.backend",
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
                    ),
                )
        except sqlite3.Error as exc:
            raise FeedbackError("Återkopplingen kunde inte sparas. Försök igen.", f"{self.path}: {exc!r}") from exc

    def all(self) -> list[Feedback]:
        """Every stored feedback, oldest first."""
        try:
            with self._connect() as connection:
                rows = connection.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY created").fetchall()
        except sqlite3.Error as exc:
            raise FeedbackError("Återkopplingen kunde inte läsas.", f"{self.path}: {exc!r}") from exc
        return [_feedback(dict(zip(CSV_COLUMNS, row))) for row in rows]

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV (citations as JSON in one column); the number of rows written."""
        return write_csv(self.all(), out)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)


def write_csv(entries: Iterable[Feedback], out: TextIO) -> int:
    """Write feedback entries as CSV with a header row; the number of entries written."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries:
        citations = json.dumps([asdict(c) for c in entry.citations], ensure_ascii=False)
        writer.writerow(
            [
                entry.answer_id,
                entry.created,
                entry.updated,
                entry.rating,
                entry.comment,
                entry.question,
                entry.answer,
                citations,
                entry.backend,
            ]
        )
        count += 1
    return count


def _feedback(row: dict) -> Feedback:
    citations = tuple(Citation(**c) for c in json.loads(row["citations"] or "[]"))
    return Feedback(
        answer_id=row["answer_id"],
        question=row["question"],
        answer=row["answer"],
        citations=citations,
        rating=row["rating"],
        comment=row["comment"],
        backend=row["backend"],
        created=row["created"],
        updated=row["updated"],
    )
