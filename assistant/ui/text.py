"""Document text made safe to show as Streamlit Markdown."""

from __future__ import annotations

import re

from assistant.retrieval.neighbours import Sentence
from assistant.text.display import markdown_escape

# Beyond markdown_escape (HTML, links, headings): emphasis, strikethrough, tables and Streamlit's
# $…$ LaTeX would otherwise reshape a document's words.
_MORE_MARKDOWN = re.compile(r"([*_~|$])")


def plain(text: str) -> str:
    """Text shown exactly as written, never as HTML or Markdown formatting."""
    return _MORE_MARKDOWN.sub(r"\\\1", markdown_escape(text))


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
