"""Misspelt question words respelt as the corpus spells them ("närvårdskordinatorer" → "närvårdskoordinatorer").

The keyword index and the answerer match stems, so one wrong letter in a long word loses it. A long word that
is not in the corpus, and is no compound of words that are, is respelt as the corpus word closest to it that
starts with the same letter (one edit, a swap of two letters counting as one, two for long words; the more
frequent word on a tie), when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.text.decompounding import Decompounder
from assistant.text.tokens import tokenize

MIN_LENGTH = 7  # shorter words are too often another real word one edit away
LONG_WORD = 10  # from this length two edits are still a misspelling, not another word
_WORD = re.compile(r"[^\W\d_]+")


def respelt(text: str, decompounder: Decompounder | None, vocabulary: Collection[str] | None) -> str:
    """`text` with each long word the corpus does not know replaced by the corpus word closest to it."""
    if decompounder is None or not vocabulary:
        return text

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        better = _closest_known(word.lower(), decompounder, vocabulary)
        if better is None:
            return word
        return better.capitalize() if word[0].isupper() else better

    return _WORD.sub(replace, text)


def _closest_known(word: str, decompounder: Decompounder, vocabulary: Collection[str]) -> str | None:
    if len(word) < MIN_LENGTH or word in decompounder.counts:
        return None
    tokens = tokenize(word, decompounder)
    if len(tokens) != 1 or tokens[0] in vocabulary:
        return None  # a known stem, or a compound of known words
    choices = _choices(decompounder)
    limit = 2 if len(word) >= LONG_WORD else 1
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=10)
    found = [hit for hit in found if hit[0][0] == word[0]]  # "ofullständiga" is no misspelt "fullständig"
    if not found:
        return None
    best, _distance, _index = min(found, key=lambda hit: (hit[1], -decompounder.counts[hit[0]]))
    return best


@lru_cache(maxsize=2)  # one build's decompounder at a time (a refresh brings the next)
def _choices(decompounder: Decompounder) -> tuple[str, ...]:
    """The corpus words a misspelling may be of: seen at least twice, long enough to be one."""
    return tuple(w for w, n in decompounder.counts.items() if n >= 2 and len(w) >= MIN_LENGTH - 1)
