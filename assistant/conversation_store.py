"""Conversations of the app's users (questions and whole answers with their sources), kept in SQLite.

The store lives in the feedback file (its own tables beside `feedback`), so one file holds what users
asked, were answered and said about it. Every read and write names the user: a conversation is only
ever listed, opened, renamed or deleted by the user it belongs to.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.models import Answer, Citation, Passage, ToolResult
from assistant.sqlite_store import SqliteStore, StoreMessages

log = logging.getLogger(__name__)

TITLE_CHARS = 80
_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS conversations (
        conversation_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        title TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS conversations_by_user ON conversations (user_id, updated)",
    """
    CREATE TABLE IF NOT EXISTS conversation_turns (
        conversation_id TEXT NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        answer_id TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        PRIMARY KEY (conversation_id, position)
    )
    """,
)
_MESSAGES = StoreMessages(
    unavailable="Samtalen kan inte sparas just nu.",
    read_failed="Samtalen kunde inte läsas.",
    write_failed="Samtalet kunde inte sparas. Försök igen.",
)


class ConversationError(AssistantError):
    """The conversations could not be read or written."""


@dataclass(frozen=True)
class Conversation:
    """One conversation in a user's list: its id, title and when it was last added to."""

    conversation_id: str
    title: str
    created: str
    updated: str


@dataclass(frozen=True)
class StoredTurn:
    """A question of a conversation and its answer (None when the question failed, then `error` says why)."""

    answer_id: str
    question: str
    answer: Answer | None
    error: str = ""


def title_for(question: str) -> str:
    """A conversation's first title: its first question on one line, cut at a word near TITLE_CHARS."""
    text = " ".join(question.split())
    if len(text) <= TITLE_CHARS:
        return text or "Ny konversation"
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


class ConversationStore(SqliteStore):
    """Conversations per user; safe to share between the app's sessions (one lock, short transactions)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, _SCHEMA, ConversationError, _MESSAGES)

    def create(self, user_id: str, title: str) -> Conversation:
        """A new, empty conversation of the user."""
        now = _now()
        conversation = Conversation(uuid.uuid4().hex, _clean_title(title), now, now)
        self._write(
            "INSERT INTO conversations (conversation_id, user_id, title, created, updated) VALUES (?, ?, ?, ?, ?)",
            (conversation.conversation_id, _user(user_id), conversation.title, now, now),
        )
        return conversation

    def conversations(self, user_id: str) -> list[Conversation]:
        """The user's conversations, the one added to last first."""
        rows = self._read(
            "SELECT conversation_id, title, created, updated FROM conversations WHERE user_id = ?"
            " ORDER BY updated DESC, created DESC",
            (_user(user_id),),
        )
        return [Conversation(*row) for row in rows]

    def get(self, user_id: str, conversation_id: str) -> Conversation | None:
        """The conversation if it exists and is the user's; None otherwise."""
        rows = self._read(
            "SELECT conversation_id, title, created, updated FROM conversations"
            " WHERE conversation_id = ? AND user_id = ?",
            (conversation_id, _user(user_id)),
        )
        return Conversation(*rows[0]) if rows else None

    def turns(self, user_id: str, conversation_id: str) -> list[StoredTurn]:
        """The conversation's turns in order; none when it is not the user's."""
        rows = self._read(
            "SELECT t.answer_id, t.question, t.answer, t.error FROM conversation_turns t"
            " JOIN conversations c ON c.conversation_id = t.conversation_id"
            " WHERE t.conversation_id = ? AND c.user_id = ? ORDER BY t.position",
            (conversation_id, _user(user_id)),
        )
        return [
            StoredTurn(answer_id, question, _answer(answer_id, answer), error)
            for answer_id, question, answer, error in rows
        ]

    def add_turn(self, user_id: str, conversation_id: str, turn: StoredTurn) -> None:
        """Append a turn to the user's conversation (raises ConversationError if it is not theirs)."""
        now = _now()
        payload = json.dumps(asdict(turn.answer), ensure_ascii=False, default=str) if turn.answer else ""
        with self._transaction("Frågan kunde inte sparas i samtalet.") as connection:
            owned = connection.execute(
                "SELECT 1 FROM conversations WHERE conversation_id = ? AND user_id = ?",
                (conversation_id, _user(user_id)),
            ).fetchone()
            if not owned:
                raise ConversationError("Samtalet finns inte längre.", f"{conversation_id} is not {user_id!r}'s")
            (position,) = connection.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM conversation_turns WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()
            connection.execute(
                "INSERT INTO conversation_turns (conversation_id, position, answer_id, question, answer, error,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, position, turn.answer_id, turn.question, payload, turn.error, now),
            )
            connection.execute("UPDATE conversations SET updated = ? WHERE conversation_id = ?", (now, conversation_id))

    def rename(self, user_id: str, conversation_id: str, title: str) -> bool:
        """Give the user's conversation a new title; False when there is no such conversation of theirs."""
        return self._write(
            "UPDATE conversations SET title = ? WHERE conversation_id = ? AND user_id = ?",
            (_clean_title(title), conversation_id, _user(user_id)),
        )

    def delete(self, user_id: str, conversation_id: str) -> bool:
        """Delete the user's conversation and its turns; False when there is no such conversation of theirs."""
        return self._write(
            "DELETE FROM conversations WHERE conversation_id = ? AND user_id = ?", (conversation_id, _user(user_id))
        )

    def _write(self, sql: str, parameters: tuple) -> bool:
        with self._transaction() as connection:
            return connection.execute(sql, parameters).rowcount > 0


def answer_from_dict(data: dict[str, Any]) -> Answer:
    """An Answer from its asdict() form (as stored)."""
    return Answer(
        answer=str(data.get("answer", "")),
        citations=tuple(_citation(c) for c in data.get("citations", ())),
        passages=tuple(_passage(p) for p in data.get("passages", ())),
        abstained=bool(data.get("abstained", False)),
        tool_calls=tuple(_tool_result(t) for t in data.get("tool_calls", ())),
        backend=str(data.get("backend", "extractive")),
        notes=tuple(data.get("notes", ())),
        resolved=str(data.get("resolved", "")),
    )


def _answer(answer_id: str, payload: str) -> Answer | None:
    if not payload:
        return None
    try:
        return answer_from_dict(json.loads(payload))
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        log.warning("Conversation turn %s: answer unreadable (%r); shown without it.", answer_id, exc)
        return None


def _citation(data: dict[str, Any]) -> Citation:
    return Citation(**{k: v for k, v in data.items() if k in Citation.__dataclass_fields__})


def _passage(data: dict[str, Any]) -> Passage:
    return Passage(**{k: v for k, v in data.items() if k in Passage.__dataclass_fields__})


def _tool_result(data: dict[str, Any]) -> ToolResult:
    return ToolResult(
        tool=str(data.get("tool", "")),
        arguments=dict(data.get("arguments") or {}),
        columns=tuple(data.get("columns", ())),
        rows=tuple(dict(r) for r in data.get("rows", ())),
        citations=tuple(_citation(c) for c in data.get("citations", ())),
        message=str(data.get("message", "")),
        suggestions=tuple(data.get("suggestions", ())),
    )


def _clean_title(title: str) -> str:
    text = " ".join(str(title).split())[:200]
    return text or "Ny konversation"


def _user(user_id: str) -> str:
    if not user_id:
        raise ConversationError("Samtalen kan inte sparas utan användare.", "empty user id")
    return user_id


def _now() -> str:
    # Microseconds, so that two turns in the same second still order their conversations.
    return time.strftime("%Y-%m-%dT%H:%M:%S") + f".{int(time.time() * 1e6) % 1_000_000:06d}"
