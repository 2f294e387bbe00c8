"""Tests for assistant.ui.answer_view: a turn's question, answer, tool tables, sources and feedback."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from streamlit.testing.v1 import AppTest

from assistant.feedback import FeedbackStore
from assistant.models import Answer, Chunk, Citation
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.ui.turns import ChatTurn

CHUNK = Chunk("d-1", "d", "Rapport", "Ansvar", "Ansvaret delas mellan regionen och kommunen.", 0, 44, 2)
CITED = Citation("Ansvaret delas mellan regionen och kommunen.", "d", "Rapport", "Ansvar", 2, chunk_id="d-1")
ROW = Citation("Rad ur tabellen.", "f", "Färdplan", "Satsningar", 9)
NEIGHBOURS = ChunkNeighbours([CHUNK])


def _app(turn, store=None) -> AppTest:
    app = AppTest.from_function(_show, args=(turn, store, NEIGHBOURS), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def _show(turn, store, neighbours) -> None:
    from assistant.ui.answer_view import show_turn

    show_turn(turn, neighbours, store, "extractive")


def test_the_question_is_text_and_the_answer_keeps_its_markers_and_lists_but_shows_emphasis_as_written() -> None:
    turn = ChatTurn("Vem *ansvarar*?", Answer("**Regionen** och $x$ kommunen [1].\n- punkt [1]", (CITED,), ()))
    app = _app(turn)
    assert [m.name for m in app.chat_message] == ["user", "assistant"]
    texts = [m.value for m in app.markdown]
    assert texts[0] == r"Vem \*ansvarar\*?"
    assert texts[1] == "\\*\\*Regionen\\*\\* och \\$x\\$ kommunen [1].\n- punkt [1]"
    assert "**[1]** Rapport · Ansvar · s. 2" in texts


def test_a_language_models_address_is_inert_text_that_names_its_domain() -> None:
    text = "Logga in på https://evil.example/login [1](https://evil.example) eller www.phish.se."
    app = _app(ChatTurn("Var?", Answer(text, (CITED,), (), backend="llm:openai")))
    shown = app.markdown[1].value
    assert "https\u2060://evil.example/login (adress till evil.example)" in shown
    assert "[1]\\(" in shown and "](" not in shown  # a marker never becomes a link
    assert "(adress till www\u2060.phish.se)" in shown
    assert "https://" not in shown and "www." not in shown


def test_an_answer_can_be_copied_as_text_with_its_sources() -> None:
    app = _app(ChatTurn("Vem?", Answer("Enligt dokumenten: regionen \\[och\\] kommunen [1].", (CITED,), ())))
    [code] = app.code
    assert code.value == "Enligt dokumenten: regionen [och] kommunen [1].\n\nKällor:\n[1] Rapport · Ansvar · s. 2"


def test_tool_rows_number_their_sources_after_the_answers_own(tmp_path: Path) -> None:
    tool_result = SimpleNamespace(
        columns=("Satsning",), rows=({"Satsning": "A"},), citations=(ROW,), message="", suggestions=()
    )
    answer = Answer("Svar [1].", (CITED,), (), tool_calls=(tool_result,))
    app = _app(ChatTurn("Vilka satsningar?", answer), FeedbackStore(tmp_path / "f.sqlite"))
    assert list(app.dataframe[0].value["Källa"]) == ["[2]"]
    labels = [m.value for m in app.markdown if m.value.startswith("**[")]
    assert labels == ["**[1]** Rapport · Ansvar · s. 2", "**[2]** Färdplan · Satsningar · s. 9"]
    assert len(app.segmented_control) == 1


def test_a_failed_turn_shows_its_message_and_no_feedback(tmp_path: Path) -> None:
    failed = _app(ChatTurn("Fråga", error="Sökningen gick inte att genomföra just nu."), FeedbackStore(tmp_path / "f"))
    assert [e.value for e in failed.error] == ["Sökningen gick inte att genomföra just nu."]
    assert not failed.segmented_control
    assert [e.value for e in _app(ChatTurn("Fråga")).error] == ["Frågan kunde inte besvaras."]
