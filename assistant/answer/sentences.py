"""Grounded answers without an LLM: the best sentences of the retrieved passages, cited.

The passages are cut into units (sentences, list items, table rows); each unit is scored by how much of
the question's content it covers (folded, stemmed, decompounded terms weighted by their rarity among the
candidates), the passage's retrieval rank and the kind of question; the best are composed into a short
Markdown answer with numbered [n] markers. When the evidence is weak it abstains and names the closest
thing the documents do cover.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from assistant.answer.abstention import abstention, missing_name, support, weak_without_keyword
from assistant.answer.composition import compose_answer
from assistant.answer.selection import continue_across_chunks, expand_lists, select_units
from assistant.answer.unit_scoring import favour_announced_definitions, score_unit, term_weights
from assistant.answer.units import Unit, mostly_links
from assistant.models import Answer, Passage
from assistant.question import Question, understand
from assistant.text.decompounding import Decompounder
from assistant.text.sentences import split_units
from assistant.text.tokens import tokenize


class SentenceAnswerer:
    """Answers from the sentences of the retrieved passages, each cited; abstains on weak evidence.

    `decompounder` and `vocabulary` are the keyword index's, so the units' tokens meet the question's terms.
    """

    def __init__(self, decompounder: Decompounder | None = None, vocabulary: Collection[str] | None = None) -> None:
        self.decompounder = decompounder
        self.vocabulary = vocabulary

    def question(self, text: str) -> Question:
        """A question with no conversation before it, tokenised as this answerer's index does."""
        return understand(text, None, self.decompounder, self.vocabulary)

    def answer(self, question: Question | str, passages: Sequence[Passage]) -> Answer:
        """The cited answer to `question` from `passages` (best first), or an abstention."""
        if isinstance(question, str):
            question = self.question(question)
        asked, english, kind, terms = question.resolved, question.english, question.kind, question.terms
        passages = list(passages)
        units = self._units(passages)
        if not terms or not units:
            return abstention(passages, english, terms, 0.0, 0.0)
        weights = term_weights(terms, units)
        total = sum(weights.values())
        headers = [frozenset(self._tokens(f"{p.title} {p.section}")) for p in passages]
        for unit in units:
            score_unit(unit, terms, weights, total, headers[unit.passage], kind, asked)
        if kind == "definition":
            favour_announced_definitions(units, terms)
        ranked = sorted(units, key=lambda u: -u.score)
        best = ranked[0]
        by_coverage = sorted(units, key=lambda u: -u.coverage)
        share = support(question.corpus_text, weights, by_coverage[:3], headers, self.decompounder, self.vocabulary)
        if missing_name(asked, passages, self.decompounder) or weak_without_keyword(passages, share):
            return abstention(passages, english, terms, best.coverage, share)
        chosen = select_units(ranked, kind, passages)
        continue_across_chunks(chosen, units, passages)
        expand_lists(chosen, units, kind)
        # A list's lead-in ("Med ett fokusområde avses;") says nothing without its items.
        said = [u for u in chosen if u.items or not u.text.rstrip().endswith((":", ";"))]
        return compose_answer(said or chosen, passages, english, kind)

    def _tokens(self, text: str) -> list[str]:
        return tokenize(text, self.decompounder)

    def _units(self, passages: Sequence[Passage]) -> list[Unit]:
        units = []
        for index, passage in enumerate(passages):
            for position, (text, bullet) in enumerate(split_units(passage.text)):
                if mostly_links(text):
                    continue  # a line of web addresses answers nothing and reads badly
                tokens = frozenset(self._tokens(text))
                units.append(Unit(text, index, position, tokens, bullet))
        return units
