"""The gold sets: typed records, readers that name a bad line, and one set per file of evals/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.datasets import (
    EVALS_DIR,
    GoldConversation,
    GoldQuestion,
    dev_set,
    dev_sets,
    read_conversations,
    read_questions,
)

REPO = Path(__file__).resolve().parents[2]


def _write(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n\n" for row in rows), encoding="utf-8")
    return path


QUESTION = {
    "id": "q1",
    "persona": "analyst",
    "question": "Vad är målbilden?",
    "type": "definition",
    "doc": "000.txt",
    "evidence": ["målbilden 2035"],
    "answer_facts": ["2035"],
    "notes": "Målbilden gäller 2035.",
}
CONVERSATION = {
    "id": "c1",
    "turns": ["Vad är Besökskort?", "när startade den?"],
    "final_doc": "001.txt",
    "final_evidence": ["Besökskort 2024"],
    "final_answer_facts": ["2024"],
    "notes": "Startade 2024.",
}


def test_records_are_typed_with_tuples(tmp_path):
    (question,) = read_questions(_write(tmp_path / "q.jsonl", [QUESTION]))
    assert question == GoldQuestion(
        "q1", "Vad är målbilden?", "definition", "analyst", "000.txt", ("målbilden 2035",), ("2035",),
        "Målbilden gäller 2035.",
    )  # fmt: skip
    assert question.answerable
    (conversation,) = read_conversations(_write(tmp_path / "c.jsonl", [CONVERSATION]))
    assert conversation == GoldConversation(
        "c1", ("Vad är Besökskort?", "när startade den?"), "001.txt", ("Besökskort 2024",), ("2024",), "Startade 2024."
    )


def test_unanswerable_question_is_not_answerable(tmp_path):
    row = QUESTION | {"id": "q2", "type": "unanswerable", "doc": None, "evidence": [], "answer_facts": []}
    (question,) = read_questions(_write(tmp_path / "q.jsonl", [row]))
    assert not question.answerable and question.doc is None


def test_a_bad_row_is_named_by_file_and_line(tmp_path):
    path = _write(tmp_path / "q.jsonl", [QUESTION, {k: v for k, v in QUESTION.items() if k != "question"}])
    with pytest.raises(ValueError, match=r"q\.jsonl:3: .*'question'"):
        read_questions(path)
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"q\.jsonl:1: not valid JSON"):
        read_questions(path)
    with pytest.raises(ValueError, match="at least one turn"):
        read_conversations(_write(tmp_path / "c.jsonl", [CONVERSATION | {"turns": []}]))


def test_each_file_is_a_set_named_by_its_stem(tmp_path):
    _write(tmp_path / "questions" / "b_set.jsonl", [QUESTION])
    _write(tmp_path / "questions" / "a_set.jsonl", [QUESTION | {"id": "q9"}])
    _write(tmp_path / "conversations" / "talk.jsonl", [CONVERSATION])
    found = dev_sets(tmp_path)
    assert [(s.name, s.kind) for s in found] == [
        ("a_set", "questions"),
        ("b_set", "questions"),
        ("talk", "conversations"),
    ]
    assert [q.id for q in found[0].load()] == ["q9"]
    assert isinstance(found[2].load()[0], GoldConversation)


def test_a_single_file_is_recognised_by_its_rows(tmp_path):
    assert dev_set(_write(tmp_path / "x.jsonl", [CONVERSATION])).kind == "conversations"
    assert dev_set(_write(tmp_path / "y.jsonl", [QUESTION])).kind == "questions"


def test_the_repositorys_dev_sets():
    assert EVALS_DIR == REPO / "evals"
    sets = {s.name: s for s in dev_sets()}
    assert set(sets) == {"dev_000_001", "dev_002_003", "dev_004", "dev_more", "dev_conversations"}
    assert len(sets["dev_more"].load()) == 120
    conversations = sets["dev_conversations"].load()
    assert len(conversations) == 24 and all(2 <= len(c.turns) <= 3 for c in conversations)
    assert all(c.final_evidence and c.final_answer_facts for c in conversations)
