"""BM25 keyword index over Swedish stems, folded so lost diacritics still match."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path

import bm25s
import numpy as np

from assistant.text.decompounding import Decompounder
from assistant.text.tokens import tokenize, words


class KeywordIndex:
    """A bm25s index whose rows line up with a list of chunk ids."""

    def __init__(self, retriever: bm25s.BM25, chunk_ids: list[str], decompounder: Decompounder) -> None:
        self._retriever = retriever
        self.chunk_ids = chunk_ids
        self.decompounder = decompounder

    @property
    def vocabulary(self) -> Collection[str] | None:
        """The index's vocabulary (its folded stems), when bm25s keeps one."""
        return getattr(self._retriever, "vocab_dict", None)

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
