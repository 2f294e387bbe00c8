"""BM25 keyword index over Swedish stems, folded so lost diacritics still match."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

from assistant.text.decompounding import Decompounder
from assistant.text.folding import fold

_WORD = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = frozenset(STOPWORDS_SWEDISH) | frozenset(fold(w) for w in STOPWORDS_SWEDISH)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("swedish")


def words(text: str) -> list[str]:
    """Lower-case words of a text."""
    return _WORD.findall(text.lower())


MIN_DEFINITE_PLURAL = 7  # shorter words in -ena are rarely plurals ("arena", "hyena")


def tokenize(text: str, decompounder: Decompounder | None = None) -> list[str]:
    """Swedish-stemmed, folded (å/ä→a, ö→o, é→e) words without stopwords, plus compound parts."""
    kept = [_definite_plural(w) for w in words(text) if w not in _STOPWORDS]
    if decompounder is not None:
        parts = [part for w in kept for part in (decompounder.split(w) or ())]
        kept += parts
    return [fold(stem) for stem in _stemmer().stemWords(kept) if stem]


def _definite_plural(word: str) -> str:
    """'målområdena' as 'målområden': the Snowball stemmer strips only the final a, so the definite plural
    in -ena would not meet its indefinite plural and singular ('målområden', 'målområde' → 'målområd')."""
    return word[:-1] if len(word) >= MIN_DEFINITE_PLURAL and word.endswith("ena") else word


class KeywordIndex:
    """A bm25s index whose rows line up with a list of chunk ids."""

    def __init__(self, retriever: bm25s.BM25, chunk_ids: list[str], decompounder: Decompounder) -> None:
        self._retriever = retriever
        self.chunk_ids = chunk_ids
        self.decompounder = decompounder

    @classmethod
    def build(cls, chunk_ids: Sequence[str], texts: Sequence[str]) -> KeywordIndex:
        decompounder = Decompounder.from_words(w for t in texts for w in words(t))
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([tokenize(t, decompounder) for t in texts], show_progress=False)
        return cls(retriever, list(chunk_ids), decompounder)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(directory))
        (directory / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        vocabulary = dict(self.decompounder.counts)
        (directory / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        retriever = bm25s.BM25.load(str(directory))
        chunk_ids = json.loads((directory / "chunk_ids.json").read_text(encoding="utf-8"))
        counts = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        return cls(retriever, chunk_ids, Decompounder(Counter(counts)))

    def search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, score) pairs; `allowed` is a 0/1 mask over rows for filtering."""
        tokens = [t for t in tokenize(query, self.decompounder) if t in self._retriever.vocab_dict]
        if not tokens:
            return []
        scores = self._retriever.get_scores(tokens)
        if allowed is not None:
            scores = np.where(allowed > 0, scores, 0.0)
        top = np.argsort(-scores)[:k]
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]
