"""Document text made safe to show as Streamlit Markdown."""

from __future__ import annotations

import re

from assistant.retrieval.neighbours import Sentence
from assistant.text.display import markdown_escape

# Beyond markdown_escape (HTML, links, headings): emphasis, strikethrough, tables and Streamlit's
# $…$ LaTeX would otherwise reshape a document's words.
_MORE_MARKDOWN = re.compile(r"([*_~|$])")
# In an answer a pipe may be a table the answerer drew, so pipes stay; the rest of _MORE_MARKDOWN is escaped
# unless the answerer already escaped it.
_MORE_MARKDOWN_KEEP_TABLES = re.compile(r"(?<!\\)([*_~$])")
# GitHub-flavoured Markdown turns bare addresses into links: "http(s)://…", "www.…" and "namn@domän.se"
# (and mailto:/xmpp:). An invisible word joiner after the scheme, after "www" and after "@" breaks each
# pattern, so a document's addresses stay visible but are never clickable. Backslash escapes do not
# help: the autolinks are found in the text after escapes are resolved.
_AUTOLINK_START = re.compile(r"\b(?:https?|ftp|mailto|xmpp)(?=:)|\bwww(?=\.)|@(?=\w)", re.IGNORECASE)
WORD_JOINER = "\u2060"
# A web address as written in a text: a scheme or "www.", then everything up to white space.
_ADDRESS = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"')\]\\]+")
_HOST = re.compile(r"(?i)^(?:(?:https?|ftp)://)?(?:[^@/\s]*@)?([a-z0-9.-]+\.[a-z]{2,})")


def plain(text: str) -> str:
    """Text shown exactly as written, never as HTML, Markdown formatting or a clickable address."""
    return inert_addresses(_MORE_MARKDOWN.sub(r"\\\1", markdown_escape(_name_domains(text))))


def answer_markdown(text: str) -> str:
    """An answer's text (Markdown the answerer wrote: [n] markers, list items, small tables) made inert.

    The answerers escape HTML, brackets and headings in the words they quote (markdown_escape) but an
    answer may still carry what a document or a language model wrote as emphasis, LaTeX ($…$) or bare
    addresses; here those show as written text, and every web address is followed by its domain.
    """
    text = _MORE_MARKDOWN_KEEP_TABLES.sub(r"\\\1", _name_domains(text))
    # "[1](https://…)" would make a marker a link: the parenthesis after a bracket is escaped.
    return inert_addresses(text.replace("](", "]\\("))


def inert_addresses(text: str) -> str:
    """Text whose URLs, www. addresses and e-mail addresses Markdown shows as text, not as links."""
    return _AUTOLINK_START.sub(lambda m: m.group(0) + WORD_JOINER, text)


def domain_of(address: str) -> str:
    """The host an address points at ('https://www.example.se/x' -> 'www.example.se'); '' if none."""
    match = _HOST.match(address.strip())
    return match.group(1).lower().rstrip(".") if match else ""


def _name_domains(text: str) -> str:
    # "… https://evil.example/login …" -> "… https://evil.example/login (adress till evil.example) …": the
    # reader sees where an address would lead without the app ever making it a link.
    def named(match: re.Match) -> str:
        address = match.group(0).rstrip(".,;:!?")
        tail = match.group(0)[len(address) :]
        domain = domain_of(address)
        return f"{address} (adress till {domain}){tail}" if domain else match.group(0)

    return _ADDRESS.sub(named, text)


def sentences_markdown(sentences: list[Sentence | None], warned: tuple[str, ...] = ()) -> str:
    """Sentences as paragraphs and list items, cited ones marked; None shows as an ellipsis.

    A sentence among `warned` (text addressed to the assistant or the reader, flagged at ingest) is marked
    red with a warning sign, whether cited or not.
    """
    flagged = {" ".join(w.split()) for w in warned}
    blocks: list[str] = []
    paragraph: list[str] = []
    for sentence in sentences:
        if sentence is not None and flagged and _is_flagged(sentence.text, flagged):
            piece = f":red-background[:material/warning: {plain(sentence.text.strip())}]"
        else:
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


def _is_flagged(text: str, flagged: set[str]) -> bool:
    words = " ".join(text.split())
    return bool(words) and any(words in f or f in words for f in flagged)


def _marked(sentence: Sentence) -> str:
    text = plain(sentence.text.strip())
    return f":orange-background[**{text}**]" if sentence.cited else text
