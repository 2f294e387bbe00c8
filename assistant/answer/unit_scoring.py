"""How well each answer unit answers the question: weighted coverage of its content terms, plus cues of
the kind of answer wanted (a number, a date, a ranking, a definition) and the passage's retrieval rank."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.answer_weights import AnswerWeights
from assistant.answer.evidence_features import has_value
from assistant.answer.units import Unit, UnitSignals

# As much as a defining sentence gets (see score_unit): an announced definition ranks like one.
DEFINITION_BONUS = 0.35

_DEFINING = re.compile(r"\b(är|avses|innebär|betyder|definieras|står för|syftar på|kallas|handlar om|består av)\b")
# A lead-in that announces a definition ("Med ett fokusområde avses;"): the sentence after it is the definition.
_DEFINING_LEAD_IN = re.compile(r"\b(avses|definieras|menas|innebär)\b[^.]*[:;]\s*$", re.IGNORECASE)
NUMBER = re.compile(r"\d")
SUPERLATIVE = re.compile(
    r"\b(högst|lägst|mest|minst|störst|minst|oftast|flest|färst|bäst|sämst|highest|lowest|most|least)\b", re.I
)


def term_weights(terms: Sequence[str], units: Sequence[Unit]) -> dict[str, float]:
    """Each content term weighted by its rarity among the candidate units (an idf)."""
    n = len(units)
    weights = {}
    for term in terms:
        df = sum(1 for u in units if term in u.tokens)
        weights[term] = math.log(1 + (n + 1) / (df + 1))
    return weights


def score_unit(
    unit: Unit,
    terms: Sequence[str],
    weights: dict[str, float],
    total: float,
    header: frozenset[str],
    passage_tokens: frozenset[str],
    kind: str,
    question: str,
    asked_value: str,
    tuning: AnswerWeights,
    asking: frozenset[str] = frozenset(),
) -> None:
    """Set the unit's coverage (weighted share of the terms it or its heading holds) and its score.

    `header` holds the tokens of the passage's title and section, `passage_tokens` those of its whole text;
    `asked_value` is the kind of value the question asks for (evidence_features.expected_value), '' if none,
    and `asking` the terms that ask for it ("period"): a unit holding such a value holds them too.
    """
    holds_value = bool(asked_value) and has_value(asked_value, unit.text)
    said = unit.tokens | asking if holds_value else unit.tokens
    hit = sum(weights[t] for t in terms if t in said)
    context = sum(weights[t] for t in terms if t in header and t not in said)
    around = sum(weights[t] for t in terms if t in passage_tokens and t not in header and t not in said)
    unit.coverage = (hit + 0.5 * context + tuning.passage_context * around) / total if total else 0.0
    ranks = bool(SUPERLATIVE.search(question) and SUPERLATIVE.search(unit.text) and NUMBER.search(unit.text))
    score = unit.coverage + tuning.rank_bonus / (1 + tuning.rank_decay * unit.passage) - 0.01 * unit.position
    length = len(unit.text)
    if holds_value if asked_value else kind == "numeric" and NUMBER.search(unit.text):
        score += tuning.value_bonus  # "när startade den?": the sentence with the date; "hur många?": the number
    elif kind == "list" and unit.introduces_list:
        score += tuning.value_bonus  # "vilka faktorer …?": the sentence that introduces a list holds the answer
    if ranks:
        score += 0.2  # "vilken region högst och lägst?": the sentence that ranks them, with its figures
    if kind == "definition" and unit.position < 6:
        head = unit.text[:80].lower()
        if _DEFINING.search(head) and hit > 0:
            score += 0.25
        if re.match(r"^(med|med begreppet)\b", head):
            score += 0.1
        for acronym in re.findall(r"\b[A-ZÅÄÖ]{2,6}\b", question):
            if f"({acronym})" in unit.text:  # "… stödstrukturerna (RSS)": the expansion of the acronym
                score += 0.2
    if length < 25 and not unit.bullet:
        score -= 0.25
    if length > 400:
        score -= 0.1
    unit.score = score
    unit.signals = UnitSignals(
        hit=hit / total if total else 0.0,
        context=context / total if total else 0.0,
        around=around / total if total else 0.0,
        term_share=sum(1 for t in terms if t in said) / len(terms) if terms else 0.0,
        holds_value=holds_value,
        asks_value=bool(asked_value),
        defines=kind == "definition" and bool(_DEFINING.search(unit.text[:80].lower())),
        ranks=ranks,
        rule_score=score,
    )


def favour_announced_definitions(units: Sequence[Unit], terms: Sequence[str]) -> None:
    """The sentence right after a lead-in that announces a definition of the asked term defines it.

    Lead-in and sentence say one thing ("Med en arbetsgrupp avses; Gruppen samlar …"), so the sentence
    also covers what the lead-in names.
    """
    for lead_in, unit in zip(units, units[1:], strict=False):
        announces = _DEFINING_LEAD_IN.search(lead_in.text) and any(t in lead_in.tokens for t in terms)
        if announces and unit.passage == lead_in.passage and not unit.bullet:
            gain = max(0.0, lead_in.coverage - unit.coverage)
            unit.coverage += gain
            unit.score += gain + DEFINITION_BONUS
            unit.signals = replace(unit.signals, rule_score=unit.score, defines=True)
