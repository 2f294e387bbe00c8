"""The Question record carries the resolved follow-up for chat-message histories."""

from __future__ import annotations

from assistant.question import understand


def test_chat_messages_resolve_a_followup_through_understand():
    history = [
        {"role": "user", "content": "Vilka forum finns för samverkan i Sörmland?"},
        {"role": "assistant", "content": "Det finns flera forum … [1]"},
    ]
    asked = understand("och i Dalarna?", history)
    assert asked.resolved == "Vilka forum finns för samverkan i Dalarna?"
    assert asked.is_followup


def test_a_new_question_after_a_conversation_is_not_a_followup():
    history = [("Vad är syftet med samsjuklighetssatsningen?", "Syftet är … [1]")]
    asked = understand("Hur många kommuner finns i Sörmland?", history)
    assert asked.resolved == asked.text and not asked.is_followup
