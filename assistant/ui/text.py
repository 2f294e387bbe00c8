"""Document text made safe to show as Streamlit Markdown."""

from __future__ import annotations

import re

from assistant.retrieval.neighbours import Sentence
from assistant.text.display import markdown_escape

# Beyond markdown_escape (HTML, links, headings): emphasis, strikethrough, tables and Streamlit's
# $…$ LaTeX would otherwise reshape a document's words.
_MORE_MARKDOWN = re.compile(r"([*_~|$])")
# GitHub-flavoured Markdown turns bare addresses into links: "http(s)://…", "www.…" and "namn@domän.se"
# (and mailto:/xmpp:). An invisible word joiner after the scheme, after "www" and after "@" breaks each
# pattern, so a document's addresses stay visible but are never clickable. Backslash escapes do not
# help: the autolinks are found in the text after escapes are resolved.
_AUTOLINK_START = re.compile(r"\b(?:https?|ftp|mailto|xmpp)(?=:)|\bwww(?=\.)|@(?=\w)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Text shown exactly as written, never as HTML, Markdown formatting or a clickable address."""
    return inert_addresses(_MORE_MARKDOWN.sub(r"\\\1", markdown_escape(text)))


def inert_addresses(text: str) -> str:
    """Text whose URLs, www. addresses and e-mail addresses Markdown shows as text, not as links."""
    return _AUTOLINK_START.sub(lambda m: m.group(0) + WORD_JOINER, text)


def sentences_markdown(sentences: list[Sentence | None]) -> str:
    """Sentences as paragraphs and list items, cited ones marked; None shows as an ellipsis."""
    blocks: list[str] = []
    paragraph: list[str] = []
    for sentence in sentences:
        piece = "…" if sentence is None else _marked(sentence)
        if sentence is not None and sentence.bullet:
            if paragraph:
                blocks.append(" ".join(paragraph))
                paragraph = []
            blocks.append(f"- {piece}")
        else:
            paragraph.append(piece)
    if paragraph:
        blocks.append(" ".join(paragraph))
    return "\n\n".join(blocks)


def _marked(sentence: Sentence) -> str:
    text = plain(sentence.text.strip())
    return f":orange-background[**{text}**]" if sentence.cited else text
