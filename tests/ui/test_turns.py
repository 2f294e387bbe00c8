"""Tests for assistant.ui.turns: a session's conversation and the history follow-ups read."""

from __future__ import annotations

from assistant.models import Answer
from assistant.ui.turns import ChatTurn, history


def test_history_is_the_answered_turns_as_chat_messages_in_order() -> None:
    turns = [
        ChatTurn("Vad är Nära vård?", Answer("En omställning.", (), ())),
        ChatTurn("Vem ansvarar?", error="Något gick fel med frågan."),
        ChatTurn("Och i Dalarna?", Answer("Regionen och kommunerna.", (), ())),
    ]
    assert history(turns) == [
        {"role": "user", "content": "Vad är Nära vård?"},
        {"role": "assistant", "content": "En omställning."},
        {"role": "user", "content": "Och i Dalarna?"},
        {"role": "assistant", "content": "Regionen och kommunerna."},
    ]


def test_every_turn_has_its_own_answer_id() -> None:
    # Widget keys (rating, comment, tables) are built from it: two turns must never share one.
    ids = {ChatTurn("Samma fråga").answer_id for _ in range(50)}
    assert len(ids) == 50


def test_an_empty_conversation_has_no_history() -> None:
    assert history([]) == []
