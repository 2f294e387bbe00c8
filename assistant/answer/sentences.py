"""Grounded answers without an LLM: the best sentences of the retrieved passages, cited.

The passages are cut into units (sentences, list items, table rows); each unit is scored by how much of
the question's content it covers (folded, stemmed, decompounded terms weighted by their rarity among the
candidates), the passage's retrieval rank and the kind of question; the best make a `Draft` (with, when the
question asks for a value none of them holds, the best unit that holds one), which the
abstention decision weighs by its evidence features and which is then composed into a short Markdown
answer with numbered [n] markers, or replaced by a plain "the documents do not answer".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.answer.abstention import abstention, missing_name, support
from assistant.answer.abstention_model import Decision, shipped_decision
from assistant.answer.answer_weights import AnswerWeights, shipped_weights
from assistant.answer.composition import compose_answer
from assistant.answer.evidence_features import (
    EvidenceFeatures,
    asking_words,
    evidence_features,
    expected_value,
    has_value,
    specific_terms,
    value_coverage_gap,
    value_specific_share,
)
from assistant.answer.fact_model import FactModel, shipped_fact_model
from assistant.answer.selection import (
    MAX_CHARS,
    bring_antecedents,
    continue_across_chunks,
    expand_lists,
    heading_lines,
    label_headings,
    select_units,
)
from assistant.answer.unit_scoring import favour_announced_definitions, score_unit, term_weights
from assistant.answer.units import LIST_LOOKAHEAD, Unit, ends_as_lead_in, introduces_list, unit_text
from assistant.models import Answer, Passage
from assistant.question import Question, understand
from assistant.text.decompounding import Decompounder
from assistant.text.sentences import sentence_units
from assistant.text.tokens import tokenize

# What an abstention shows of the documents' nearest sentences: half an answer's length, about two sentences.
# A reader judges them against the question; not tuned on the questions.
NEARBY_CHARS = MAX_CHARS // 2
# ... and only sentences about what the question asks: that hold one of its specific terms (a name, a number, a
# long word: evidence_features.specific_terms) or at least half of it by weight (with their heading). "Resultaten
# kan delas upp på kommun." is not near "hur många besökskort delades ut i Halland?".
NEARBY_COVERAGE = 0.5


@dataclass
class Draft:
    """What the sentence answer would say, and the evidence behind it."""

    question: Question
    passages: list[Passage]
    chosen: list[Unit]
    weights: dict[str, float]
    headers: list[frozenset[str]]
    support: float
    unknown_words: int
    best_coverage: float
    missing_name: str
    value_coverage_gap: float = 0.0
    value_specific_share: float = 1.0
    value_unit: Unit | None = None  # said after the chosen units: the best holding the asked kind of value
    # The value unit the rules' choice alone would bring (the fact model left nothing out): what the evidence
    # features read, so that the decision does not depend on the fact model.
    chosen_value_unit: Unit | None = None
    # What the answer says when the fact model leaves some of the chosen out (None: the chosen). The evidence
    # features, and so the abstention decision, read the units the rules choose (and the value unit).
    said: list[Unit] | None = None

    def features(
        self, routed_to_table: bool, decompounder: Decompounder | None, table_text: str = ""
    ) -> EvidenceFeatures:
        """The draft's evidence features (see answer/evidence_features.py), over what the answer would say: the
        chosen units, the value unit after them, and `table_text`, what the rows of the tables the question is
        routed to say."""
        return evidence_features(
            self.question,
            self.passages,
            self.chosen + ([self.chosen_value_unit] if self.chosen_value_unit else []),
            self.weights,
            self.headers,
            self.support,
            self.best_coverage,
            bool(self.missing_name),
            self.unknown_words,
            routed_to_table,
            lambda text: tokenize(text, decompounder),
            self.value_coverage_gap,
            self.value_specific_share,
            table_text,
        )

    def answer(self, join_continued: bool = True) -> Answer:
        """The draft composed as the cited answer (composition.compose_answer says what `join_continued` does)."""
        question = self.question
        return compose_answer(self._said(), self.passages, question.english, question.kind, join_continued)

    def abstention(self) -> Answer:
        """The plain answer that the documents do not answer, then the first of the units the answer would have
        said that hold one of the question's specific terms or at least NEARBY_COVERAGE of it (within NEARBY_CHARS,
        at least one), cited: what the documents say nearest to the question. With none, it names the closest
        passage."""
        specific = specific_terms(self.question, tokenize)
        nearby: list[Unit] = []
        for unit in (u for u in self._said() if u.coverage >= NEARBY_COVERAGE or specific & u.tokens):
            if nearby and sum(len(u.full_text) for u in [*nearby, unit]) > NEARBY_CHARS:
                break
            nearby.append(unit)
        shown = compose_answer(nearby, self.passages, self.question.english, self.question.kind) if nearby else None
        question = self.question
        return abstention(self.passages, question.english, question.terms, self.best_coverage, self.support, shown)

    def _said(self) -> list[Unit]:
        """The units the answer says, in order, with the value unit last."""
        chosen = (self.chosen if self.said is None else self.said) + ([self.value_unit] if self.value_unit else [])
        # A list's lead-in ("Med ett fokusområde avses;") says nothing without its items; an item said in its list
        # (selection.expand_lists) is not said again on a line of its own.
        said = [u for u in chosen if u.items or not ends_as_lead_in(u.text)]
        listed = [item for u in said for item in u.items]
        said = [u for u in said if u.items or not u.bullet or not any(i.startswith(u.text) for i in listed)]
        return said or chosen


def _value_unit(
    asked_value: str,
    ranked: Sequence[Unit],
    chosen: Sequence[Unit],
    headings: set[tuple[int, int]],
    passage_coverage: Sequence[float],
) -> Unit | None:
    """When the question asks for a kind of value (a date, a number, an amount …) and no chosen unit holds
    one, a unit that does, not a heading (at a place among `headings`: label_headings left those out or made
    them labels): from the passage most about the question (`passage_coverage`: how much of the question its
    text and heading hold), the best-scored there. "Tidplan: Augusti 2020 till oktober 2022." shares no word
    with "när pågick förstudien?"; its passage does. The answer says it after the chosen ones, and the
    evidence features (and so the abstention decision) read it with them: it is what the answer offers as the value."""
    if not asked_value or any(has_value(asked_value, u.full_text) for u in chosen):
        return None
    passed = headings | {(u.passage, u.position) for u in chosen}
    holding = [u for u in ranked if (u.passage, u.position) not in passed and has_value(asked_value, u.text)]
    return max(holding, key=lambda u: passage_coverage[u.passage], default=None)


@dataclass(frozen=True)
class ScoredUnits:
    """A question's units scored against the passages, with what scoring weighed: each content term's weight
    and their `total`, each passage's title-and-section tokens (`headers`) and all its tokens (`around`, by
    passage index), and the kind of value the question asks for ('' for none)."""

    units: list[Unit]
    weights: dict[str, float]
    total: float
    headers: list[frozenset[str]]
    around: dict[int, frozenset[str]]
    asked_value: str


class SentenceAnswerer:
    """Answers from the sentences of the retrieved passages, each cited; abstains on weak evidence.

    `decompounder` and `vocabulary` are the keyword index's, so the units' tokens meet the question's terms;
    `tuning` the weights that score and choose units (the shipped fitted ones by default); `facts` the model
    that keeps units unlikely to state an asked fact out of the answer (the shipped one by default,
    answer/fact_model.py).
    """

    def __init__(
        self,
        decompounder: Decompounder | None = None,
        vocabulary: Collection[str] | None = None,
        tuning: AnswerWeights | None = None,
        facts: FactModel | None = None,
    ) -> None:
        self.decompounder = decompounder
        self.vocabulary = vocabulary
        self.tuning = tuning or shipped_weights()
        self.facts = facts or shipped_fact_model()

    def question(self, text: str) -> Question:
        """A question with no conversation before it, tokenised as this answerer's index does."""
        return understand(text, None, self.decompounder, self.vocabulary)

    def answer(self, question: Question | str, passages: Sequence[Passage], decision: Decision | None = None) -> Answer:
        """The cited answer to `question` from `passages` (best first), or an abstention."""
        if isinstance(question, str):
            question = self.question(question)
        draft = self.draft(question, passages)
        if draft is None:
            return abstention(list(passages), question.english, question.terms, 0.0, 0.0)
        if (decision or shipped_decision()).abstains(draft.features(False, self.decompounder)):
            return draft.abstention()
        return draft.answer()

    def draft(self, question: Question, passages: Sequence[Passage], max_chars: int = MAX_CHARS) -> Draft | None:
        """The best units for the question (their sentences within about `max_chars`) and the evidence behind
        them; None when nothing can be said."""
        passages = list(passages)
        scored = self.scored_units(question, passages)
        if scored is None:
            return None
        units, weights, headers, around = scored.units, scored.weights, scored.headers, scored.around
        asked, kind, asked_value, total = question.resolved, question.kind, scored.asked_value, scored.total
        self.facts.estimate(units, kind, passages)
        prune_below = self.facts.prune_below
        # Saying units changes them (a cut sentence goes on, a lead-in takes its items): the answer that leaves
        # units out is chosen from copies as they were before the rules' choice.
        fresh = [replace(u, items=list(u.items)) for u in units] if prune_below > 0 else []
        ranked = sorted(units, key=lambda u: -u.score)
        by_coverage = sorted(units, key=lambda u: -u.coverage)
        share, unknown = support(
            question.corpus_text, weights, by_coverage[:3], headers, self.decompounder, self.vocabulary
        )
        chosen, headings = self._say(ranked, units, kind, passages, max_chars)
        name = missing_name(question.spelt or asked, passages, self.decompounder, self.vocabulary, question.english)
        gap = value_coverage_gap(asked_value, units, by_coverage[0].coverage)
        draft = Draft(question, passages, chosen, weights, headers, share, unknown, ranked[0].coverage, name, gap)
        draft.value_specific_share = value_specific_share(
            question, asked_value, units, headers, lambda text: tokenize(text, self.decompounder)
        )
        passage_coverage = [
            sum(w for t, w in weights.items() if t in around.get(i, frozenset()) | headers[i]) / total if total else 0.0
            for i in range(len(passages))
        ]
        draft.chosen_value_unit = _value_unit(asked_value, ranked, chosen, headings, passage_coverage)
        if fresh:
            ranked = sorted(fresh, key=lambda u: -u.score)
            draft.said, headings = self._say(ranked, fresh, kind, passages, max_chars, prune_below)
        draft.value_unit = (
            _value_unit(asked_value, ranked, draft.said or chosen, headings, passage_coverage)
            if fresh
            else draft.chosen_value_unit
        )
        return draft

    def _say(
        self,
        ranked: list[Unit],
        units: list[Unit],
        kind: str,
        passages: list[Passage],
        max_chars: int,
        prune_below: float = 0.0,
    ) -> tuple[list[Unit], set[tuple[int, int]]]:
        """The units the answer says, as selection.py chooses and completes them, and the places of the
        headings among `units`. Units below `prune_below` (their fact probability) are left out."""
        chosen = select_units(ranked, kind, passages, units, self.tuning, max_chars, prune_below)
        continue_across_chunks(chosen, units, passages)
        bring_antecedents(chosen, units)
        expand_lists(chosen, units, kind)
        headings = heading_lines(units, passages)
        return label_headings(chosen, headings, passages), headings

    def scored_units(self, question: Question, passages: Sequence[Passage]) -> ScoredUnits | None:
        """The passages' units scored by the hand-set rules (answer/unit_scoring.py), each with the signals the
        fact model weighs; None when the question has no content terms or the passages no units."""
        asked, kind, terms = question.resolved, question.kind, question.terms
        units = self._units(passages)
        if not terms or not units:
            return None
        weights = term_weights(terms, units)
        total = sum(weights.values())
        headers = [frozenset(self._tokens(f"{p.title} {p.section}")) for p in passages]
        asked_value = expected_value(asked)
        # Each asking word as its whole-word token (the first), not its parts.
        asking = frozenset(tokens[0] for word in asking_words(asked) if (tokens := self._tokens(word))) & set(terms)
        around: dict[int, frozenset[str]] = {}
        for unit in units:
            around[unit.passage] = around.get(unit.passage, frozenset()) | unit.tokens
        for unit in units:
            header, text = headers[unit.passage], around[unit.passage]
            score_unit(unit, terms, weights, total, header, text, kind, asked, asked_value, self.tuning, asking)
        if kind == "definition":
            favour_announced_definitions(units, terms)
        return ScoredUnits(units, weights, total, headers, around, asked_value)

    def _tokens(self, text: str) -> list[str]:
        return tokenize(text, self.decompounder)

    def _units(self, passages: Sequence[Passage]) -> list[Unit]:
        units = []
        for index, passage in enumerate(passages):
            for position, (sentence, bullet, continues) in enumerate(sentence_units(passage.text)):
                text = unit_text(sentence)
                if text is None:
                    continue  # instructions, or a line of web addresses: nothing the answer says
                tokens = _unit_tokens(text, self.decompounder)
                units.append(Unit(text, index, position, tokens, bullet, continues=continues))
        for index, unit in enumerate(units):
            unit.introduces_list = introduces_list(unit, units[index + 1 : index + 1 + LIST_LOOKAHEAD])
        return units


# Units recur: the same passages answer many questions. Tokenising is most of an answer's time.
UNIT_TOKEN_CACHE = 20_000


@lru_cache(maxsize=UNIT_TOKEN_CACHE)
def _unit_tokens(text: str, decompounder: Decompounder | None) -> frozenset[str]:
    return frozenset(tokenize(text, decompounder))
