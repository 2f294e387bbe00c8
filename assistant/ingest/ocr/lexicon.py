"""The Swedish lexicon of OCR repair: wordfreq and Hunspell words, indexed by their folding key."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import sys
import sysconfig
import threading
import uuid
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from wordfreq import top_n_list, zipf_frequency

from assistant.ingest.ocr.patterns import expand_patterns, matches_pattern
from assistant.text.folding import fold_letters

log = logging.getLogger(__name__)

#: Size of the wordfreq Swedish list used as the fast lexicon.
WORDFREQ_LIST_SIZE = 300_000

#: Hunspell's verdicts on the words that repairing the bundled corpus asks about, with the hash of the
#: dictionary that gave them: while every word asked is answered there, the dictionary (7 s to load) is
#: never loaded. `assistant ship-vectors` rewrites it, beside the corpus's vectors.
SHIPPED_ANSWERS = Path(__file__).with_name("hunspell_answers.json.gz")


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
    """Load the spylls dictionary once per process (about 7 s on two idle cores)."""
    base = _hunspell_base()
    if base is None:
        return None
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(base))


@lru_cache(maxsize=1)
def _dictionary_hash() -> str:
    """SHA-256 of the Hunspell dictionary's .aff and .dic files ("" when none is installed)."""
    base = _hunspell_base()
    if base is None:
        return ""
    digest = hashlib.sha256()
    for suffix in (".aff", ".dic"):
        digest.update(base.with_suffix(suffix).read_bytes())
    return digest.hexdigest()


class HunspellAnswers:
    """Whether the Hunspell dictionary accepts a word: from the shipped verdicts of the same dictionary when
    they hold the word, else from the dictionary itself (loaded on the first such word). Remembers every
    verdict it gives, so the verdicts a repair needed can be shipped (`write`)."""

    def __init__(self, shipped: Path) -> None:
        self.shipped = shipped
        self.given: dict[str, bool] = {}
        self.looked_up = 0  # verdicts the dictionary itself gave
        self._known: dict[str, bool] | None = None
        self._lock = threading.Lock()

    def accepts(self, word: str) -> bool:
        with self._lock:
            verdict = self.given.get(word)
            if verdict is None:
                verdict = self._shipped().get(word)
            if verdict is None:
                dictionary = _hunspell_dictionary()
                verdict = bool(dictionary is not None and dictionary.lookup(word))
                self.looked_up += 1
            self.given[word] = verdict
            return verdict

    def write(self, path: Path | None = None) -> int:
        """Write the verdicts given so far, with the dictionary's hash; returns how many."""
        path = path or self.shipped
        with self._lock:
            given = dict(self.given)
        data = {
            "dictionary_sha256": _dictionary_hash(),
            "accepted": sorted(w for w, ok in given.items() if ok),
            "rejected": sorted(w for w, ok in given.items() if not ok),
        }
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        try:
            temporary.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode(), mtime=0))
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        return len(given)

    def _shipped(self) -> dict[str, bool]:
        if self._known is None:
            self._known = _read_answers(self.shipped)
        return self._known


def _read_answers(path: Path) -> dict[str, bool]:
    """The verdicts in a shipped file, or none when it is missing, unreadable or from another dictionary."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        if data.get("dictionary_sha256") != _dictionary_hash():
            log.info("The shipped Hunspell verdicts are from another dictionary; asking the dictionary.")
            return {}
        return {**dict.fromkeys(data["rejected"], False), **dict.fromkeys(data["accepted"], True)}
    except FileNotFoundError:
        return {}
    except Exception as exc:  # noqa: BLE001 - a damaged file only means the dictionary is asked
        log.warning("Ignoring the shipped Hunspell verdicts %s: %r", path, exc)
        return {}


#: The process's verdicts: every Lexicon asks through it.
HUNSPELL_ANSWERS = HunspellAnswers(SHIPPED_ANSWERS)


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
        # An ASCII word is its own folding key, so only the others need an index (a third of the words).
        # Tuples, not lists: the garbage collector stops tracking them, and 180,000 tracked lists made
        # the collections it runs meanwhile cost more than the index itself.
        self._folded: dict[str, tuple[str, ...]] = {}
        for word in self.words:
            if not word.isascii():
                key = fold_letters(word)
                self._folded[key] = (*self._folded.get(key, ()), word)

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
        """True when the Hunspell dictionary accepts ``word`` as it is (see HunspellAnswers)."""
        return HUNSPELL_ANSWERS.accepts(word)

    def matching(self, lower: str) -> list[str]:
        """Known words that the damage patterns of the lower-case token can produce, sorted."""
        found: set[str] = set()
        for key, allowed in expand_patterns(lower):
            for word in self._with_key(key):
                if matches_pattern(word, allowed):
                    found.add(word)
        return sorted(found)

    def _with_key(self, key: str) -> tuple[str, ...]:
        """The known words whose folding key is ``key``."""
        words = self._folded.get(key, ())
        return (key, *words) if key.isascii() and key in self.words else words
