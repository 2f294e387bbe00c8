"""The SQLite setup every local store shares: the file (its folder made), one write lock, short connections, the
schema made on opening, and a failure as the store's own Swedish error instead of an sqlite3 traceback."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError


@dataclass(frozen=True)
class StoreMessages:
    """What a store tells the user, in Swedish, when its file cannot be opened, read or written."""

    unavailable: str
    read_failed: str
    write_failed: str


class SqliteStore:
    """A store in one SQLite file; safe to share between threads (writes under one lock, a connection per call).

    A subclass passes its schema (CREATE … IF NOT EXISTS statements), its error class and its messages, and may
    bring an older file up to date in `_upgrade`.
    """

    def __init__(
        self, path: Path | str, schema: Sequence[str], error: type[AssistantError], messages: StoreMessages
    ) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._error = error
        self._messages = messages
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as connection, connection:
                for statement in schema:
                    connection.execute(statement)
                self._upgrade(connection)
        except (OSError, sqlite3.Error) as exc:
            raise self._failure(messages.unavailable, exc) from exc

    def _upgrade(self, connection: sqlite3.Connection) -> None:
        """Bring a file made by an older release up to date (e.g. add columns); nothing by default."""

    def _read(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """The rows of one query; the store's error (read_failed) when the file cannot be read."""
        try:
            with closing(self._connect()) as connection:
                return connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise self._failure(self._messages.read_failed, exc) from exc

    @contextmanager
    def _transaction(self, failed: str = "") -> Iterator[sqlite3.Connection]:
        """One write transaction under the store's lock, committed at the end of the block (rolled back on an
        error); an sqlite error becomes the store's error with `failed` (or write_failed) as its message."""
        try:
            with self._lock, closing(self._connect()) as connection, connection:
                yield connection
        except sqlite3.Error as exc:
            raise self._failure(failed or self._messages.write_failed, exc) from exc

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute("PRAGMA foreign_keys = ON")
        # Text that is not UTF-8 (written by another tool) is read with replacement characters, not refused.
        connection.text_factory = lambda data: data.decode("utf-8", errors="replace")
        return connection

    def _failure(self, message: str, exc: BaseException) -> AssistantError:
        return self._error(message, f"{self.path}: {exc!r}")
