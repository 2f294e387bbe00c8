"""What a conversation is about after each turn: the last self-contained question, its subject and places.

The subject is the previous question without its question frame: "Vad är syftet med studien om ALMA …?"
is about "studien om ALMA …", "Vilka datakällor används för självrapporterad hälsa?" about "datakällor
används för självrapporterad hälsa". A pronoun in the next turn points to it; a new place replaces the old.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.question_tokens import (
    CONJUNCTIONS,
    WH_DETERMINERS,
    WH_QUANTIFIERS,
    WH_WORDS,
    Token,
    is_function_word,
    place_name,
    tokens,
)

# Verbs after which the first noun is what is asked of the rest: "Vad är syftet med X", "Vem har ansvaret för X".
_COPULAS = {"är", "var", "blir", "blev", "har", "hade", "is", "are", "was", "were", "has", "had"}
_OF_PREPOSITIONS = {"med", "för", "av", "om", "till", "på", "inom", "kring", "of", "for", "with", "in"}
_DEFINITE_ENDINGS = ("et", "en", "na", "an")
_EXISTENTIAL_OPENERS = {"det", "någon", "något", "några", "there", "any", "some"}
_ASKER = {"jag", "vi", "we"}  # "Jag jobbar med e-hälsa – finns …?": the asker's preamble
_WHAT_KIND = re.compile(r"\s+för\s+(något|någon|några)$", re.IGNORECASE)  # "Vad är X för något?"
YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class ConversationState:
    """The conversation after a turn: its last question made self-contained, that question's subject
    (what a pronoun in the next turn points to), and the places the subject is about."""

    question: str
    subject: str
    places: tuple[str, ...]

    @classmethod
    def of(cls, question: str) -> ConversationState:
        """The state after a question that stands on its own."""
        subject = subject_phrase(question)
        return cls(question.strip(), subject, places_in(subject) or places_in(question))


def places_in(text: str) -> tuple[str, ...]:
    """The places a text names, in order ("Sörmlands kommuner" → ("sörmland",))."""
    found = [place_name(t.text) for t in tokens(text)]
    return tuple(dict.fromkeys(p for p in found if p))


def subject_phrase(question: str) -> str:
    """The question without its frame: what it asks about, as a span of the question's own text."""
    text = _without_preamble(question.strip())
    toks = tokens(text)
    start = _frame_length(toks)
    phrase = text if start >= len(toks) else text[toks[start].start :]
    return _WHAT_KIND.sub("", phrase.rstrip("?!. ")).strip()


def _without_preamble(text: str) -> str:
    parts = re.split(r"\s[–—-]\s|:\s", text, maxsplit=1)
    opening = tokens(parts[0])[:1]
    if len(parts) == 2 and opening and (opening[0].lower in _ASKER or opening[0].text == "I"):
        return parts[1]
    return text


def focus_word(question: str) -> Token | None:
    """The first word after the question's frame, the attribute asked for included ("täljaren" of "Vad är
    täljaren för måttet X?", "regioner" of "Hur många regioner har …"): what a bare "och nämnaren?" swaps."""
    toks = tokens(question)
    return next((t for t in toks[_frame_length(toks, attribute=False) :] if not is_function_word(t.text)), None)


def _frame_length(toks: list[Token], attribute: bool = True) -> int:
    """How many leading words are the question's frame (conjunction, question word, finite verb, expletive);
    with `attribute`, also the attribute asked of the subject ("syftet med")."""
    i = 1 if toks and toks[0].lower in CONJUNCTIONS else 0
    if i >= len(toks):
        return i
    first = toks[i].lower
    if first in WH_DETERMINERS:
        return i + 1  # "Vilka datakällor används …": the noun after it is the subject
    if first in WH_WORDS:
        if i + 1 < len(toks) and toks[i + 1].lower in WH_QUANTIFIERS:
            return i + 2  # "Hur många regioner …"
        verb = toks[i + 1].lower if i + 1 < len(toks) else ""
        i += 2
        return _skip_attribute(toks, i) if attribute and verb in _COPULAS else i
    # A yes/no question opens with its verb: "Fanns det någon referensgrupp …", "Planerar Sörmlands kommuner …".
    i += 1
    while i < len(toks) - 1 and toks[i].lower in _EXISTENTIAL_OPENERS:
        i += 1
    return i


def _skip_attribute(toks: list[Token], i: int) -> int:
    """After "Vad är"/"Vem har": "syftet med X", "ansvaret för X" ask for an attribute of X; X is the subject."""
    if i + 3 < len(toks) and toks[i].lower == "the" and toks[i + 2].lower == "of":
        return i + 3  # "What is the purpose of the ALMA study?"
    if i + 2 < len(toks):
        noun, preposition = toks[i], toks[i + 1]
        definite = not is_function_word(noun.text) and noun.lower.endswith(_DEFINITE_ENDINGS) and len(noun.text) > 4
        if definite and preposition.lower in _OF_PREPOSITIONS and not noun.clause_end:
            return i + 2
    return i


def replace_places(text: str, old: tuple[str, ...], new: str) -> str:
    """`text` with each word naming one of the places `old` replaced by `new` (a genitive stays a genitive)."""
    result, last = [], 0
    for token in tokens(text):
        place = place_name(token.text)
        if place and place in old and place != new.lower():
            genitive = token.lower != place and token.lower.endswith("s")
            result += [text[last : token.start], new + ("s" if genitive and not new.endswith("s") else "")]
            last = token.end
    return "".join(result) + text[last:]
