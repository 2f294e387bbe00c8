"""The question as every stage of the answer path reads it, built once per ask.

`understand()` resolves a follow-up against the conversation, tells the language, adds the Swedish words
of an English question's domain terms, names the kind of answer wanted and keeps the question's content
terms (folded stems). Retrieval, table routing and the answerers read the `Question`; none redoes it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from assistant.retrieval.followups import resolve_followup
from assistant.text.decompounding import Decompounder
from assistant.text.english import is_english, swedish_terms, with_swedish_terms
from assistant.text.spelling import respelt
from assistant.text.tokens import tokenize, words

# Question words and fillers that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = {
    "vad",
    "vilka",
    "vilken",
    "vilket",
    "hur",
    "när",
    "var",
    "vem",
    "vems",
    "varför",
    "många",
    "mycket",
    "stor",
    "stort",
    "finns",
    "ska",
    "skall",
    "kan",
    "får",
    "gör",
    "görs",
    "går",
    "till",
    "något",
    "någon",
    "några",
    "står",
    "betyder",
    "innebär",
    "menas",
    "avses",
    "beskriv",
    "berätta",
    "säger",
    "nämns",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "for",
    "to",
    "and",
    "or",
    "by",
    "with",
    "from",
    "what",
    "which",
    "who",
    "whom",
    "when",
    "where",
    "why",
    "how",
    "many",
    "much",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "their",
    "they",
    "them",
    "it",
    "its",
    "that",
    "this",
    "these",
    "those",
    "other",
    "spend",
    "talk",
    "there",
    "about",
    "any",
    "some",
}
_NUMERIC_Q = re.compile(
    r"\b(hur (många|mycket|stor|stort|stora|hög|högt|låg|lågt|ofta|länge)|antal|andel|procent|kostnad|"
    r"how (many|much|large|high|often|long)|number of|share|percent)",
    re.IGNORECASE,
)
_DEFINITION_Q = re.compile(
    r"^\s*(vad (är|betyder|innebär|menas med|avses med|står .* för)|vad är .* för något|"
    r"what (is|are|does .* mean)|define)\b",
    re.IGNORECASE,
)
_LIST_Q = re.compile(r"\b(vilka|vilken|vilket|which|what are|list|lista|nämn)\b", re.IGNORECASE)


def question_kind(question: str) -> str:
    """'definition', 'numeric', 'list' or 'fact', from the wording of the question."""
    if _DEFINITION_Q.search(question):
        return "definition"
    if _NUMERIC_Q.search(question):
        return "numeric"
    if _LIST_Q.search(question):
        return "list"
    return "fact"


@dataclass(frozen=True)
class Question:
    """One question on its way through the pipeline.

    `text` is what the user typed; `resolved` the self-contained question (a follow-up completed from the
    conversation; else `text`); `spelt` the resolved question with a Swedish question's misspelt words as the
    corpus spells them (text/spelling.py); `search_text` that plus the Swedish words of an English
    question's domain terms (keyword search, table routing); `corpus_text` it as words the Swedish documents
    could hold (answer scoring); `terms` the folded stems of its content words; `history` the earlier
    (question, answer) exchanges.
    """

    text: str
    resolved: str
    english: bool
    kind: str
    search_text: str
    corpus_text: str
    terms: tuple[str, ...]
    history: tuple[tuple[str, str], ...] = ()
    spelt: str = ""

    @property
    def is_followup(self) -> bool:
        """True when the question was completed from the conversation."""
        return self.resolved != self.text


ChatHistory = Sequence[tuple[str, str]] | Sequence[Mapping[str, str]] | Sequence[object]


def exchanges(history: ChatHistory | None) -> tuple[tuple[str, str], ...]:
    """The conversation as (user question, answer) exchanges, oldest first.

    Takes (question, answer) pairs, or chat messages as langchain, OpenAI clients and chat UIs keep them:
    mappings `{"role": "user" | "assistant", "content": ...}` or objects with `role`/`type` and `content`.
    System and tool messages are left out; a user message without an answer yet gets an empty answer.
    Raises ValueError for an entry that is neither.
    """
    pairs: list[tuple[str, str]] = []
    pending: str | None = None
    for entry in history or ():
        if isinstance(entry, tuple | list) and len(entry) == 2 and all(isinstance(x, str) for x in entry):
            if pending is not None:
                pairs.append((pending, ""))
                pending = None
            pairs.append((entry[0], entry[1]))
            continue
        role, content = _role_and_content(entry)
        if role == "user":
            if pending is not None:
                pairs.append((pending, ""))
            pending = content
        elif role == "assistant" and pending is not None:
            pairs.append((pending, content))
            pending = None
    if pending is not None:
        pairs.append((pending, ""))
    return tuple(pairs)


_ROLES = {"user": "user", "human": "user", "assistant": "assistant", "ai": "assistant"}


def _role_and_content(entry: object) -> tuple[str, str]:
    if isinstance(entry, Mapping):
        role, content = entry.get("role", ""), entry.get("content", "")
    elif hasattr(entry, "content"):
        role, content = getattr(entry, "role", "") or getattr(entry, "type", ""), entry.content
    else:
        raise ValueError(f"not a chat message or a (question, answer) pair: {entry!r}")
    if not isinstance(content, str):  # multi-part content: keep its text parts
        content = " ".join(p.get("text", "") for p in content if isinstance(p, Mapping) and p.get("text"))
    return _ROLES.get(str(role).lower(), str(role).lower()), content


def understand(
    text: str,
    history: ChatHistory | None = None,
    decompounder: Decompounder | None = None,
    vocabulary: Collection[str] | None = None,
) -> Question:
    """The Question record of `text` asked after `history` (pairs or chat messages).

    `decompounder` and `vocabulary` are the keyword index's: they make the content terms match the index's
    tokens and let an English question keep only the words the corpus uses too.
    """
    text = (text or "").strip()
    earlier = exchanges(history)
    resolved = resolve_followup(text, list(earlier))
    english = is_english(resolved)
    spelt = resolved if english else respelt(resolved, decompounder, vocabulary)
    corpus_text = _in_corpus_language(spelt, english, decompounder, vocabulary)
    return Question(
        text=text,
        resolved=resolved,
        english=english,
        kind=question_kind(resolved),
        search_text=with_swedish_terms(spelt),
        corpus_text=corpus_text,
        terms=tuple(content_terms(corpus_text, decompounder)),
        history=earlier,
        spelt=spelt,
    )


def _in_corpus_language(
    question: str, english: bool, decompounder: Decompounder | None, vocabulary: Collection[str] | None
) -> str:
    """An English question as the words the Swedish documents could hold: its domain terms in Swedish and
    the words the corpus uses too (names such as "Sörmland"); other English words would only count against."""
    if not english:
        return question
    kept = [
        w for w in words(question) if vocabulary is None or all(t in vocabulary for t in tokenize(w, decompounder)[:1])
    ]
    return " ".join([*kept, swedish_terms(question)])


def content_terms(text: str, decompounder: Decompounder | None = None) -> list[str]:
    """Folded stems of the content words of a text (question words and fillers left out), in order."""
    content = " ".join(w for w in words(text) if w not in QUESTION_WORDS)
    seen: dict[str, None] = {}
    for term in tokenize(content, decompounder):
        if len(term) > 1 or term.isdigit():
            seen.setdefault(term, None)
    return list(seen)
