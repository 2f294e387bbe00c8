"""Repair OCR damage to Swedish letters (å, ä, ö) in extracted document text.

The OCR engine that produced some corpus documents renders the Swedish letters
å, ä and ö as look-alike characters or digits ("f6lja" for "följa", "néra vérd"
for "nära vård", "&r" for "är", "hdlso" for "hälso"), sometimes as two
characters ("véarden" for "vården"), and often simply drops the dots and rings
("Forord" for "Förord").

Repair is lexicon driven.  Every known word is indexed under a *folding key* in
which å/ä→a, ö→o and é→e, so all diacritic variants of a word share one key.  A
damaged token is expanded into the few keys its damage pattern allows (``d`` may
be ``d``, ``ä``, ``å`` or ``ö``; ``6`` is ``ö`` ...), the words under those keys are
filtered character by character against the pattern, and the best one wins:
words used by the clean reference documents first, then overall frequency
(wordfreq).  Compounds that no word list holds are segmented into known parts
and verified with the Hunspell dictionary shipped by ``hunspell-sv`` (via
``spylls``).

Tokens that *are* words but are usually damaged forms ("for", "pa", "vard")
are replaced only when a diacritic variant is far more frequent in Swedish and
at least as common in the clean documents.  When several variants remain
plausible ("ar": "är" or "år") the previous word decides, using word-pair
counts from the clean documents (numbers are pooled into one class, so "65 ar"
becomes "65 år").
"""

from __future__ import annotations

import re
import sys
import sysconfig
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from wordfreq import top_n_list, zipf_frequency

__all__ = [
    "OcrRepairResult",
    "OcrRepairer",
    "TokenRepair",
    "damaged_token_rate",
    "looks_ocr_damaged",
]

# --------------------------------------------------------------------------
# Tunables
# --------------------------------------------------------------------------

#: Size of the wordfreq Swedish list used as the fast lexicon.
WORDFREQ_LIST_SIZE = 300_000
#: A valid word is treated as damaged only when a diacritic variant is at least
#: this much more frequent (Zipf scale: +1.0 means ten times as frequent).
KNOWN_WORD_MIN_ZIPF_GAIN = 1.0
#: ...or when the clean documents of the corpus use a diacritic variant at least this often and the
#: token itself never ("Matt:" → "Mått:", "Kalla:" → "Källa:" in a corpus that writes "Mått" and "Källa").
CLEAN_VARIANT_MIN_COUNT = 5
#: Variants within this Zipf distance of the best one count as plausible
#: alternatives, between which context decides.
AMBIGUITY_ZIPF_RANGE = 1.5
#: Minimum length of a compound part (in output letters); the last part may be
#: shorter ("personår").
MIN_COMPOUND_PART = 3
MIN_LAST_PART = 2
MAX_COMPOUND_PARTS = 4
#: Short final parts ("år", "nås") fit almost anywhere; below this length only
#: Hunspell can vouch for them.
MIN_SUPPORTED_FINAL_PART = 4
#: A final part the clean documents do not use is accepted from the lexicon from this length on.
MIN_LEXICON_FINAL_PART = 6
MAX_SEGMENTATIONS = 8
#: Parts of compounds that Hunspell does not know must be at least this common.
MIN_PART_ZIPF = 3.0
#: A compound-initial element is productive when at least this many lexicon words are
#: it followed by another lexicon word ("kärn" starts kärnkraft, kärnfamilj … ~250 such
#: words; "karn" three): it backs "kdrnindikatorer" → "kärnindikatorer".
MIN_PRODUCTIVE_HEAD = 20
#: Shorter heads ("bed", "mal") start too many unrelated words to vouch for a compound alone.
MIN_PRODUCTIVE_HEAD_LENGTH = 4
#: Shortest rest of a lexicon word that counts as a compound's second element.
MIN_HEAD_REST = 4
#: Hunspell lookups tried per unknown compound (each costs a few milliseconds).
MAX_COMPOUND_LOOKUPS = 4
#: Upper bound on folding keys tried for one token (bounds the search).
MAX_KEYS_PER_TOKEN = 4096
#: Damaged-token rate of clean Swedish reports is about 0.02-0.04; OCR-damaged
#: ones are several times higher.
DAMAGED_RATE_THRESHOLD = 0.08

_DIACRITIC_A = frozenset("äå")
_DIACRITIC_O = frozenset("ö")

#: Output class for a damaged character: (folding-key letter, allowed letters).
_Option = tuple[str, frozenset[str]]

#: How a single OCR character may map to a Swedish letter.  Plain letters keep
#: themselves as an option; look-alikes that are never Swedish letters only map
#: to the damaged letter.
_CHAR_OPTIONS: dict[str, tuple[_Option, ...]] = {
    "a": (("a", frozenset("aäå")),),
    "o": (("o", frozenset("oö")),),
    "é": (("a", _DIACRITIC_A), ("o", _DIACRITIC_O), ("e", frozenset("é"))),
    "d": (("d", frozenset("d")), ("a", _DIACRITIC_A), ("o", _DIACRITIC_O)),
    "i": (("i", frozenset("i")), ("a", _DIACRITIC_A)),
    "&": (("a", _DIACRITIC_A),),
    "4": (("a", _DIACRITIC_A),),
    "6": (("o", _DIACRITIC_O),),
    "5": (("o", _DIACRITIC_O),),
    "0": (("o", _DIACRITIC_O),),
    "1": (("i", frozenset("i")), ("l", frozenset("l"))),
}

#: Characters that can take part in a two-character rendering of one letter
#: ("véarden" → "vården", "omstédllningen" → "omställningen", "jaimfort" →
#: "jämfört", "nivad" → "nivå").  Such merges only ever yield candidates for
#: tokens that are not words, so ordinary letter pairs are not at risk.
_PAIR_CHARS_A = frozenset("éd&4ai")
_PAIR_CHARS_O = frozenset("éo6")
#: "dé" renders ö as well as ä ("beddémningen" → "bedömningen", "méjliggdéra" → "möjliggöra").
_PAIRS_O_WITHOUT_O = frozenset({"dé"})
_PAIR_OPTIONS_A: tuple[_Option, ...] = (("a", _DIACRITIC_A),)
_PAIR_OPTIONS_O: tuple[_Option, ...] = (("o", _DIACRITIC_O),)

#: Characters that signal OCR damage inside a token.
_DAMAGE_MARKERS = frozenset("é&45610")

_FOLD_TABLE = str.maketrans({"ä": "a", "å": "a", "ö": "o", "é": "e"})

_TOKEN_RE = re.compile(r"(?:[^\W_]|&)+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_URL_CHUNK_RE = re.compile(
    r"\S*(?:://|www\.|@|\.(?:se|com|org|nu|net|eu|int|gov|html?|pdf|aspx?)\b"
    r"|/\S*/|/#|\w-\w+/)\S*",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")

_NUM_CLASS = "<num>"
_YEAR_CLASS = "<year>"


@dataclass(frozen=True)
class TokenRepair:
    """One replaced token; offsets refer to the input text."""

    start: int
    end: int
    original: str
    repaired: str


@dataclass(frozen=True)
class OcrRepairResult:
    """Repaired text plus the list of replacements that produced it."""

    text: str
    repairs: tuple[TokenRepair, ...]


# --------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------


def fold(word: str) -> str:
    """Return the folding key of a lower-case word (å/ä→a, ö→o, é→e)."""
    return word.translate(_FOLD_TABLE)


def _has_letter(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def _is_number(token: str) -> bool:
    return token.isdigit()


def _context_class(token: str) -> str:
    """Map a token to the unit used for word-pair statistics."""
    if _YEAR_RE.fullmatch(token):
        return _YEAR_CLASS
    if _NUMBER_RE.fullmatch(token):
        return _NUM_CLASS
    return token.lower()


def apply_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation pattern of ``template``."""
    letters = [ch for ch in template if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URL, e-mail and file-path like chunks, which are never repaired."""
    return [m.span() for m in _URL_CHUNK_RE.finditer(text)]


def iter_tokens(text: str) -> Iterator[re.Match[str]]:
    """Yield word-like tokens (letters, digits, '&') outside URL-like chunks."""
    spans = _url_spans(text)
    index = 0
    for match in _TOKEN_RE.finditer(text):
        while index < len(spans) and spans[index][1] <= match.start():
            index += 1
        if index < len(spans) and spans[index][0] <= match.start() < spans[index][1]:
            continue
        yield match


def alphabetic_tokens(text: str) -> list[str]:
    """Tokens that contain at least one letter (the unit of the damage rate)."""
    return [m.group() for m in iter_tokens(text) if _has_letter(m.group())]


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
def _zipf(word: str) -> float:
    return zipf_frequency(word, "sv")


# --------------------------------------------------------------------------
# Candidate patterns
# --------------------------------------------------------------------------


def _char_options(ch: str) -> tuple[_Option, ...]:
    options = _CHAR_OPTIONS.get(ch)
    if options is not None:
        return options
    return ((fold(ch), frozenset(ch)),)


def _pair_options(pair: str) -> tuple[_Option, ...]:
    """Options for two characters that may render a single damaged letter."""
    if len(pair) != 2:
        return ()
    options: tuple[_Option, ...] = ()
    if set(pair) <= _PAIR_CHARS_A:
        options += _PAIR_OPTIONS_A
    if (set(pair) <= _PAIR_CHARS_O and "o" in pair and pair != "oo") or pair in _PAIRS_O_WITHOUT_O:
        options += _PAIR_OPTIONS_O
    return options


def expand_patterns(token: str) -> Iterator[tuple[str, tuple[frozenset[str], ...]]]:
    """Yield (folding key, allowed letters per position) for a lower-case token.

    Each character maps through ``_CHAR_OPTIONS``; a pair of damage characters
    may also stand for one letter.  The number of yielded keys is bounded by
    ``MAX_KEYS_PER_TOKEN``.
    """
    produced = 0

    def walk(
        pos: int, key: str, allowed: tuple[frozenset[str], ...]
    ) -> Iterator[tuple[str, tuple[frozenset[str], ...]]]:
        nonlocal produced
        if produced >= MAX_KEYS_PER_TOKEN:
            return
        if pos == len(token):
            produced += 1
            yield key, allowed
            return
        for key_char, letters in _char_options(token[pos]):
            yield from walk(pos + 1, key + key_char, allowed + (letters,))
        for key_char, letters in _pair_options(token[pos : pos + 2]):
            yield from walk(pos + 2, key + key_char, allowed + (letters,))

    yield from walk(0, "", ())


def matches_pattern(word: str, allowed: tuple[frozenset[str], ...]) -> bool:
    """True when every letter of ``word`` is allowed at its position."""
    return len(word) == len(allowed) and all(ch in letters for ch, letters in zip(word, allowed, strict=True))


# --------------------------------------------------------------------------
# The repairer
# --------------------------------------------------------------------------


class OcrRepairer:
    """Repairs OCR-damaged Swedish tokens using a lexicon plus the clean documents' vocabulary."""

    def __init__(self, reference_texts: Iterable[str] = ()) -> None:
        """Build the lexicon from wordfreq, Hunspell stems and ``reference_texts``.

        ``reference_texts`` are clean Swedish documents of the same domain; their
        word counts and word pairs steer the choice between candidates.
        """
        self._clean_counts: Counter[str] = Counter()
        self._pair_counts: Counter[tuple[str, str]] = Counter()
        self._clean_prefixes: Counter[str] = Counter()
        self._clean_suffixes: Counter[str] = Counter()
        for text in reference_texts:
            self._add_reference(text)
        self._index_compound_elements()
        known = set(_wordfreq_words())
        known.update(_hunspell_stems())
        known.update(self._clean_counts)
        self._known: frozenset[str] = frozenset(known)
        self._by_key: dict[str, list[str]] = {}
        for word in self._known:
            self._by_key.setdefault(fold(word), []).append(word)
        self._head_counts = _compound_head_counts(self._known)
        self._spell_cache: dict[str, bool] = {}
        self._candidate_cache: dict[str, tuple[str, ...]] = {}
        self._part_cache: dict[tuple[str, bool], tuple[str, ...]] = {}

    # ----- reference statistics -------------------------------------------

    def _add_reference(self, text: str) -> None:
        tokens = [m.group() for m in iter_tokens(text)]
        for token in tokens:
            if token.isalpha():
                self._clean_counts[token.lower()] += 1
        classes = [_context_class(t) for t in tokens]
        self._pair_counts.update(zip(classes, classes[1:], strict=False))

    def _index_compound_elements(self) -> None:
        """Count how many clean words start / end with each letter sequence."""
        for word in self._clean_counts:
            for cut in range(MIN_COMPOUND_PART, len(word) - MIN_LAST_PART + 1):
                self._clean_prefixes[word[:cut]] += 1
                if len(word) - cut >= MIN_LAST_PART:
                    self._clean_suffixes[word[cut:]] += 1

    def clean_count(self, word: str) -> int:
        """How often the clean reference documents use ``word`` (lower case)."""
        return self._clean_counts[word]

    # ----- lexicon --------------------------------------------------------

    def is_known_word(self, token: str) -> bool:
        """True when ``token`` is a Swedish word (any case)."""
        lower = token.lower()
        if not lower.isalpha():
            return False
        if lower in self._known:
            return True
        return self._hunspell_accepts(token)

    def _hunspell_accepts(self, word: str) -> bool:
        cached = self._spell_cache.get(word)
        if cached is None:
            dictionary = _hunspell_dictionary()
            cached = bool(dictionary is not None and dictionary.lookup(word))
            self._spell_cache[word] = cached
        return cached

    def _score(self, word: str) -> tuple[int, float, int]:
        """Ranking key: used by the clean documents, then frequency."""
        count = self._clean_counts[word]
        return (1 if count else 0, _zipf(word), count)

    # ----- candidate generation ------------------------------------------

    def _direct_candidates(self, lower: str) -> list[str]:
        """Known words that the damage patterns of ``lower`` can produce."""
        found: set[str] = set()
        for key, allowed in expand_patterns(lower):
            for word in self._by_key.get(key, ()):
                if matches_pattern(word, allowed):
                    found.add(word)
        return sorted(found)

    def _part_score(self, part: str, *, final: bool) -> float:
        """Plausibility of one compound part: frequency plus clean-document support."""
        stem = part if final else part.removesuffix("s")
        support = 1.0 if self._clean_supported(part, final=final) else 0.0
        if not final and self._productive_head(part):
            support += 0.5
        return max(_zipf(stem), _zipf(part)) + 2.0 * support

    def _part_candidates(self, fragment: str, *, last: bool) -> tuple[str, ...]:
        """Best few forms for one compound part.

        A final part must be a known word; earlier parts may also be a known
        word plus linking "s" or a productive compound-initial form.  The
        fragment itself is included when it qualifies, so that a valid
        compound can win over a "repaired" one.
        """
        cache_key = (fragment, last)
        cached = self._part_cache.get(cache_key)
        if cached is not None:
            return cached
        words = set(self._direct_candidates(fragment))
        if fragment in self._known:
            words.add(fragment)
        # A linking "s" before the next part, or a genitive "s" at the end ("vårdgarantins").
        shortest_stem = MIN_SUPPORTED_FINAL_PART if last else MIN_COMPOUND_PART
        if fragment.endswith("s") and len(fragment) > shortest_stem:
            stem = fragment[:-1]
            words.update(w + "s" for w in self._direct_candidates(stem))
            if stem in self._known:
                words.add(fragment)
        shortest = MIN_LAST_PART if last else MIN_COMPOUND_PART
        ranked = sorted(
            (w for w in words if len(w) >= shortest),
            key=lambda w: (self._part_score(w, final=last), w),
            reverse=True,
        )
        cached = tuple(ranked[:2])
        self._part_cache[cache_key] = cached
        return cached

    def _segmentations(self, lower: str) -> list[list[tuple[str, ...]]]:
        """Split ``lower`` into the fewest parts that each have candidates."""
        size = len(lower)
        frontier: dict[int, list[list[tuple[str, ...]]]] = {0: [[]]}
        for _ in range(MAX_COMPOUND_PARTS):
            reached: dict[int, list[list[tuple[str, ...]]]] = {}
            for pos, paths in sorted(frontier.items()):
                for end in range(pos + MIN_LAST_PART, size + 1):
                    if pos == 0 and end == size:
                        continue  # the whole token is not a known word
                    options = self._part_candidates(lower[pos:end], last=end == size)
                    if options:
                        bucket = reached.setdefault(end, [])
                        bucket.extend(path + [options] for path in paths[:MAX_SEGMENTATIONS])
            if size in reached:
                return reached[size][:MAX_SEGMENTATIONS]
            frontier = reached
        return []

    def _part_supported(self, part: str, *, final: bool) -> bool:
        """True when the clean documents (or the lexicon) back ``part`` as an element."""
        stem = part if final else part.removesuffix("s")
        if len(stem) < MIN_COMPOUND_PART:
            return False
        if final and len(part) < MIN_SUPPORTED_FINAL_PART:
            return False
        if self._clean_supported(part, final=final):
            return True
        return not final and len(stem) >= MIN_PRODUCTIVE_HEAD_LENGTH and self._productive_head(part)

    def _clean_supported(self, part: str, *, final: bool) -> bool:
        """The clean documents use ``part`` as a word or as the start (end) of their words."""
        stem = part if final else part.removesuffix("s")
        if self._clean_counts[stem] or self._clean_counts[part]:
            return True
        if final:
            return self._clean_suffixes[part] >= 2
        return self._clean_prefixes[part] >= 2 or self._clean_prefixes[stem] >= 2

    def _productive_head(self, part: str) -> bool:
        """Many lexicon words start with ``part`` (or it without a linking "s") and go on with a word."""
        stem = part.removesuffix("s")
        return max(self._head_counts[part], self._head_counts[stem]) >= MIN_PRODUCTIVE_HEAD

    def _long_lexicon_word(self, part: str) -> bool:
        """A final part that the lexicon holds (or holds without a genitive "s") and is long enough
        to be unambiguous ("perioder", "kontakten", "vårdgarantins")."""
        return len(part) >= MIN_LEXICON_FINAL_PART and (part in self._known or part.removesuffix("s") in self._known)

    def _compound_score(self, parts: tuple[str, ...]) -> tuple[int, float, float]:
        """Rank a compound: fewest parts, then its weakest part, then its average part."""
        last = len(parts) - 1
        values = [self._part_score(p, final=i == last) for i, p in enumerate(parts)]
        return -len(parts), min(values), sum(values) / len(values)

    def _compound_ok(self, word: str, parts: tuple[str, ...]) -> bool:
        """Accept a compound whose parts the clean documents back, or Hunspell knows.

        Hunspell-sv only compounds flagged stems, so many real compounds
        ("pandemiåret") are missing, while it accepts odd splits of rare
        stems; so a Hunspell-only compound must consist of common long parts.
        """
        last = len(parts) - 1
        if all(self._part_supported(p, final=i == last) for i, p in enumerate(parts[:last])) and (
            self._part_supported(parts[last], final=True) or self._long_lexicon_word(parts[last])
        ):
            return True
        common = all(len(p) >= MIN_COMPOUND_PART and _zipf(p.removesuffix("s")) >= MIN_PART_ZIPF for p in parts)
        return common and self._hunspell_accepts(word)

    def _compound_candidate(self, lower: str) -> str | None:
        """Best repaired compound of known parts, if any.

        Combinations are ranked by their parts' plausibility.  If the best
        acceptable one is the token itself, the token is a valid compound and
        stays.  Otherwise the first acceptable combination wins, unless
        Hunspell also accepts the token as it is.
        """
        scores: dict[str, tuple[int, float, float]] = {}
        splits: dict[str, list[tuple[str, ...]]] = {}
        for segmentation in self._segmentations(lower):
            for word, parts in _combine(segmentation):
                score = self._compound_score(parts)
                scores[word] = max(score, scores.get(word, score))
                splits.setdefault(word, []).append(parts)
        ranked = sorted(scores, key=lambda w: (scores[w], w), reverse=True)
        for word in ranked[:MAX_COMPOUND_LOOKUPS]:
            if not any(self._compound_ok(word, parts) for parts in splits[word]):
                continue
            if word == lower or self._hunspell_accepts(lower):
                return None
            return word
        return None

    def candidates(self, token: str) -> tuple[str, ...]:
        """Known-word repair candidates (lower case) for a token, best first."""
        lower = token.lower()
        cached = self._candidate_cache.get(lower)
        if cached is None:
            words = [w for w in self._direct_candidates(lower) if w != lower]
            # One letter per character beats merged character pairs ("dér" is
            # "där", not "är"); then clean-document use and frequency decide.
            cached = tuple(sorted(words, key=lambda w: (len(w), self._score(w), w), reverse=True))
            self._candidate_cache[lower] = cached
        return cached

    # ----- decisions ------------------------------------------------------

    def _is_repairable(self, token: str) -> bool:
        """Skip numbers, codes, single characters and short all-caps acronyms."""
        if len(token) < 2 or not any(ch.isalpha() or ch == "&" for ch in token):
            return False
        if any(ch.isdigit() and ch not in _DAMAGE_MARKERS for ch in token):
            return False
        letters = [ch for ch in token if ch.isalpha()]
        return not (token.isupper() and len(letters) <= 4 and "&" not in token)

    def _plausible_for_known(self, token: str, words: tuple[str, ...]) -> list[str]:
        """Diacritic variants that beat a valid word ``token`` by a wide margin."""
        lower = token.lower()
        own = _zipf(lower)
        own_count = self._clean_counts[lower]
        return [
            w
            for w in words
            if (_zipf(w) >= own + KNOWN_WORD_MIN_ZIPF_GAIN and self._clean_counts[w] >= own_count)
            or (own_count == 0 and self._clean_counts[w] >= CLEAN_VARIANT_MIN_COUNT)
        ]

    def _choose(self, words: list[str], previous: str | None, following: str | None) -> str:
        """Pick among candidates (already ranked); context breaks near-ties.

        Context is the clean documents' count of the candidate after the
        previous token plus before the following one ("65 ar" → "år",
        "ar 2024" → "år", "det ar" → "är").
        """
        words = [w for w in words if len(w) == len(words[0])]
        top_zipf = max(_zipf(w) for w in words)
        close = [w for w in words if _zipf(w) >= top_zipf - AMBIGUITY_ZIPF_RANGE]
        if len(close) > 1:
            prev_class = _context_class(previous) if previous else ""
            next_class = _context_class(following) if following else ""
            pairs = {w: self._pair_counts[prev_class, w] + self._pair_counts[w, next_class] for w in close}
            if max(pairs.values()) > 0:
                return max(close, key=lambda w: (pairs[w], self._score(w), w))
        return words[0]

    def repair_token(self, token: str, previous: str | None = None, following: str | None = None) -> str | None:
        """Return the repaired form of ``token`` or None when it stays as it is.

        ``previous`` (already repaired) and ``following`` are the neighbouring
        tokens, used only to choose between plausible variants.
        """
        if not self._is_repairable(token):
            return None
        lower = token.lower()
        if self._capital_i_for_l(token, previous):
            as_l = "l" + token[1:]  # "ett Iakemedel", "träffa Iakare": a lower-case l read as I
            fixed = self.repair_token(as_l, previous, following) or (as_l if as_l in self._known else None)
            if fixed:
                return fixed
        words = self.candidates(token)
        if lower in self._known:
            words = tuple(self._plausible_for_known(token, words))
        elif not words:
            compound = self._compound_candidate(lower)
            words = (compound,) if compound else ()
        if not words:
            return None
        return apply_case(token, self._choose(list(words), previous, following))

    def _capital_i_for_l(self, token: str, previous: str | None) -> bool:
        """A capital I starting an unknown lower-case word in mid-sentence, where an l makes more sense."""
        return (
            len(token) >= 4
            and token[0] == "I"
            and token[1:].isalpha()
            and token[1:].islower()
            and previous is not None
            and previous[:1].islower()
            and not self.is_known_word(token)
        )

    def _standalone_one_is_i(self, previous: str | None, following: str | None) -> bool:
        """Decide whether a lone "1" between two words is a damaged "i".

        Conservative: both neighbours must be lower-case words, and the
        clean documents' word pairs must favour "i" over a number there.
        """
        if previous is None or following is None:
            return False
        if not (previous.isalpha() and following.isalpha() and following.islower()):
            return False
        prev_class, next_class = previous.lower(), following.lower()
        as_word = self._pair_counts[prev_class, "i"] + self._pair_counts["i", next_class]
        as_number = self._pair_counts[prev_class, _NUM_CLASS] + self._pair_counts[_NUM_CLASS, next_class]
        return as_word > as_number

    # ----- public entry point ---------------------------------------------

    def repair(self, text: str) -> OcrRepairResult:
        """Repair all damaged tokens of ``text``; offsets refer to the input."""
        matches = list(iter_tokens(text))
        repaired_tokens = [m.group() for m in matches]
        repairs: list[TokenRepair] = []
        for index, match in enumerate(matches):
            token = match.group()
            previous = _adjacent(text, matches, repaired_tokens, index, -1)
            following = _adjacent(text, matches, repaired_tokens, index, 1)
            if token == "1":
                fixed = "i" if self._standalone_one_is_i(previous, following) else None
            else:
                fixed = self.repair_token(token, previous, following)
            if fixed is not None and fixed != token:
                repaired_tokens[index] = fixed
                repairs.append(TokenRepair(match.start(), match.end(), token, fixed))
        return OcrRepairResult(_apply_repairs(text, repairs), tuple(repairs))


def _compound_head_counts(lexicon: frozenset[str]) -> Counter[str]:
    """For each word start, how many lexicon words are that start followed by a lexicon word."""
    counts: Counter[str] = Counter()
    for word in lexicon:
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_HEAD_REST + 1):
            if word[cut:] in lexicon:
                counts[word[:cut]] += 1
    return counts


def _combine(segmentation: list[tuple[str, ...]]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """All (word, parts) concatenations of one option per compound part."""
    if not segmentation:
        yield "", ()
        return
    for head in segmentation[0]:
        for tail, parts in _combine(segmentation[1:]):
            yield head + tail, (head, *parts)


def _adjacent(
    text: str,
    matches: list[re.Match[str]],
    tokens: list[str],
    index: int,
    step: int,
) -> str | None:
    """The neighbouring token if only white space separates it from ``index``."""
    other = index + step
    if not 0 <= other < len(matches):
        return None
    left, right = (matches[other], matches[index]) if step < 0 else (matches[index], matches[other])
    gap = text[left.end() : right.start()]
    if gap and not gap.isspace():
        return None
    return tokens[other]


def _apply_repairs(text: str, repairs: list[TokenRepair]) -> str:
    pieces: list[str] = []
    cursor = 0
    for repair in repairs:
        pieces.append(text[cursor : repair.start])
        pieces.append(repair.repaired)
        cursor = repair.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# --------------------------------------------------------------------------
# Damage detection
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_repairer() -> OcrRepairer:
    return OcrRepairer()


def damaged_token_rate(text: str, repairer: OcrRepairer | None = None) -> float:
    """Share of alphabetic tokens that are not Swedish words (used to auto-detect OCR damage)."""
    checker = repairer or _default_repairer()
    tokens = alphabetic_tokens(text)
    if not tokens:
        return 0.0
    unknown = sum(1 for token in tokens if not checker.is_known_word(token))
    return unknown / len(tokens)


def looks_ocr_damaged(text: str) -> bool:
    """True when the damaged-token rate is clearly above a clean Swedish document's."""
    return damaged_token_rate(text) > DAMAGED_RATE_THRESHOLD
