"""Damage patterns: which Swedish letters an OCR character, or a pair of them, may stand for."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.text.folding import fold_letters

#: Upper bound on folding keys tried for one token (bounds the search).
MAX_KEYS_PER_TOKEN = 4096

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


def is_repairable(token: str) -> bool:
    """False for numbers, codes, single characters and short all-caps acronyms."""
    if len(token) < 2 or not any(ch.isalpha() or ch == "&" for ch in token):
        return False
    if any(ch.isdigit() and ch not in _DAMAGE_MARKERS for ch in token):
        return False
    letters = [ch for ch in token if ch.isalpha()]
    return not (token.isupper() and len(letters) <= 4 and "&" not in token)


def _char_options(ch: str) -> tuple[_Option, ...]:
    options = _CHAR_OPTIONS.get(ch)
    if options is not None:
        return options
    return ((fold_letters(ch), frozenset(ch)),)


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
