"""Follow-up questions without an LLM: an elliptical question borrows the content of the previous one.

"och när startade den?" after "Vad är samsjuklighetssatsningen?" becomes
"och när startade den? samsjuklighetssatsningen".
"""

from __future__ import annotations

import re

from assistant.text.tokens import STOPWORDS, words

_PRONOUNS = {"den", "det", "de", "dem", "dess", "denna", "detta", "dessa", "deras", "it", "its", "they", "them", "this"}
_OPENERS = {
    "och",
    "men",
    "vad",
    "vem",
    "när",
    "var",
    "hur",
    "vilka",
    "vilken",
    "vilket",
    "varför",
    "and",
    "what",
    "who",
}
# Words that carry no subject of their own: question words, verbs of asking, fillers.
_EMPTY = (
    _PRONOUNS
    | _OPENERS
    | {
        "startade",
        "började",
        "driver",
        "leder",
        "gäller",
        "betyder",
        "innebär",
        "ansvarar",
        "ansvarig",
        "finns",
        "hände",
        "sen",
        "sedan",
        "då",
        "också",
        "mer",
        "mera",
        "om",
        "i",
        "på",
        "för",
        "med",
        "av",
        "till",
        "många",
        "mycket",
        "länge",
        "ofta",
        "gör",
        "görs",
        "ska",
        "kan",
        "är",
        "var",
        "blev",
        "slutade",
        "when",
        "how",
        "does",
        "did",
        "is",
        "was",
        "about",
        "more",
    }
)
MAX_FOLLOWUP_WORDS = 8
_PLACE = re.compile(r"\b(?:i|in|för|på)\s+([A-ZÅÄÖ][\wåäö]+)")


def content_words(text: str) -> list[str]:
    """Words of a question that say what it is about (not stopwords, question words or pronouns)."""
    return [w for w in words(text) if w not in STOPWORDS and w not in _EMPTY and not w.isdigit() and len(w) > 2]


def is_elliptical(question: str) -> bool:
    """Short, and opens like a follow-up with a pronoun, or names nothing of its own."""
    tokens = words(question)
    if not tokens or len(tokens) > MAX_FOLLOWUP_WORDS:
        return False
    has_pronoun = any(t in _PRONOUNS for t in tokens)
    if tokens[0] in _OPENERS and has_pronoun:
        return True
    if tokens[0] in {"och", "men", "and"} and len(content_words(question)) <= 1:
        return True
    return not content_words(question)


def resolve_followup(question: str, history: list[tuple[str, str]] | None) -> str:
    """The question made self-contained with the content words of the previous user question.

    `history` holds (user question, answer) pairs, oldest first (`assistant.question.exchanges` makes them
    from chat messages). A question that is not elliptical, or
    has no history, is returned unchanged.
    """
    question = question.strip()
    if not history or not is_elliptical(question):
        return question
    own = {w for w in words(question)}
    for index in range(len(history) - 1, -1, -1):
        previous = history[index][0]
        # The previous question may itself have been a follow-up: resolve it against what came before.
        subject = resolve_followup(previous, history[:index]) if index else previous
        added = [w for w in dict.fromkeys(content_words(subject)) if w not in own]
        if added:
            if _PLACE.search(question):
                # "och i Dalarna?": keep the subject, swap the place the previous question named.
                places = {m.lower() for m in _PLACE.findall(subject)}
                added = [w for w in added if w not in places]
            return f"{question.rstrip('?').rstrip()} {' '.join(added)}?"
    return question
