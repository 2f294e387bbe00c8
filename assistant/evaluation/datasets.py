"""The gold sets of evals/: typed question and conversation records, their readers, and the dev sets on disk.

The formats are described in evals/SCORING.md. Every file of `evals/questions/*.jsonl` is one question set
and every file of `evals/conversations/*.jsonl` one conversation set, each named by the file's stem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

EVALS_DIR = Path(__file__).resolve().parent.parent.parent / "evals"
QUESTIONS_DIR = EVALS_DIR / "questions"
CONVERSATIONS_DIR = EVALS_DIR / "conversations"

SetKind = Literal["questions", "conversations"]


@dataclass(frozen=True)
class GoldQuestion:
    """One gold question: what was asked, its type and persona, and the evidence that answers it."""

    id: str
    question: str
    type: str
    persona: str
    doc: str | None
    evidence: tuple[str, ...]
    answer_facts: tuple[str, ...]
    notes: str = ""

    @property
    def answerable(self) -> bool:
        """True when the corpus holds an answer (the question has evidence or facts)."""
        return bool(self.evidence or self.answer_facts)


@dataclass(frozen=True)
class GoldConversation:
    """One gold conversation: the user's turns, and the passage and facts that answer the last one."""

    id: str
    turns: tuple[str, ...]
    final_doc: str | None
    final_evidence: tuple[str, ...]
    final_answer_facts: tuple[str, ...]
    notes: str = ""


@dataclass(frozen=True)
class DevSet:
    """One gold file: its name (the file's stem), whether it holds questions or conversations, and its path."""

    name: str
    kind: SetKind
    path: Path

    def load(self) -> list[GoldQuestion] | list[GoldConversation]:
        """The set's records, read from its file."""
        return read_questions(self.path) if self.kind == "questions" else read_conversations(self.path)


def read_questions(path: Path) -> list[GoldQuestion]:
    """Read a JSONL question file (or every *.jsonl in a folder, in name order).

    Raises ValueError naming the file and line when a row is not valid JSON or lacks a required key.
    """
    return [_question(row) for row in _rows(path)]


def read_conversations(path: Path) -> list[GoldConversation]:
    """Read a JSONL conversation file (or every *.jsonl in a folder, in name order).

    Raises ValueError naming the file and line when a row is not valid JSON, lacks a required key or has no turns.
    """
    return [_conversation(row) for row in _rows(path)]


def dev_sets(evals_dir: Path | None = None) -> list[DevSet]:
    """Every gold file under evals_dir (the repository's evals/): question sets first, then conversation sets."""
    evals_dir = evals_dir or EVALS_DIR
    found = [DevSet(f.stem, "questions", f) for f in sorted((evals_dir / "questions").glob("*.jsonl"))]
    found += [DevSet(f.stem, "conversations", f) for f in sorted((evals_dir / "conversations").glob("*.jsonl"))]
    return found


def dev_set(path: Path) -> DevSet:
    """One file as a set: conversations when its rows have `turns` (or it lies in a conversations folder)."""
    rows = list(_rows(path))
    is_conversations = path.parent.name == "conversations" or bool(rows and "turns" in rows[0][1])
    return DevSet(path.stem, "conversations" if is_conversations else "questions", path)


def _rows(path: Path):
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield f"{file}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{file}:{number}: not valid JSON ({exc.msg})") from exc


def _question(located: tuple[str, dict]) -> GoldQuestion:
    where, row = located
    try:
        return GoldQuestion(
            id=row["id"],
            question=row["question"],
            type=row["type"],
            persona=row.get("persona", ""),
            doc=row.get("doc"),
            evidence=tuple(row.get("evidence", [])),
            answer_facts=tuple(row.get("answer_facts", [])),
            notes=row.get("notes", ""),
        )
    except KeyError as exc:
        raise ValueError(f"{where}: a question needs the key {exc.args[0]!r}") from exc


def _conversation(located: tuple[str, dict]) -> GoldConversation:
    where, row = located
    try:
        turns = tuple(row["turns"])
        conversation = GoldConversation(
            id=row["id"],
            turns=turns,
            final_doc=row.get("final_doc"),
            final_evidence=tuple(row.get("final_evidence", [])),
            final_answer_facts=tuple(row.get("final_answer_facts", [])),
            notes=row.get("notes", ""),
        )
    except KeyError as exc:
        raise ValueError(f"{where}: a conversation needs the key {exc.args[0]!r}") from exc
    if not turns:
        raise ValueError(f"{where}: a conversation needs at least one turn")
    return conversation
