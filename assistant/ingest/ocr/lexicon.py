"""The Swedish lexicon of OCR repair: wordfreq and Hunspell words, indexed by their folding key."""

from __future__ import annotations

import sys
import sysconfig
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from wordfreq import top_n_list, zipf_frequency

from assistant.ingest.ocr.patterns import expand_patterns, matches_pattern
from assistant.text.folding import fold_letters

#: Size of the wordfreq Swedish list used as the fast lexicon.
WORDFREQ_LIST_SIZE = 300_000


def _hunspell_base() -> Path | None:
    """Locate sv_SE.dic/.aff installed by the ``hunspell-sv`` package."""
    roots = {Path(sys.prefix), Path(sysconfig.get_paths()["data"])}
    for root in roots:
        base = root / "share" / "hunspell" / "sv_SE"
        if base.with_suffix(".dic").exists() and base.with_suffix(".aff").exists():
            return base
    return None


@lru_cache(maxsize=1)
def _hunspell_dictionary() -> Any | None:
    """Load the spylls dictionary once per process (about 3 s)."""
    base = _hunspell_base()
    if base is None:
        return None
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(base))


@lru_cache(maxsize=1)
def _hunspell_stems() -> frozenset[str]:
    """Stems of the Hunspell dictionary (no affix expansion), lower-cased."""
    base = _hunspell_base()
    if base is None:
        return frozenset()
    stems: set[str] = set()
    with base.with_suffix(".dic").open(encoding="utf-8") as handle:
        next(handle, None)  # first line is the entry count
        for line in handle:
            stem = line.split("/", 1)[0].strip().lower()
            if stem.isalpha():
                stems.add(stem)
    return frozenset(stems)


@lru_cache(maxsize=1)
def _wordfreq_words() -> tuple[str, ...]:
    return tuple(w for w in top_n_list("sv", WORDFREQ_LIST_SIZE) if w.isalpha())


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """The Swedish Zipf frequency of a word (wordfreq; 0.0 when unknown)."""
    return zipf_frequency(word, "sv")


class Lexicon:
    """Known Swedish words, found by damage pattern, with Hunspell for words no list holds."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        """Index wordfreq's list, the Hunspell stems and ``extra_words`` (lower case) by folding key."""
        known = set(_wordfreq_words())
        known.update(_hunspell_stems())
        known.update(extra_words)
        self.words: frozenset[str] = frozenset(known)
        self._by_key: dict[str, list[str]] = {}
        for word in self.words:
            self._by_key.setdefault(fold_letters(word), []).append(word)
        self._spell_cache: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        """True when the (lower-case) word is in a word list; Hunspell is not asked."""
        return word in self.words

    def is_known_word(self, token: str) -> bool:
        """True when ``token`` is a Swedish word (any case)."""
        lower = token.lower()
        if not lower.isalpha():
            return False
        if lower in self.words:
            return True
        return self.hunspell_accepts(token)

    def hunspell_accepts(self, word: str) -> bool:
        """True when the Hunspell dictionary accepts ``word`` as it is (cached)."""
        cached = self._spell_cache.get(word)
        if cached is None:
            dictionary = _hunspell_dictionary()
            cached = bool(dictionary is not None and dictionary.lookup(word))
            self._spell_cache[word] = cached
        return cached

    def matching(self, lower: str) -> list[str]:
        """Known words that the damage patterns of the lower-case token can produce, sorted."""
        found: set[str] = set()
        for key, allowed in expand_patterns(lower):
            for word in self._by_key.get(key, ()):
                if matches_pattern(word, allowed):
                    found.add(word)
        return sorted(found)
