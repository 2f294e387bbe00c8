"""The tokens OCR repair works on: words, numbers and "&" outside URLs, and their context classes."""

from __future__ import annotations

import re
from collections.abc import Iterator

_TOKEN_RE = re.compile(r"(?:[^\W_]|&)+")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_URL_CHUNK_RE = re.compile(
    r"\S*(?:://|www\.|@|\.(?:se|com|org|nu|net|eu|int|gov|html?|pdf|aspx?)\b"
    r"|/\S*/|/#|\w-\w+/)\S*",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")

#: Context class of every number that is not a year, so that "65 ar" and "12 ar" count as one pair.
NUM_CLASS = "<num>"
YEAR_CLASS = "<year>"


def has_letter(token: str) -> bool:
    """True when the token holds at least one letter."""
    return any(ch.isalpha() for ch in token)


def context_class(token: str) -> str:
    """Map a token to the unit used for word-pair statistics (years and numbers pooled)."""
    if _YEAR_RE.fullmatch(token):
        return YEAR_CLASS
    if _NUMBER_RE.fullmatch(token):
        return NUM_CLASS
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
    return [m.group() for m in iter_tokens(text) if has_letter(m.group())]


def adjacent(text: str, matches: list[re.Match[str]], tokens: list[str], index: int, step: int) -> str | None:
    """The neighbouring token (``step`` -1 or 1) if only white space separates it from ``index``."""
    other = index + step
    if not 0 <= other < len(matches):
        return None
    left, right = (matches[other], matches[index]) if step < 0 else (matches[index], matches[other])
    gap = text[left.end() : right.start()]
    if gap and not gap.isspace():
        return None
    return tokens[other]
