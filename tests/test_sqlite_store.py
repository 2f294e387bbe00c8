"""The SQLite base of the stores: the file made with its schema, reads and writes, failures as the store's error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.api.keys import KeyStore, KeyStoreError
from assistant.conversation_store import ConversationError, ConversationStore
from assistant.errors import AssistantError
from assistant.feedback import FeedbackError, FeedbackStore
from assistant.sqlite_store import SqliteStore, StoreMessages


class NotesError(AssistantError):
    pass


MESSAGES = StoreMessages("Anteckningarna kan inte öppnas.", "Anteckningarna kunde inte läsas.", "Inte sparad.")


class Notes(SqliteStore):
    def __init__(self, path: Path) -> None:
        super().__init__(path, ("CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)",), NotesError, MESSAGES)

    def add(self, text: str | None) -> None:
        with self._transaction() as connection:
            connection.execute("INSERT INTO notes VALUES (?)", (text,))

    def texts(self) -> list[str]:
        return [text for (text,) in self._read("SELECT text FROM notes ORDER BY rowid")]


def test_the_folder_and_schema_are_made_and_a_write_is_committed(tmp_path: Path) -> None:
    notes = Notes(tmp_path / "a" / "b" / "notes.sqlite")
    notes.add("första")
    notes.add("andra")
    assert Notes(tmp_path / "a" / "b" / "notes.sqlite").texts() == ["första", "andra"]


def test_a_failed_write_is_rolled_back_and_becomes_the_stores_error(tmp_path: Path) -> None:
    notes = Notes(tmp_path / "notes.sqlite")
    notes.add("kvar")
    with pytest.raises(NotesError) as raised:
        notes.add(None)  # NOT NULL
    assert raised.value.user_message == "Inte sparad."
    assert "notes.sqlite" in raised.value.cause
    assert notes.texts() == ["kvar"]


def test_a_file_that_is_not_sqlite_gives_the_read_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    notes = Notes(path)
    path.write_bytes(b"inte en databas" * 100)
    with pytest.raises(NotesError) as raised:
        notes.texts()
    assert raised.value.user_message == "Anteckningarna kunde inte läsas."


@pytest.mark.parametrize(
    ("store", "error", "message"),
    [
        (FeedbackStore, FeedbackError, "Återkopplingen kan inte sparas just nu."),
        (ConversationStore, ConversationError, "Samtalen kan inte sparas just nu."),
        (KeyStore, KeyStoreError, "API-nycklarna i {path} kan inte läsas."),
        (Notes, NotesError, "Anteckningarna kan inte öppnas."),
    ],
)
def test_every_store_that_cannot_make_its_file_says_so_in_its_own_words(
    tmp_path: Path, store, error, message: str
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    path = blocker / "store.sqlite"
    with pytest.raises(error) as raised:
        store(path)
    assert raised.value.user_message == message.format(path=path)


def test_the_stores_share_one_file_without_touching_each_others_tables(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    FeedbackStore(path)
    ConversationStore(path).create("anna", "Fråga")
    tables = {name for (name,) in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"feedback", "conversations", "conversation_turns"} <= tables
    assert FeedbackStore(path).all() == []
