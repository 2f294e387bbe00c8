"""Sentences and list items of a passage: broken lines joined, bullets and table rows kept apart."""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.text.display import clean_text

BULLET = re.compile(r"^\s*(?:[-–•*·▪]|\d{1,2}[.)])\s+")
# A line that ends in a number and a dash: the range goes on on the next line ("0–" then "18 år").
_RANGE_BROKEN = re.compile(r"\d[–-]$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÅÄÖÉ0-9])")


class SentenceUnit(NamedTuple):
    """A sentence or list item of a passage: whether it stands in a list item, and whether it goes on the line
    (or item) of the unit before it instead of opening one."""

    text: str
    bullet: bool
    continues: bool


def split_units(text: str) -> list[tuple[str, bool]]:
    """Sentences and list items of a passage: broken lines are joined, bullets and rows kept apart."""
    return [(unit.text, unit.bullet) for unit in sentence_units(text)]


def sentence_units(text: str) -> list[SentenceUnit]:
    """The units of split_units, each saying whether it continues the line or item before it."""
    lines = [line for line in clean_text(text).split("\n") if line]
    merged: list[str] = []
    for line in lines:
        if merged and _RANGE_BROKEN.search(merged[-1]) and line[0].isdigit():
            merged[-1] += line  # "långtidsstudie 0–" / "18 år.": a range broken after its dash
        elif merged and _continues(merged[-1], line):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    units: list[SentenceUnit] = []
    for line in merged:
        bullet = bool(BULLET.match(line))
        body = BULLET.sub("", line) if bullet else line
        sentences = [sentence.strip() for sentence in _SENTENCE_END.split(body) if sentence.strip()]
        units += [SentenceUnit(sentence, bullet, index > 0) for index, sentence in enumerate(sentences)]
    return units


def _continues(previous: str, line: str) -> bool:
    if BULLET.match(line) or previous.endswith((".", "!", "?", ":")):
        return False
    if line[0].islower():
        return True
    # A long line that stops mid-sentence ("… i Region\nJämtland Härjedalen (84 procent …").
    return len(previous) >= 60 and not BULLET.match(previous) and re.search(r"[\w,]$", previous) is not None
