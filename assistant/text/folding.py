"""Text folding shared by the keyword index and the evaluation: case, diacritics, dashes."""

from __future__ import annotations

import re
import unicodedata

_FOLD_TABLE = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "á": "a",
        "à": "a",
        "ö": "o",
        "ø": "o",
        "ó": "o",
        "é": "e",
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
