"""Tests for assistant.conversation_store: conversations per user, kept across processes."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from assistant.conversation_store import ConversationError, ConversationStore, StoredTurn, title_for
from assistant.feedback import Feedback, FeedbackStore
from assistant.models import Answer, Citation, Passage, ToolResult

CITED = Citation("Ansvaret delas mellan regionen och kommunen.", "d", "Rapport", "Ansvar", 2, "d-1", "Ansvaret delas")
PASSAGE = Passage("d-1", "d", "Rapport", "Ansvar", "Ansvaret delas mellan regionen och kommunen.", 2, 0.5, 10, 55)
ROW = ToolResult(
    "initiatives",
    {"status": "pågående"},
    ("Satsning", "Period"),
    ({"Satsning": "Suicidprevention", "Period": "2021"},),
    (Citation("Rad ur tabellen.", "f", "Färdplan", "Satsningar", 9),),
    "1 satsning",
)
ANSWER = Answer("Enligt dokumenten: ansvaret delas [1].", (CITED,), (PASSAGE,), tool_calls=(ROW,), notes=("n",))


def test_a_conversation_and_its_whole_answers_come_back_from_a_new_store_on_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    store = ConversationStore(path)
    conversation = store.create("anna", title_for("Vem ansvarar för hemsjukvården?"))
    store.add_turn("anna", conversation.conversation_id, StoredTurn("a1", "Vem ansvarar för hemsjukvården?", ANSWER))
    store.add_turn("anna", conversation.conversation_id, StoredTurn("a2", "Och i Dalarna?", None, "Något gick fel."))

    reopened = ConversationStore(path)
    [listed] = reopened.conversations("anna")
    assert listed.title == "Vem ansvarar för hemsjukvården?"
    first, second = reopened.turns("anna", listed.conversation_id)
    assert first == StoredTurn("a1", "Vem ansvarar för hemsjukvården?", ANSWER)
    assert (second.answer, second.error) == (None, "Något gick fel.")


def test_a_user_sees_renames_and_deletes_only_their_own_conversations(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite")
    annas = store.create("anna", "Annas fråga")
    store.add_turn("anna", annas.conversation_id, StoredTurn("a1", "Fråga", ANSWER))
    bertils = store.create("bertil", "Bertils fråga")

    assert [c.title for c in store.conversations("anna")] == ["Annas fråga"]
    assert store.get("bertil", annas.conversation_id) is None
    assert store.turns("bertil", annas.conversation_id) == []
    assert not store.rename("bertil", annas.conversation_id, "Kapad")
    assert not store.delete("bertil", annas.conversation_id)
    with pytest.raises(ConversationError):
        store.add_turn("bertil", annas.conversation_id, StoredTurn("b1", "Fråga", None))

    assert store.rename("anna", annas.conversation_id, "  Hemsjukvård\n i Sörmland ")
    assert store.get("anna", annas.conversation_id).title == "Hemsjukvård i Sörmland"
    assert store.delete("anna", annas.conversation_id)
    assert store.conversations("anna") == []
    with sqlite3.connect(tmp_path / "c.sqlite") as connection:
        assert connection.execute("SELECT COUNT(*) FROM conversation_turns").fetchone() == (0,)
    assert [c.conversation_id for c in store.conversations("bertil")] == [bertils.conversation_id]


def test_the_conversation_added_to_last_comes_first(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite")
    older = store.create("anna", "Första")
    newer = store.create("anna", "Andra")
    assert [c.title for c in store.conversations("anna")] == ["Andra", "Första"]
    store.add_turn("anna", older.conversation_id, StoredTurn("a1", "Fråga", ANSWER))
    assert [c.conversation_id for c in store.conversations("anna")] == [older.conversation_id, newer.conversation_id]


def test_it_shares_the_feedback_file_without_disturbing_the_feedback(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    feedback = FeedbackStore(path)
    feedback.save(Feedback("a1", "Fråga", "Svar", (CITED,), rating="up"))
    store = ConversationStore(path)
    store.add_turn("anna", store.create("anna", "Fråga").conversation_id, StoredTurn("a1", "Fråga", ANSWER))
    assert [f.rating for f in FeedbackStore(path).all()] == ["up"]


def test_a_damaged_answer_is_shown_as_missing_not_as_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    store = ConversationStore(path)
    conversation = store.create("anna", "Fråga")
    store.add_turn("anna", conversation.conversation_id, StoredTurn("a1", "Fråga", ANSWER))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE conversation_turns SET answer = '{not json'")
    [turn] = store.turns("anna", conversation.conversation_id)
    assert (turn.question, turn.answer) == ("Fråga", None)


def test_titles_are_one_line_and_short() -> None:
    assert title_for("  Vad är\nNära vård?  ") == "Vad är Nära vård?"
    long = title_for("Vilka " + "satsningar " * 20)
    assert len(long) <= 82 and long.endswith(" …")
    assert title_for("   ") == "Ny konversation"


def test_an_empty_user_or_an_unusable_file_is_a_swedish_error(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite")
    with pytest.raises(ConversationError):
        store.create("", "Fråga")
    (tmp_path / "folder.sqlite").mkdir()
    with pytest.raises(ConversationError) as raised:
        ConversationStore(tmp_path / "folder.sqlite")
    assert raised.value.user_message == "Samtalen kan inte sparas just nu."


def test_sessions_adding_turns_at_the_same_time_keep_every_turn_in_order(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite")
    ids = [store.create(f"user{i}", "Fråga").conversation_id for i in range(4)]

    def ask(i: int) -> None:
        for n in range(10):
            store.add_turn(f"user{i}", ids[i], StoredTurn(f"{i}-{n}", f"Fråga {n}", ANSWER))

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i in range(4):
        assert [t.question for t in store.turns(f"user{i}", ids[i])] == [f"Fråga {n}" for n in range(10)]
