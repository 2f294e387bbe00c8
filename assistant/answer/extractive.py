"""The built-in answerer without an LLM: a table answer when the question asks the tables, else the best
sentences of the passages, every claim cited."""

from __future__ import annotations

from assistant.answer.protocol import Evidence
from assistant.answer.sentences import SentenceAnswerer
from assistant.models import Answer
from assistant.question import Question
from assistant.tables.answers import tool_answer
from assistant.tables.routing import route_question
from assistant.text.tokens import tokenize


class ExtractiveAnswerer:
    """Answers from the documents' own words: table lookups when routed there, else cited sentences."""

    name = "extractive"

    def answer(self, question: Question, evidence: Evidence) -> Answer:
        """A table answer (with the sentence answer as its tail) or the sentence answer alone."""
        passages = list(evidence.passages)
        sentences = SentenceAnswerer(evidence.decompounder, evidence.vocabulary).answer(question, passages)
        if evidence.tables is None:
            return sentences
        # An English question names rows by their Swedish names: route it with its domain terms in Swedish.
        routed = route_question(question.search_text, evidence.tables, passages)
        if not routed:
            return sentences
        decompounder = evidence.decompounder
        return tool_answer(question.resolved, routed, passages, sentences, lambda text: tokenize(text, decompounder))
