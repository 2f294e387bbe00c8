"""Score follow-up answers on gold conversations (see evals/SCORING.md, "Conversations").

Each turn is asked with the conversation so far as chat messages; only the last answer is scored: fact recall
over its first 1,500 characters, and whether the evidence is among its citations or its first five passages.
"""

from __future__ import annotations

import inspect
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from assistant.evaluation.datasets import GoldConversation
from assistant.evaluation.scoring import evidence_found, found_facts, latency_percentiles_ms
from assistant.models import Answer

ChatMessage = dict[str, str]
# ask(question, history) -> Answer, with history as chat messages, oldest first.
ChatAsk = Callable[[str, list[ChatMessage]], Answer]


def score_conversations(conversations: Sequence[GoldConversation], ask: ChatAsk) -> dict:
    """Last-turn fact recall and evidence-found rate, overall, per source document and per conversation.

    `ask(question, history)` is called once per turn; history holds the earlier turns as
    `{"role": "user"|"assistant", "content": ...}` messages (a fresh list each call).
    """
    rows = [_score_one(conversation, ask) for conversation in conversations]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_doc[str(row["final_doc"])].append(row)
    return {
        "overall": _summary(rows),
        "by_doc": {doc: _summary(r) for doc, r in sorted(by_doc.items())},
        "conversations": [{k: v for k, v in r.items() if k != "seconds"} for r in rows],
    }


def _score_one(conversation: GoldConversation, ask: ChatAsk) -> dict:
    history: list[ChatMessage] = []
    answer: Answer | None = None
    seconds = 0.0
    for turn in conversation.turns:
        started = time.perf_counter()
        answer = ask(turn, list(history))
        seconds = time.perf_counter() - started
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.answer}]
    assert answer is not None  # GoldConversation always has a turn
    facts = found_facts(conversation.final_answer_facts, answer.answer)
    return {
        "id": conversation.id,
        "final_doc": conversation.final_doc,
        "fact_recall": len(facts) / len(conversation.final_answer_facts) if conversation.final_answer_facts else None,
        "missing_facts": [f for f in conversation.final_answer_facts if f not in facts],
        "evidence_found": evidence_found(conversation.final_evidence, answer) if conversation.final_evidence else None,
        "abstained": bool(answer.abstained),
        "resolved": answer.resolved or None,
        "chars": len(answer.answer),
        "ms": round(seconds * 1000, 1),
        "seconds": seconds,
    }


def _summary(rows: list[dict]) -> dict:
    if not rows:
        return {"n": 0}
    recalls = [r["fact_recall"] for r in rows if r["fact_recall"] is not None]
    found = [r["evidence_found"] for r in rows if r["evidence_found"] is not None]
    p50_ms, p95_ms = latency_percentiles_ms([r["seconds"] for r in rows])
    return {
        "n": len(rows),
        "fact_recall": round(sum(recalls) / len(recalls), 3) if recalls else None,
        "evidence_found": round(sum(found) / len(found), 3) if found else None,
        "abstained": round(sum(r["abstained"] for r in rows) / len(rows), 3),
        "median_chars": statistics.median(r["chars"] for r in rows),
        "p50_ms": round(p50_ms, 1),
        "p95_ms": round(p95_ms, 1),
    }


def pairs_from_messages(messages: Sequence[ChatMessage]) -> list[tuple[str, str]]:
    """Chat messages as (user question, assistant answer) pairs, for an `ask` that still takes pairs."""
    pairs, question = [], None
    for message in messages:
        if message["role"] == "user":
            question = message["content"]
        elif message["role"] == "assistant" and question is not None:
            pairs.append((question, message["content"]))
            question = None
    return pairs


def chat_ask(ask: Callable[..., Answer]) -> ChatAsk:
    """`ask(question, history=chat messages)`, converting to pairs when ask's history is typed as tuples."""
    history = inspect.signature(ask).parameters.get("history")
    annotation = str(history.annotation) if history is not None else ""
    takes_pairs = "tuple" in annotation and not any(word in annotation for word in ("Mapping", "dict", "Chat"))

    def call(question: str, messages: list[ChatMessage]) -> Answer:
        converted: Any = pairs_from_messages(messages) if takes_pairs else messages
        return ask(question, history=converted)

    return call
