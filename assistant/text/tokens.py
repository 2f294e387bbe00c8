"""Words and keyword tokens of Swedish text: lower-cased words, Snowball stems, folded, compound parts added."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

from assistant.text.decompounding import Decompounder
from assistant.text.folding import fold

_WORD = re.compile(r"\w+", re.UNICODE)
# A hard c (before a, o or u) is spelt k as often: "närvårdscoordinatorer" and "närvårdskoordinatorer" in one report.
_HARD_C = re.compile(r"c(?=[aou])")
STOPWORDS = frozenset(STOPWORDS_SWEDISH) | frozenset(fold(w) for w in STOPWORDS_SWEDISH)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def words(text: str) -> list[str]:
    """Lower-case words of a text."""
    return _WORD.findall(text.lower())


MIN_DEFINITE_PLURAL = 7  # shorter words in -ena are rarely plurals ("arena", "hyena")


def tokenize(text: str, decompounder: Decompounder | None = None) -> list[str]:
    """Swedish-stemmed, folded (å/ä→a, ö→o, é→e, a hard c as k) words without stopwords, plus compound parts."""
    kept = [_definite_plural(w) for w in words(text) if w not in STOPWORDS]
    if decompounder is not None:
        parts = [part for w in kept for part in (decompounder.split(w) or ())]
        kept += parts
    return [_HARD_C.sub("k", fold(stem)) for stem in _stemmer().stemWords(kept) if stem]


def _definite_plural(word: str) -> str:
    """'målområdena' as 'målområden': the Snowball stemmer strips only the final a, so the definite plural
    in -ena would not meet its indefinite plural and singular ('målområden', 'målområde' → 'målområd')."""
    return word[:-1] if len(word) >= MIN_DEFINITE_PLURAL and word.endswith("ena") else word
