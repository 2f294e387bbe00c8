"""Which passages define the term a question asks about ("Vad är RSS?", "Vad står begreppet nära vård för?")."""

from __future__ import annotations

import re

from assistant.tables.tools import TableTools
from assistant.text.folding import fold

_DEFINITION_CUE = re.compile(
    r"\b(vad (ar|betyder|innebar|menas med|avses med)|vad star .+ for\b|begreppet|forkortningen|termen"
    r"|what (is|are|does)|stands? for|meaning of|define)\b"
)


def definition_chunk_ids(question: str, tools: TableTools) -> list[str]:
    """Chunks holding a glossary entry for the longest term a definitional question names; [] otherwise."""
    chosen = _entries(question, tools)
    return list(dict.fromkeys(r["source_chunk_id"] for r in chosen if r["source_chunk_id"]))


def defined_terms(question: str, tools: TableTools) -> list[str]:
    """The glossary terms (longest match) a definitional question asks about."""
    return list(dict.fromkeys(r["term"] for r in _entries(question, tools)))


def abbreviation_expansions(question: str, tools: TableTools) -> str:
    """The spelled-out forms of the abbreviation a definitional question asks about, to widen a keyword query."""
    chosen = [r for r in _entries(question, tools) if r["typ"] == "förkortning"]
    return " ".join(dict.fromkeys(r["forklaring"] for r in chosen))


def _entries(question: str, tools: TableTools) -> list[dict]:
    folded = fold(question)
    if not tools.available or not _DEFINITION_CUE.search(folded):
        return []
    named = [r for r in tools.table("glossary") if _names(folded, fold(r["term"]))]
    if not named:
        return []
    longest = max(len(fold(r["term"])) for r in named)
    chosen = [r for r in named if len(fold(r["term"])) == longest]
    return sorted(chosen, key=lambda r: r["typ"] != "begrepp")  # a glossary section's entry first


def _names(folded_question: str, folded_term: str) -> bool:
    # "SIP-kollen" is not a question about "SIP": a hyphen joins the term into another name.
    pattern = rf"(?<![\w-]){re.escape(folded_term)}(?![\w]|-\w)"
    return len(folded_term) >= 2 and re.search(pattern, folded_question) is not None
