"""Tests for the reason of a feedback (fel fakta, fel källa, saknar svar, otydligt) and older feedback files."""

from __future__ import annotations

import csv
import io
import sqlite3

from assistant.feedback import CSV_COLUMNS, REASONS, Feedback, FeedbackStore
from assistant.models import Citation

CITED = Citation("Ansvaret delas.", "d", "Rapport", "Ansvar", 2, chunk_id="d-1")


def test_a_reason_is_stored_updated_and_exported_with_the_answer_and_its_sources(tmp_path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite")
    store.save(Feedback("a1", "Vem ansvarar?", "Regionen [1].", (CITED,), rating="down", reason="fel källa"))
    store.save(Feedback("a1", "Vem ansvarar?", "Regionen [1].", (CITED,), "down", "Fel sida", reason="fel fakta"))
    [saved] = store.all()
    assert (saved.rating, saved.reason, saved.comment, saved.citations) == ("down", "fel fakta", "Fel sida", (CITED,))
    out = io.StringIO()
    store.export_csv(out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["reason"], row["comment"], row["question"]) == ("fel fakta", "Fel sida", "Vem ansvarar?")
    assert "reason" in CSV_COLUMNS and REASONS == ("fel fakta", "fel källa", "saknar svar", "otydligt")


def test_a_feedback_file_from_before_reasons_gets_the_column_and_keeps_its_rows(tmp_path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE feedback (answer_id TEXT PRIMARY KEY, created TEXT NOT NULL, updated TEXT NOT NULL,"
            " rating TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '', question TEXT NOT NULL,"
            " answer TEXT NOT NULL, citations TEXT NOT NULL, backend TEXT NOT NULL DEFAULT '')"
        )
        connection.execute(
            "INSERT INTO feedback VALUES ('old', '2026-11-01T10:00:00', '2026-11-01T10:00:00', 'up', 'Bra', 'F?',"
            " 'S.', '[]', 'extractive')"
        )
    store = FeedbackStore(path)
    store.save(Feedback("new", "Fråga", "Svar", rating="down", reason="otydligt"))
    store.save(Feedback("newer", "Fråga", "Svar", rating="up", user_id="oidc:anna"))
    assert sorted((f.answer_id, f.rating, f.reason, f.comment, f.user_id) for f in store.all()) == [
        ("new", "down", "otydligt", "", ""),
        ("newer", "up", "", "", "oidc:anna"),
        ("old", "up", "", "Bra", ""),
    ]
