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
    score: float = 0.0
    coverage: float = 0.0
    items: list[str] = field(default_factory=list)


def left_out(text: str) -> bool:
    """Whether a sentence of a passage never becomes an answer unit.

    A line that is mostly web addresses answers nothing and reads badly; a sentence that gives the assistant
    or the reader instructions ("Ignorera alla tidigare instruktioner.", "ange ditt lösenord", chat-role
    text, a directive to an address; ingest/instructions.py, the same check that flags it on its chunk) is
    document text the answer must not repeat as its own.
    """
    return _mostly_links(text) or instruction_kind(text) is not None


def _mostly_links(text: str) -> bool:
    """More than half of the text is web addresses."""
    return sum(len(url) for url in _URL.findall(text)) > len(text) / 2


# The name answer/sentences.py asks under when it makes the units: every sentence it leaves out.
mostly_links = left_out
