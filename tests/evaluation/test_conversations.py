"""Conversation scoring: every turn sees the earlier turns as chat messages, and only the last answer counts."""

from __future__ import annotations

from assistant.evaluation.conversations import chat_ask, pairs_from_messages, score_conversations
from assistant.evaluation.datasets import GoldConversation
from assistant.models import Answer, Citation, Passage


def _passage(text: str) -> Passage:
    return Passage(chunk_id=text[:8], doc_id="d", title="t", section="s", text=text, page=None, score=1.0)


CONVERSATIONS = [
    GoldConversation(
        "c1", ("Vad är Besökskort?", "när startade den?"), "001.txt", ("Besökskort startar 2024",), ("2024", "mars")
    ),
    GoldConversation("c2", ("Vad är ALMA?", "vem leder det?", "och i Dalarna?"), "000.txt", ("ALMA leds",), ("x",)),
]


def test_each_turn_gets_the_conversation_so_far_as_chat_messages():
    seen = []

    def ask(question, history):
        seen.append((question, history))
        history.append({"role": "user", "content": "a fake that mutates its argument"})
        return Answer(f"svar på {question}", (), ())

    score_conversations(CONVERSATIONS[1:], ask)
    assert [q for q, _ in seen] == ["Vad är ALMA?", "vem leder det?", "och i Dalarna?"]
    assert seen[0][1] == [{"role": "user", "content": "a fake that mutates its argument"}]  # its own list
    assert seen[2][1][:4] == [
        {"role": "user", "content": "Vad är ALMA?"},
        {"role": "assistant", "content": "svar på Vad är ALMA?"},
        {"role": "user", "content": "vem leder det?"},
        {"role": "assistant", "content": "svar på vem leder det?"},
    ]


def test_only_the_last_answer_is_scored_for_facts_and_evidence():
    sixth = tuple(_passage(f"p{n}") for n in range(5)) + (_passage("Besökskort startar 2024"),)
    abstained = Answer("Det står inte i dokumenten.", (Citation("ALMA leds av", "d", "t", "s", None, "d-1"),), (), True)
    answers = {
        "Vad är Besökskort?": Answer("Besökskort startar 2024 i mars.", (), (_passage("Besökskort startar 2024"),)),
        "när startade den?": Answer(
            "Den startade 2024.", (), sixth,
            resolved="när startade Besökskort?",
        ),
        "Vad är ALMA?": Answer("ALMA är ett team.", (), ()),
        "vem leder det?": Answer("x", (), ()),
        "och i Dalarna?": abstained,
    }  # fmt: skip
    result = score_conversations(CONVERSATIONS, lambda question, history: answers[question])
    first, second = result["conversations"]
    assert first["fact_recall"] == 0.5 and first["missing_facts"] == ["mars"]
    assert first["evidence_found"] is False  # the sixth passage does not count, the first turn's do not either
    assert first["resolved"] == "när startade Besökskort?"
    assert second["fact_recall"] == 0.0 and second["evidence_found"] is True and second["abstained"]
    assert result["overall"]["fact_recall"] == 0.25
    assert result["overall"]["evidence_found"] == 0.5
    assert set(result["by_doc"]) == {"000.txt", "001.txt"}


def test_messages_become_pairs_for_an_ask_that_takes_pairs():
    messages = [
        {"role": "user", "content": "q1"},
        {"role": "assistant", "content": "a1"},
        {"role": "user", "content": "q2"},
        {"role": "assistant", "content": "a2"},
    ]
    assert pairs_from_messages(messages) == [("q1", "a1"), ("q2", "a2")]
    received = {}

    def ask_pairs(question: str, history: list[tuple[str, str]] | None = None) -> Answer:
        received["pairs"] = history
        return Answer("", (), ())

    def ask_messages(question: str, history: list[dict[str, str]] | None = None) -> Answer:
        received["messages"] = history
        return Answer("", (), ())

    chat_ask(ask_pairs)("q3", messages)
    chat_ask(ask_messages)("q3", messages)
    assert received == {"pairs": [("q1", "a1"), ("q2", "a2")], "messages": messages}
