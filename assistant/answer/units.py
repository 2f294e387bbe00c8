"""Answer units: the sentences, list items and table rows of the passages, with their scores."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.instructions import instruction_kind

_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True)
class UnitSignals:
    """What scoring a unit found (answer/unit_scoring.py), as shares of the question's weighted terms: those the
    unit holds (`hit`), those only its passage's title or section holds (`context`), those only the rest of its
    passage holds (`around`); the share of the question's terms it holds, unweighted (`term_share`); whether it
    holds the kind of value the question asks for (`holds_value`, False when none is asked); and the score the
    hand-set rules give it (`rule_score`). The fact model (answer/fact_model.py) weighs them."""

    hit: float = 0.0
    context: float = 0.0
    around: float = 0.0
    term_share: float = 0.0
    holds_value: bool = False
    asks_value: bool = False
    defines: bool = False
    ranks: bool = False
    rule_score: float = 0.0


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
    signals: UnitSignals = field(default_factory=UnitSignals)
    fact_probability: float | None = None  # how likely it states an asked fact (answer/fact_model.py), if known


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
