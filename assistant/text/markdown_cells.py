"""Text as one cell of a Markdown table: on one line, shortened, nothing in it rendered as HTML, links or columns."""

from __future__ import annotations

import html
import re
from typing import Any

_WHITESPACE = re.compile(r"\s+")
_TABLE_MARKDOWN = re.compile(r"([\[\]`|])")


def markdown_cell(value: Any, max_chars: int | None = None) -> str:
    """The value's text on one line, cut at a word before max_chars (then " …"), with HTML, brackets,
    backticks and pipes escaped; None is the empty cell."""
    text = _WHITESPACE.sub(" ", str(value if value is not None else "")).strip()
    if max_chars is not None and len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > 0 else max_chars] + " …"
    return _TABLE_MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))
