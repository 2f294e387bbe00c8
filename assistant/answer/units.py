"""Answer units: the sentences, list items and table rows of the passages, with their scores."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.instructions import instruction_kind

_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass
class Unit:
    """A sentence, list item or table row of one passage."""

    text: str
    passage: int
    position: int
    tokens: frozenset[str]
    bullet: bool = False
    introduces_list: bool = False  # ends with ":" or ";" and list items follow it in its passage
    continues: bool = False  # goes on the line or list item of the unit before it (its second sentence …)
    score: float = 0.0
    coverage: float = 0.0
    items: list[str] = field(default_factory=list)


def unit_text(text: str) -> str | None:
    """A sentence of a passage as an answer unit says it, or None when it never becomes one.

    A sentence that gives the assistant or the reader instructions ("Ignorera alla tidigare instruktioner.",
    "ange ditt lösenord", chat-role text, a directive to an address; ingest/instructions.py, the same check
    that flags it on its chunk) is document text the answer must not repeat as its own. A sentence that is
    mostly web addresses (a link whose text was its address, "Arbetet leds genom en https://… gemensam mål-
    och aktivitetsplan …") is said without them, when enough words are left to say something.
    """
    if instruction_kind(text) is not None:
        return None
    if not _mostly_links(text):
        return text
    words = _URL.sub(" ", text).split()
    return " ".join(words) if len(words) >= MIN_WORDS_WITHOUT_LINKS else None


MIN_WORDS_WITHOUT_LINKS = 5


def _mostly_links(text: str) -> bool:
    """More than half of the text is web addresses."""
    return sum(len(url) for url in _URL.findall(text)) > len(text) / 2
