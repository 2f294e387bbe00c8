"""Context rules of OCR repair: when a valid word is still a damaged form, and which variant fits.

The evidence is Swedish frequency (Zipf) and the clean documents' word and word-pair counts:
"for" becomes "för" because "för" is far more common, "65 ar" becomes "65 år" and "det ar"
"det är" because of the words around them.
"""

from __future__ import annotations

from assistant.ingest.ocr.lexicon import Lexicon, zipf
from assistant.ingest.ocr.reference import ReferenceCounts
from assistant.ingest.ocr.tokens import NUM_CLASS, context_class

#: A valid word is treated as damaged only when a diacritic variant is at least
#: this much more frequent (Zipf scale: +1.0 means ten times as frequent).
KNOWN_WORD_MIN_ZIPF_GAIN = 1.0
#: ...or when the clean documents of the corpus use a diacritic variant at least this often and the
#: token itself never ("Matt:" → "Mått:", "Kalla:" → "Källa:" in a corpus that writes "Mått" and "Källa").
CLEAN_VARIANT_MIN_COUNT = 5
#: Variants within this Zipf distance of the best one count as plausible
#: alternatives, between which context decides.
AMBIGUITY_ZIPF_RANGE = 1.5


def plausible_for_known(token: str, words: tuple[str, ...], reference: ReferenceCounts) -> list[str]:
    """Diacritic variants that beat a valid word ``token`` by a wide margin."""
    lower = token.lower()
    own = zipf(lower)
    own_count = reference.words[lower]
    return [
        w
        for w in words
        if (zipf(w) >= own + KNOWN_WORD_MIN_ZIPF_GAIN and reference.words[w] >= own_count)
        or (own_count == 0 and reference.words[w] >= CLEAN_VARIANT_MIN_COUNT)
    ]


def choose(words: list[str], previous: str | None, following: str | None, reference: ReferenceCounts) -> str:
    """Pick among candidates (already ranked); context breaks near-ties.

    Context is the clean documents' count of the candidate after the
    previous token plus before the following one ("65 ar" → "år",
    "ar 2024" → "år", "det ar" → "är").
    """
    words = [w for w in words if len(w) == len(words[0])]
    top_zipf = max(zipf(w) for w in words)
    close = [w for w in words if zipf(w) >= top_zipf - AMBIGUITY_ZIPF_RANGE]
    if len(close) > 1:
        prev_class = context_class(previous) if previous else ""
        next_class = context_class(following) if following else ""
        pairs = {w: reference.pairs[prev_class, w] + reference.pairs[w, next_class] for w in close}
        if max(pairs.values()) > 0:
            return max(close, key=lambda w: (pairs[w], reference.score(w), w))
    return words[0]


def capital_i_for_l(token: str, previous: str | None, lexicon: Lexicon) -> bool:
    """A capital I starting an unknown lower-case word in mid-sentence, where an l makes more sense."""
    return (
        len(token) >= 4
        and token[0] == "I"
        and token[1:].isalpha()
        and token[1:].islower()
        and previous is not None
        and previous[:1].islower()
        and not lexicon.is_known_word(token)
    )


def standalone_one_is_i(previous: str | None, following: str | None, reference: ReferenceCounts) -> bool:
    """Decide whether a lone "1" between two words is a damaged "i".

    Conservative: both neighbours must be lower-case words, and the
    clean documents' word pairs must favour "i" over a number there.
    """
    if previous is None or following is None:
        return False
    if not (previous.isalpha() and following.isalpha() and following.islower()):
        return False
    prev_class, next_class = previous.lower(), following.lower()
    as_word = reference.pairs[prev_class, "i"] + reference.pairs["i", next_class]
    as_number = reference.pairs[prev_class, NUM_CLASS] + reference.pairs[NUM_CLASS, next_class]
    return as_word > as_number
