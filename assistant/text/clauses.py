"""The clauses of a question: where it asks its next thing ("Vad står LRS för och vad är dess uppdrag?",
"… vilken tidsperiod, är den avslutad?"). The comparison split reads them: a question that names two sides
asks of each when it names them in clauses of their own."""

from __future__ import annotations

import re

_QUESTION_WORDS = (
    "vad|hur|vilka|vilken|vilket|när|vem|vems|var|varför|finns|är|har|blev|ska|kan|"
    "what|how|which|when|who|where|why|is|are|does|did|was|were"
)
# The end of a sentence, or a conjunction or comma before a question word ("…, och vad planerades …",
# "… och hur ser det ut …", "…, vilken källa …").
CLAUSE_BREAK = re.compile(
    rf"[.?!;:]\s+|,?\s+(?:och|men|samt|and|but)\s+(?=(?:{_QUESTION_WORDS})\b)|,\s+(?=(?:{_QUESTION_WORDS})\b)",
    re.I,
)


def clause_breaks(question: str) -> list[int]:
    """The offsets where the question's clauses after the first begin to be cut off (the break's start)."""
    return [m.start() for m in CLAUSE_BREAK.finditer(question)]


def question_clauses(question: str) -> tuple[str, ...]:
    """The question's clauses in order (the question itself when it has one), without the words between."""
    pieces, start = [], 0
    for match in CLAUSE_BREAK.finditer(question):
        pieces.append(question[start : match.start()])
        start = match.end()
    pieces.append(question[start:])
    return tuple(p.strip(" ,–-?") for p in pieces if p.strip(" ,–-?"))
