"""Repair OCR damage to Swedish letters (å, ä, ö) in extracted document text.

The OCR engine that produced some corpus documents renders the Swedish letters
å, ä and ö as look-alike characters or digits ("f6lja" for "följa", "néra vérd"
for "nära vård", "&r" for "är", "hdlso" for "hälso"), sometimes as two
characters ("véarden" for "vården"), and often simply drops the dots and rings
("Forord" for "Förord").

Repair is lexicon driven.  Every known word is indexed under a *folding key* in
which å/ä→a, ö→o and é→e, so all diacritic variants of a word share one key
(``lexicon``).  A damaged token is expanded into the few keys its damage pattern
allows (``d`` may be ``d``, ``ä``, ``å`` or ``ö``; ``6`` is ``ö`` ...; ``patterns``),
the words under those keys are filtered character by character against the
pattern, and the best one wins: words used by the clean reference documents
first (``reference``), then overall frequency (wordfreq).  Compounds that no word
list holds are segmented into known parts and verified with the Hunspell
dictionary shipped by ``hunspell-sv`` (via ``spylls``; ``compounds``).

Tokens that *are* words but are usually damaged forms ("for", "pa", "vard")
are replaced only when a diacritic variant is far more frequent in Swedish and
at least as common in the clean documents.  When several variants remain
plausible ("ar": "är" or "år") the previous word decides, using word-pair
counts from the clean documents (numbers are pooled into one class, so "65 ar"
becomes "65 år"; ``context``).  This module ties the steps together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.ingest.ocr import context
from assistant.ingest.ocr.compounds import CompoundRepairer
from assistant.ingest.ocr.lexicon import Lexicon
from assistant.ingest.ocr.patterns import is_repairable
from assistant.ingest.ocr.reference import ReferenceCounts
from assistant.ingest.ocr.tokens import adjacent, apply_case, iter_tokens

__all__ = ["OcrRepairResult", "OcrRepairer", "TokenRepair"]

#: One-letter damage the look-alike patterns do not cover, tried on non-words that nothing else repairs:
#: a dropped å, ä or ö ("vrdkontakt" for "vårdkontakt"), a g read as a ("Sveriaes", "Reaioner") and an
#: ö read as g ("mgjligheten"). Only a word the clean documents use is accepted.
_DROPPED_LETTERS = "åäö"
#: A capitalised token shorter than this is not repaired by merging two characters into one letter: such a
#: token is more often a short name ("Ria-stugan") than a damaged word ("pad" for "på" is lower case).
MIN_MERGED_NAME = 4
_MISREAD_LETTERS = {"a": "g", "g": "ö"}


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


class OcrRepairer:
    """Repairs OCR-damaged Swedish tokens using a lexicon plus the clean documents' vocabulary."""

    def __init__(self, reference_texts: Iterable[str] = ()) -> None:
        """Build the lexicon from wordfreq, Hunspell stems and ``reference_texts``.

        ``reference_texts`` are clean Swedish documents of the same domain; their
        word counts and word pairs steer the choice between candidates.
        """
        self._reference = ReferenceCounts(reference_texts)
        self._lexicon = Lexicon(self._reference.words)
        self._compounds = CompoundRepairer(self._lexicon, self._reference)
        self._candidate_cache: dict[str, tuple[str, ...]] = {}

    def clean_count(self, word: str) -> int:
        """How often the clean reference documents use ``word`` (lower case)."""
        return self._reference.words[word]

    def is_known_word(self, token: str) -> bool:
        """True when ``token`` is a Swedish word (any case)."""
        return self._lexicon.is_known_word(token)

    def candidates(self, token: str) -> tuple[str, ...]:
        """Known-word repair candidates (lower case) for a token, best first."""
        lower = token.lower()
        cached = self._candidate_cache.get(lower)
        if cached is None:
            words = [w for w in self._lexicon.matching(lower) if w != lower]
            # One letter per character beats merged character pairs ("dér" is
            # "där", not "är"); then clean-document use and frequency decide.
            cached = tuple(sorted(words, key=lambda w: (len(w), self._reference.score(w), w), reverse=True))
            self._candidate_cache[lower] = cached
        return cached

    def repair_token(self, token: str, previous: str | None = None, following: str | None = None) -> str | None:
        """Return the repaired form of ``token`` or None when it stays as it is.

        ``previous`` (already repaired) and ``following`` are the neighbouring
        tokens, used only to choose between plausible variants.
        """
        if not is_repairable(token):
            return None
        lower = token.lower()
        if context.capital_i_for_l(token, previous, self._lexicon):
            as_l = "l" + token[1:]  # "ett Iakemedel", "träffa Iakare": a lower-case l read as I
            fixed = self.repair_token(as_l, previous, following) or (as_l if as_l in self._lexicon else None)
            if fixed:
                return fixed
        words = self.candidates(token)
        if token[0].isupper() and len(token) < MIN_MERGED_NAME:
            words = tuple(w for w in words if len(w) == len(token))  # "Ria" (a name) is no merged "Rå"
        if lower in self._lexicon:
            words = tuple(context.plausible_for_known(token, words, self._reference))
        elif not words:
            compound = self._compounds.candidate(lower)
            words = (compound,) if compound else self._one_letter_repairs(lower)
        if not words:
            return None
        return apply_case(token, context.choose(list(words), previous, following, self._reference))

    def _one_letter_repairs(self, lower: str) -> tuple[str, ...]:
        """Words of the clean documents one dropped or misread letter away from ``lower``, best first."""
        variants = {lower[:i] + letter + lower[i:] for i in range(len(lower) + 1) for letter in _DROPPED_LETTERS}
        variants |= {
            lower[:i] + _MISREAD_LETTERS[ch] + lower[i + 1 :] for i, ch in enumerate(lower) if ch in _MISREAD_LETTERS
        }
        used = [w for w in variants if self._reference.words[w] > 0]
        return tuple(sorted(used, key=lambda w: (self._reference.score(w), w), reverse=True))

    def repair(self, text: str) -> OcrRepairResult:
        """Repair all damaged tokens of ``text``; offsets refer to the input."""
        matches = list(iter_tokens(text))
        repaired_tokens = [m.group() for m in matches]
        repairs: list[TokenRepair] = []
        for index, match in enumerate(matches):
            token = match.group()
            previous = adjacent(text, matches, repaired_tokens, index, -1)
            following = adjacent(text, matches, repaired_tokens, index, 1)
            if token == "1":
                fixed = "i" if context.standalone_one_is_i(previous, following, self._reference) else None
            else:
                fixed = self.repair_token(token, previous, following)
            if fixed is not None and fixed != token:
                repaired_tokens[index] = fixed
                repairs.append(TokenRepair(match.start(), match.end(), token, fixed))
        return OcrRepairResult(_apply_repairs(text, repairs), tuple(repairs))


def _apply_repairs(text: str, repairs: list[TokenRepair]) -> str:
    pieces: list[str] = []
    cursor = 0
    for repair in repairs:
        pieces.append(text[cursor : repair.start])
        pieces.append(repair.repaired)
        cursor = repair.end
    pieces.append(text[cursor:])
    return "".join(pieces)
