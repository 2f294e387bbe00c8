"""Evidence that the documents do not answer, and the plain answer that says so.

`missing_name` and `support` feed the evidence features (answer/evidence_features.py) that the abstention
decision weighs (answer/abstention_model.py); `abstention` is the answer given when it abstains: that the
documents do not answer, then what they say nearest to the question, cited, so that a reader can judge it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.answer.composition import ANSWER_LEAD
from assistant.answer.units import Unit
from assistant.models import Answer, Passage
from assistant.question import QUESTION_WORDS
from assistant.text.decompounding import Decompounder
from assistant.text.display import markdown_escape
from assistant.text.tokens import tokenize, words

ABSTAIN_SV = "Dokumenten ger inget svar på den frågan."
ABSTAIN_EN = "The documents do not answer that question."
NEARBY_SV = "Det närmaste dokumenten säger är:"
NEARBY_EN = "The closest they come (quoted in Swedish):"

TOP_FOR_NAMES = 3


# A capitalised word inside a sentence: not the question's first word, nor the first of a sentence after it
# ("Forskas det på omställningen? Jämför …").
_NAME = re.compile(r"(?<![.!?]\s)(?<=\s)[A-ZÅÄÖ][\wåäöéÅÄÖ-]{2,}")


def missing_name(
    question: str,
    passages: Sequence[Passage],
    decompounder: Decompounder | None,
    vocabulary: Collection[str] | None = None,
    english: bool = False,
) -> str:
    """A capitalised name of the question (not the first word of a sentence) that no top passage mentions.
    In an English question a capitalised word the corpus never uses is an English word ("PhD"), no name."""
    # Each name with its stems: the word itself, then its compound parts.
    names = [(w, tokenize(w, decompounder)) for w in _NAME.findall(question) if w.lower() not in QUESTION_WORDS]
    english_words = english and vocabulary
    names = [(w, stems) for w, stems in names if stems and not (english_words and stems[0] not in vocabulary)]
    if not names:
        return ""
    found: set[str] = set()
    for passage in passages[:TOP_FOR_NAMES]:
        found |= set(tokenize(f"{passage.title} {passage.section} {passage.text}", decompounder))
    for name, stems in names:
        if stems[0] not in found and not (len(stems) > 2 and all(t in found for t in stems[1:])):
            return name
    return ""


def support(
    question: str,
    weights: dict[str, float],
    top: Sequence[Unit],
    headers: Sequence[frozenset[str]],
    decompounder: Decompounder | None,
    vocabulary: Collection[str] | None,
) -> tuple[float, int]:
    """Share (by weight) of the question's content words found in the best units or their headings, less
    0.15 for each word the corpus never uses; and the number of such words.

    A compound counts as found when the word itself or all its parts are ("samordningsindikatorn" is
    covered by "samordning" and "indikator").
    """
    found: set[str] = set()
    for unit in top:
        found |= unit.tokens | headers[unit.passage]
    covered = total = 0.0
    unknown = 0
    for word in dict.fromkeys(w for w in words(question) if w not in QUESTION_WORDS):
        stems = [t for t in tokenize(word, decompounder) if t in weights]
        if not stems:
            continue
        weight = max(weights[t] for t in stems)
        total += weight
        if stems[0] in found or (len(stems) > 1 and all(t in found for t in stems[1:])):
            covered += weight
        elif vocabulary is not None and stems[0] not in vocabulary:
            unknown += 1
    share = covered / total if total else 0.0
    return share - 0.15 * unknown, unknown


def abstention(
    passages: Sequence[Passage],
    english: bool,
    terms: Sequence[str],
    coverage: float,
    support: float,
    nearby: Answer | None = None,
) -> Answer:
    """The plain "the documents do not answer" answer. With `nearby` (the few sentences the answer would have
    led with, composed and cited), it goes on with them as a list under "the closest the documents say"; without,
    it names the closest passage's document and section in quotes (not as emphasis, which the app shows as the
    written asterisks: ui/text.answer_markdown makes emphasis inert)."""
    text = ABSTAIN_EN if english else ABSTAIN_SV
    notes = (f"coverage={coverage:.2f} support={support:.2f} terms={' '.join(terms)}",)
    if nearby is not None and nearby.citations:
        return Answer(
            answer=f"{text} {NEARBY_EN if english else NEARBY_SV}\n{_as_list(nearby.answer)}",
            citations=nearby.citations,
            passages=tuple(passages),
            abstained=True,
            notes=notes,
        )
    if passages:
        best = passages[0]
        where = markdown_escape(best.title + (f" – {best.section}" if best.section else ""))
        if english:
            text += f" The closest the documents cover is “{where}”."
        else:
            text += f" Det som ligger närmast i dokumenten är ”{where}”."
    return Answer(
        answer=text,
        citations=(),
        passages=tuple(passages),
        abstained=True,
        notes=notes,
    )


def _as_list(composed: str) -> str:
    """A composed answer (its lead, its first line, then "- " lines) as a list of its lines: the first line is
    made an item like the others, and the lead that opens an English answer is dropped (NEARBY_EN says it)."""
    lines = ANSWER_LEAD.sub("", composed, count=1).split("\n")
    first = lines[0] if lines[0].startswith("- ") else f"- {lines[0]}"
    return "\n".join([first, *lines[1:]])
