"""Document text as users see it: cleaned of extraction debris, and escaped when shown as Markdown."""

from __future__ import annotations

import html
import re

_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*([a-zåäöé])")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|br|p|span|sup|sub)\s*/?>", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^\s*(?:sida\s*)?\d{1,4}(?:\s*(?:av|/)\s*\d{1,4})?\s*$", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Text as the user should see it: no soft hyphens, line-break hyphenation or odd spaces."""
    text = _HTML_TAG.sub("", text.replace("\u00ad", "").replace("\r", ""))
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if not _PAGE_LINE.match(line))


def markdown_escape(text: str) -> str:
    """Escape what would render as HTML, images or links when document text is shown as Markdown."""
    text = html.escape(text, quote=False)
    text = text.replace("[", "\\[").replace("]", "\\]")
    text = text.replace("`", "\\`")
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text, flags=re.MULTILINE)  # "3\. Förebyggande", not a list
    return re.sub(r"^([#>+])(\s)", r"\\\1\2", text, flags=re.MULTILINE)
