"""What a cited source shows: its sentences with the cited ones marked, and the passages around it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.models import Chunk
from assistant.text.sentences import split_units


@dataclass(frozen=True)
class Sentence:
    """A sentence, list item or table row of a passage, and whether the answer cites it."""

    text: str
    cited: bool = False
    bullet: bool = False


@dataclass(frozen=True)
class SurroundingText:
    """A passage with the passages just before and after it in the same document."""

    chunk: Chunk
    before: tuple[Chunk, ...] = ()
    after: tuple[Chunk, ...] = ()


def marked_sentences(passage_text: str, cited_text: str) -> list[Sentence]:
    """The passage's sentences, each marked when the cited text contains it."""
    cited_text = " ".join(cited_text.split())
    return [
        Sentence(text, cited=bool(cited_text) and " ".join(text.split()) in cited_text, bullet=bullet)
        for text, bullet in split_units(passage_text)
    ]


def excerpt(sentences: list[Sentence], context: int = 1) -> list[Sentence | None]:
    """The cited sentences with `context` neighbours each side; None where sentences were left out."""
    cited = [i for i, s in enumerate(sentences) if s.cited]
    if not cited:
        return list(sentences[: 1 + 2 * context]) + ([None] if len(sentences) > 1 + 2 * context else [])
    keep = {j for i in cited for j in range(i - context, i + context + 1) if 0 <= j < len(sentences)}
    shown: list[Sentence | None] = []
    for index, sentence in enumerate(sentences):
        if index in keep:
            shown.append(sentence)
        elif not shown or shown[-1] is not None:
            shown.append(None)
    return shown


class ChunkNeighbours:
    """Finds the passages next to a passage in its document, in reading order."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self._by_document: dict[str, list[Chunk]] = {}
        for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.start)):
            self._by_document.setdefault(chunk.doc_id, []).append(chunk)
        self._position = {
            chunk.chunk_id: (doc_id, i)
            for doc_id, doc_chunks in self._by_document.items()
            for i, chunk in enumerate(doc_chunks)
        }

    def around(self, chunk_id: str, radius: int = 1) -> SurroundingText | None:
        """The passage and up to `radius` passages each side; None for an unknown chunk id."""
        if chunk_id not in self._position:
            return None
        doc_id, index = self._position[chunk_id]
        doc_chunks = self._by_document[doc_id]
        return SurroundingText(
            chunk=doc_chunks[index],
            before=tuple(doc_chunks[max(0, index - radius) : index]),
            after=tuple(doc_chunks[index + 1 : index + 1 + radius]),
        )
