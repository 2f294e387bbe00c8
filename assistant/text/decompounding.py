"""Split Swedish compounds into words the corpus uses, so "samordningsindikatorn" finds "samordning"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MIN_PART = 4
MIN_WORD = 9
# Swedish joins compound parts with a linking s (samordning-s-indikator) or e (barn-e-...).
_LINKS = ("s", "e", "")
# Inflectional endings that are also words in some corpus must not count as compound tails.
_INFLECTIONS = ("erna", "arna", "orna", "ens", "ets", "en", "et", "na", "n", "t", "s", "ar", "er", "or")
_ENDINGS = frozenset({"erna", "arna", "orna", "ande", "ende", "heten", "else", "ning", "ingen", "aren"})


class Decompounder:
    """Splits a word into two known words, using a vocabulary of word counts."""

    def __init__(self, counts: Counter[str], min_count: int = 2) -> None:
        self.counts = counts
        self.min_count = min_count

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Decompounder:
        return cls(Counter(w for w in words if w.isalpha()))

    def known(self, word: str) -> bool:
        return len(word) >= MIN_PART and self.counts.get(word, 0) >= self.min_count

    def known_tail(self, word: str) -> bool:
        """A compound's last part may carry an inflection the corpus never uses on its own."""
        if self.known(word):
            return True
        return any(word.endswith(e) and self.known(word[: -len(e)]) for e in _INFLECTIONS)

    def split(self, word: str) -> tuple[str, str] | None:
        """The best (head, tail) split of a compound, or None when it is not one."""
        if len(word) < MIN_WORD or not word.isalpha():
            return None
        best, best_score = None, 0
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            tail = word[cut:]
            if tail in _ENDINGS or not self.known_tail(tail):
                continue
            for link in _LINKS:
                head = word[:cut]
                if link and not head.endswith(link):
                    continue
                head = head[: len(head) - len(link)] if link else head
                if self.known(head):
                    score = min(self.counts[head], self.counts.get(tail, self.min_count)) * (len(head) + len(tail))
                    if score > best_score:
                        best, best_score = (head, tail), score
        return best
