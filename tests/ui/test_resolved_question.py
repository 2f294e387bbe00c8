"""The resolved follow-up is shown under its answer: "Tolkat som: …" ("Interpreted as: …" in English)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.models import Answer
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.ui.answer_view import interpreted_as
from assistant.ui.turns import ChatTurn

RESOLVED = "när startade den (satsningen *Besökskort*)?"
SHOWN = r"Tolkat som: när startade den (satsningen \*Besökskort\*)?"  # as written, not as Markdown
FOLLOWUP = Answer("Besökskort startade 2024 [1].", (), (), notes=("extractive",), resolved=RESOLVED)


def _app(turn: ChatTurn) -> AppTest:
    app = AppTest.from_function(_show, args=(turn, ChunkNeighbours([])), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def _show(turn, neighbours) -> None:
    from assistant.ui.answer_view import show_turn

    show_turn(turn, neighbours, None, "extractive")


def test_the_line_is_swedish_or_english_as_the_question_and_shows_text_as_written():
    assert interpreted_as("och när startade den?", RESOLVED) == SHOWN
    assert interpreted_as("and when did it start?", "when did it start (Besökskort)?").startswith("Interpreted as: ")


def test_a_followups_answer_shows_how_it_was_read():
    captions = [c.value for c in _app(ChatTurn("och när startade den?", FOLLOWUP)).caption]
    assert SHOWN in captions


def test_a_question_that_stands_on_its_own_shows_no_interpretation():
    answer = Answer("Besökskort startade 2024 [1].", (), (), notes=("extractive",))
    captions = [c.value for c in _app(ChatTurn("När startade Besökskort?", answer)).caption]
    assert not any(c.startswith(("Tolkat som", "Interpreted as")) for c in captions)
