"""What the clean documents of the corpus say: how often they use each word and each word pair."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from assistant.ingest.ocr.lexicon import zipf
from assistant.ingest.ocr.tokens import context_class, iter_tokens


class ReferenceCounts:
    """Word and word-pair counts of clean Swedish documents of the same domain."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        """Count the words (lower case) and neighbouring context classes of ``texts``."""
        self.words: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        for text in texts:
            self._add(text)

    def _add(self, text: str) -> None:
        tokens = [m.group() for m in iter_tokens(text)]
        for token in tokens:
            if token.isalpha():
                self.words[token.lower()] += 1
        classes = [context_class(t) for t in tokens]
        self.pairs.update(zip(classes, classes[1:], strict=False))

    def score(self, word: str) -> tuple[int, float, int]:
        """Ranking key of a candidate word: used by the clean documents, then frequency."""
        count = self.words[word]
        return (1 if count else 0, zipf(word), count)
