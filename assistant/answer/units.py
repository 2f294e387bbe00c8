"""Answer units: the sentences, list items and table rows of the passages, with their scores."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


def mostly_links(text: str) -> bool:
    """More than half of the text is web addresses: such a line answers nothing and reads badly."""
    return sum(len(url) for url in _URL.findall(text)) > len(text) / 2
