"""Which term a question asks the meaning of ("Vad är RSS?", "Vad står begreppet nära vård för?", "LRS – vad
betyder det?"), and the passages that define it.

A glossary term only counts when the question asks what it means: the term follows the question's cue
("vad är", "vad betyder", "what does") or is what "det" in "… – vad är det?" stands for. A question that
merely contains the term ("Vad är täljare och nämnare för måttet Andel SIP, kommun?") asks about something else.
"""

from __future__ import annotations

import re

from assistant.tables.tools import TableTools
from assistant.text.folding import fold

# The cue, then words that only introduce the term ("begreppet", "en", "the abbreviation"), then the term.
_CUE = (
    r"\b(?:vad (?:ar|betyder|innebar|menas med|avses med|star)|vilken betydelse har|what (?:is|are|does|do)"
    r"|meaning of|define|betydelsen av)\s+"
)
_INTRODUCING = r"(?:(?:begreppet|begreppen|forkortningen|termen|ordet|uttrycket|en|ett|egentligen|the|an?|term"
_INTRODUCING += r"|abbreviation|acronym|concept)\s+)*"
_CUE_THEN_TERM = re.compile(_CUE + _INTRODUCING)
# "Nätverk Nära vård i Sörmland – vad är det?": the term, a dash or colon, and a cue about "det".
_TERM_THEN_CUE = re.compile(
    r"^\s*" + _INTRODUCING + r"(?P<term>[^–:?]+?)\s*[–:-]\s*"
    r"(?:vad (?:ar|betyder|innebar) (?:det|den|de)|what (?:is|does) (?:it|that))\b"
)


def definition_chunk_ids(question: str, tools: TableTools) -> list[str]:
    """Chunks holding a glossary entry for the term a definitional question asks about; [] otherwise."""
    chosen = _entries(question, tools)
    return list(dict.fromkeys(r["source_chunk_id"] for r in chosen if r["source_chunk_id"]))


def defined_terms(question: str, tools: TableTools) -> list[str]:
    """The glossary terms (longest match) whose meaning the question asks for."""
    return list(dict.fromkeys(r["term"] for r in _entries(question, tools)))


def abbreviation_expansions(question: str, tools: TableTools) -> str:
    """The spelled-out forms of the abbreviation a definitional question asks about, to widen a keyword query."""
    chosen = [r for r in _entries(question, tools) if r["typ"] == "förkortning"]
    return " ".join(dict.fromkeys(r["forklaring"] for r in chosen))


def asked_positions(folded_question: str) -> list[int]:
    """Where in the folded question a term whose meaning is asked would start (after each cue)."""
    positions = [m.end() for m in _CUE_THEN_TERM.finditer(folded_question)]
    before = _TERM_THEN_CUE.match(folded_question)
    if before:
        positions.append(before.start("term"))
    return positions


def _entries(question: str, tools: TableTools) -> list[dict]:
    folded = fold(question)
    if not tools.available:
        return []
    positions = asked_positions(folded)
    if not positions:
        return []
    named = [r for r in tools.table("glossary") if any(_names_at(folded, fold(r["term"]), p) for p in positions)]
    if not named:
        return []
    longest = max(len(fold(r["term"])) for r in named)
    chosen = [r for r in named if len(fold(r["term"])) == longest]
    return sorted(chosen, key=lambda r: r["typ"] != "begrepp")  # a glossary section's entry first


def _names_at(folded_question: str, folded_term: str, position: int) -> bool:
    """The term is written at that position, as a word of its own.

    "SIP-kollen" is not a question about "SIP": a hyphen joins the term into another name.
    """
    if len(folded_term) < 2:
        return False
    pattern = re.compile(rf"{re.escape(folded_term)}(?![\w]|-\w)")
    return pattern.match(folded_question, position) is not None
