"""Text folding shared by the keyword index, the evaluation and ingest: case, diacritics, dashes."""

from __future__ import annotations

import re
import unicodedata

#: The Swedish letters with diacritics on their base letter: the part every fold shares.
_SWEDISH_LETTERS = {"å": "a", "ä": "a", "ö": "o", "é": "e"}
_LETTER_TABLE = str.maketrans(
    {**_SWEDISH_LETTERS, **{letter.upper(): base.upper() for letter, base in _SWEDISH_LETTERS.items()}}
)
_FOLD_TABLE = str.maketrans(
    {
        **_SWEDISH_LETTERS,
        "á": "a",
        "à": "a",
        "ø": "o",
        "ó": "o",
        "è": "e",
        "ü": "u",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00ad": None,
    }
)
_WHITESPACE = re.compile(r"\s+")
_LINE_BREAK_HYPHEN = re.compile(r"(\w)-\s*\n\s*(\w)")


def fold(text: str) -> str:
    """Fold text for comparison: NFC, lower case, å/ä→a, ö→o, é→e, dashes→'-', collapsed spaces."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _LINE_BREAK_HYPHEN.sub(r"\1\2", text)
    text = text.translate(_FOLD_TABLE)
    return _WHITESPACE.sub(" ", text).strip()


def fold_letters(text: str) -> str:
    """Fold only the Swedish letters (å/ä→a, ö→o, é→e, case kept), one character for one.

    Unlike ``fold`` the result has the input's length and case, so it can key words whose
    letters are compared position by position (OCR repair) or become an identifier (slugs).
    """
    return text.translate(_LETTER_TABLE)
