"""Text that remembers, for every character, where it came from in the original."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class MappedText:
    """A string plus, per character, its offset in the original text."""

    text: str
    origin: np.ndarray

    @classmethod
    def of(cls, text: str) -> MappedText:
        return cls(text, np.arange(len(text), dtype=np.int64))

    def sub(self, pattern: str | re.Pattern[str], repl: Replacement, flags: int = 0) -> MappedText:
        """Like re.sub; replaced characters map to the start of the text they replace."""
        regex = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        edits = []
        for match in regex.finditer(self.text):
            new = repl(match) if callable(repl) else match.expand(repl)
            if new != match.group(0):
                edits.append((match.start(), match.end(), new))
        return self.replace_spans(edits)

    def replace_spans(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Replace non-overlapping (start, end, new_text) spans, given in order."""
        pieces, origins, cursor = [], [], 0
        for start, end, new in edits:
            pieces.append(self.text[cursor:start])
            origins.append(self.origin[cursor:start])
            pieces.append(new)
            anchor = self.origin[start] if start < len(self.origin) else self._end_origin()
            origins.append(_mapped_replacement(self.origin[start:end], len(new), anchor))
            cursor = end
        if not pieces:
            return self
        pieces.append(self.text[cursor:])
        origins.append(self.origin[cursor:])
        return MappedText("".join(pieces), np.concatenate(origins))

    def original_offset(self, index: int) -> int:
        """Offset in the original text of this text's character at index (or its end)."""
        if index >= len(self.origin):
            return self._end_origin()
        return int(self.origin[index])

    def _end_origin(self) -> int:
        return int(self.origin[-1]) + 1 if len(self.origin) else 0


def _mapped_replacement(old_origin: np.ndarray, new_length: int, anchor: int) -> np.ndarray:
    # A same-length replacement (a character swap) keeps the exact per-character map.
    if len(old_origin) == new_length:
        return old_origin.copy()
    return np.full(new_length, anchor, dtype=np.int64)
