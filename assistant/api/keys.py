"""API keys: created with a name, stored only as SHA-256 hashes in SQLite beside the feedback file, revocable."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.sqlite_store import SqliteStore, StoreMessages

KEYS_FILE = "api_keys.sqlite"
KEY_PREFIX = "nva_"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    created TEXT NOT NULL,
    revoked TEXT NOT NULL DEFAULT ''
)
"""


class KeyStoreError(AssistantError):
    """The key file cannot be read or written, or a key command cannot be carried out."""


@dataclass(frozen=True)
class ApiKey:
    """A stored key: its name, the first characters of the key (to tell keys apart), when made and revoked."""

    name: str
    hint: str
    created: str
    revoked: str = ""

    @property
    def active(self) -> bool:
        return not self.revoked


def keys_path(settings: Settings) -> Path:
    """The key file: api_keys.sqlite in the folder of the feedback file."""
    return Path(settings.feedback_db).parent / KEYS_FILE


def hash_key(key: str) -> str:
    # The keys are 256-bit random tokens, so a plain SHA-256 is enough (no password stretching needed).
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore(SqliteStore):
    """The API keys of one installation."""

    def __init__(self, path: Path | str) -> None:
        unreadable = f"API-nycklarna i {path} kan inte läsas."
        messages = StoreMessages(unreadable, unreadable, f"API-nycklarna i {path} kan inte sparas.")
        super().__init__(path, (_SCHEMA,), KeyStoreError, messages)

    def create(self, name: str) -> str:
        """A new key for `name` (shown once, never stored); KeyStoreError when an active key has that name."""
        name = name.strip()
        if not name:
            raise KeyStoreError("Ge nyckeln ett namn, t.ex. intranatet.")
        if any(k.name == name and k.active for k in self.all()):
            raise KeyStoreError(f"Det finns redan en aktiv nyckel som heter {name!r}. Välj ett annat namn.")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO api_keys (name, hash, hint, created) VALUES (?, ?, ?, ?)",
                (name, hash_key(key), key[: len(KEY_PREFIX) + 4], _now()),
            )
        return key

    def revoke(self, name: str) -> int:
        """Revoke every active key of that name; how many were revoked."""
        with self._transaction() as connection:
            cursor = connection.execute(
                "UPDATE api_keys SET revoked = ? WHERE name = ? AND revoked = ''", (_now(), name.strip())
            )
            return cursor.rowcount

    def all(self) -> list[ApiKey]:
        """Every key ever made, oldest first."""
        rows = self._read("SELECT name, hint, created, revoked FROM api_keys ORDER BY rowid")
        return [ApiKey(*row) for row in rows]

    def any_active(self) -> bool:
        return bool(self._read("SELECT 1 FROM api_keys WHERE revoked = '' LIMIT 1"))

    def name_of(self, key: str) -> str | None:
        """The name of the active key, or None when the key is unknown or revoked."""
        rows = self._read("SELECT name FROM api_keys WHERE hash = ? AND revoked = ''", (hash_key(key),))
        return rows[0][0] if rows else None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")
