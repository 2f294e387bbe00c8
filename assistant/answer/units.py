"""Answer units: the sentences, list items and table rows of the passages, with their scores."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    introduces_list: bool = False  # announces a list (announces_list) and list items follow it in its passage
    continues: bool = False  # goes on the line or list item of the unit before it (its second sentence …)
    score: float = 0.0
    coverage: float = 0.0
    items: list[str] = field(default_factory=list)
    signals: UnitSignals = field(default_factory=UnitSignals)
    fact_probability: float | None = None  # how likely it states an asked fact (answer/fact_model.py), if known

    @property
    def full_text(self) -> str:
        """The unit's text followed by its list items (a lead-in says its items)."""
        return self.text + " " + " ".join(self.items)


# Words of a sentence that announces the list after it ("… består av tre målområden", "följande …").
_ANNOUNCING = re.compile(r"\b(består av|följande|nedan|bland annat|these|following)\b", re.IGNORECASE)
LIST_LOOKAHEAD = 3  # the items may follow the announcing sentence after a caption or heading or two


def ends_as_lead_in(text: str) -> bool:
    """The text ends as a lead-in to what follows it ("… genom att:", "Med ett fokusområde avses;")."""
    return text.rstrip().endswith((":", ";"))


def has_end(text: str) -> bool:
    """The text ends as a sentence or as a lead-in: not a heading, a label or a sentence whose end was lost."""
    return text.rstrip().endswith((".", "!", "?")) or ends_as_lead_in(text)


def announces_list(text: str) -> bool:
    """The sentence announces a list: it ends with ":", or names what follows ("består av …")."""
    return text.rstrip().endswith(":") or _ANNOUNCING.search(text) is not None


def introduces_list(unit: Unit, following: Sequence[Unit]) -> bool:
    """The unit is a sentence that announces the list items after it in its passage (`following`: the units
    after it, in order): right after it, or after the rest of its line and headings only ("… består av tre
    målområden … figur 3. Hela beskrivningen …" | "Nära vård i Sörmland" | "- Tillsammans"). A lead-in ending
    with ";" counts when the items follow at once."""
    if unit.bullet:
        return False
    ahead = [u for u in following[:LIST_LOOKAHEAD] if u.passage == unit.passage]
    if ahead and ahead[0].bullet and ends_as_lead_in(unit.text):
        return True
    if not announces_list(unit.text):
        return False
    same_line = True
    for other in ahead:
        if other.bullet:
            return True
        same_line = same_line and other.continues
        if not same_line and has_end(other.text):
            return False  # a line of sentences of its own comes first: the items are not this one's
    return False


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
