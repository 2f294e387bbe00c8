"""The built-in answerer without an LLM: a table answer when the question asks the tables, else the best
sentences of the passages, every claim cited; a plain "the documents do not answer" when the evidence
is too weak (the abstention decision, answer/abstention_model.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer.abstention import abstention
from assistant.answer.abstention_model import Decision, shipped_decision
from assistant.answer.answer_weights import AnswerWeights, shipped_weights
from assistant.answer.comparison_answer import compose_comparison
from assistant.answer.evidence_features import EvidenceFeatures
from assistant.answer.fact_model import FactModel
from assistant.answer.protocol import Evidence
from assistant.answer.selection import MAX_CHARS
from assistant.answer.sentences import Draft, SentenceAnswerer
from assistant.models import Answer, ToolResult
from assistant.question import Question
from assistant.tables.answers import tool_answer
from assistant.tables.routing import route_question
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.tables.tools import ToolResult


# A side of a question that asks two gets its share of the answer's length, but not less than this.
MIN_SIDE_CHARS = 200


class ExtractiveAnswerer:
    """Answers from the documents' own words: table lookups when routed there, else cited sentences.

    `decision` is the abstention decision, `tuning` the weights that choose the sentences and `facts` the model
    that leaves out units unlikely to state an asked fact (the shipped fitted ones by default; cross-validation
    passes those of each fold).
    """

    name = "extractive"

    def __init__(
        self, decision: Decision | None = None, tuning: AnswerWeights | None = None, facts: FactModel | None = None
    ) -> None:
        self.decision = decision
        self.tuning = tuning
        self.facts = facts

    def answer(self, question: Question, evidence: Evidence) -> Answer:
        """A table answer (with the sentence answer as its tail), the sentence answer, or an abstention. A
        question that asks two sides is answered side by side (each side in its share of the length), unless
        neither side can be answered."""
        if evidence.parts:
            side_chars = max(MIN_SIDE_CHARS, MAX_CHARS // len(evidence.parts))
            sides = [
                self._answer(
                    part.question, replace(evidence, passages=part.passages, filters=part.filters, parts=()), side_chars
                )
                for part in evidence.parts
            ]
            if not all(side.abstained for side in sides):
                return compose_comparison([part.label for part in evidence.parts], sides, question.english)
        return self._answer(question, replace(evidence, parts=()), MAX_CHARS)

    def _answer(self, question: Question, evidence: Evidence, max_chars: int) -> Answer:
        evidence = self._read(evidence)
        passages = list(evidence.passages)
        draft, routed = self._draft(question, evidence, max_chars)
        decision = self.decision or shipped_decision()
        abstains = draft is None or decision.abstains(
            draft.features(bool(routed), evidence.decompounder, table_text(routed))
        )
        if draft is None:
            sentences = abstention(passages, question.english, question.terms, 0.0, 0.0)
        else:
            # A table answer's tail takes whole lines of the sentence answer: one sentence a line.
            sentences = draft.abstention() if abstains else draft.answer(join_continued=not routed)
        if not routed or (abstains and decision.covers_tables):
            return sentences
        decompounder = evidence.decompounder
        return tool_answer(question.resolved, routed, passages, sentences, lambda text: tokenize(text, decompounder))

    def features(self, question: Question, evidence: Evidence) -> EvidenceFeatures | None:
        """The evidence features the decision weighs for this question (None when nothing can be said)."""
        draft, routed = self._draft(question, self._read(evidence))
        if draft is None:
            return None
        return draft.features(bool(routed), evidence.decompounder, table_text(routed))

    def _read(self, evidence: Evidence) -> Evidence:
        """The evidence with as many passages as the answer reads."""
        limit = (self.tuning or shipped_weights()).read_passages
        return evidence if len(evidence.passages) <= limit else replace(evidence, passages=evidence.passages[:limit])

    def _draft(
        self, question: Question, evidence: Evidence, max_chars: int = MAX_CHARS
    ) -> tuple[Draft | None, list[ToolResult]]:
        """The sentence draft (within about `max_chars`) and the table lookups the question is routed to."""
        answerer = SentenceAnswerer(evidence.decompounder, evidence.vocabulary, self.tuning, self.facts)
        return answerer.draft(question, list(evidence.passages), max_chars), self._routed(question, evidence)

    @staticmethod
    def _routed(question: Question, evidence: Evidence) -> list[ToolResult]:
        if evidence.tables is None:
            return []
        # An English question names rows by their Swedish names: route it with its domain terms in Swedish.
        return route_question(question.search_text, evidence.tables, list(evidence.passages), evidence.filters)


def table_text(results: list[ToolResult]) -> str:
    """What the rows the tools found say, as one text (the values of every row)."""
    return " ".join(str(value) for result in results for row in result.rows for value in row.values() if value)
