"""Detect OCR damage: the share of a text's words that no Swedish lexicon knows."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from assistant.ingest.ocr.lexicon import Lexicon
from assistant.ingest.ocr.tokens import alphabetic_tokens

#: Damaged-token rate of clean Swedish reports is about 0.02-0.04; OCR-damaged
#: ones are several times higher.
DAMAGED_RATE_THRESHOLD = 0.08


class WordChecker(Protocol):
    """Anything that tells a Swedish word from a non-word (a Lexicon or an OcrRepairer)."""

    def is_known_word(self, token: str) -> bool:
        """True when ``token`` is a Swedish word (any case)."""
        ...


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon()


def damaged_token_rate(text: str, repairer: WordChecker | None = None) -> float:
    """Share of alphabetic tokens that are not Swedish words (used to auto-detect OCR damage)."""
    checker = repairer or _default_lexicon()
    tokens = alphabetic_tokens(text)
    if not tokens:
        return 0.0
    unknown = sum(1 for token in tokens if not checker.is_known_word(token))
    return unknown / len(tokens)


def looks_ocr_damaged(text: str) -> bool:
    """True when the damaged-token rate is clearly above a clean Swedish document's."""
    return damaged_token_rate(text) > DAMAGED_RATE_THRESHOLD
