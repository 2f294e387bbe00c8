"""Tests for assistant.retrieval.neighbours: cited sentences marked in their passage, excerpts, neighbours."""

from __future__ import annotations

from assistant.models import Chunk
from assistant.retrieval.neighbours import ChunkNeighbours, Sentence, excerpt, marked_sentences

PASSAGE = (
    "Hemsjukvården ska ge trygg vård i hemmet. Ansvaret delas mellan regionen och kom-\n"
    "munen. Avtalet gäller från 2019. Uppföljning sker två gånger per år.\n"
    "- Läkarbesök varje månad\n"
)


def test_the_cited_sentence_is_marked_even_across_a_line_break_hyphen() -> None:
    sentences = marked_sentences(PASSAGE, "Ansvaret delas mellan regionen och kommunen.")
    assert [s.cited for s in sentences] == [False, True, False, False, False]
    assert sentences[1].text == "Ansvaret delas mellan regionen och kommunen."
    assert sentences[-1] == Sentence("Läkarbesök varje månad", cited=False, bullet=True)


def test_nothing_is_marked_without_a_cited_text() -> None:
    assert not any(s.cited for s in marked_sentences(PASSAGE, ""))


def test_excerpt_keeps_neighbours_of_cited_sentences_and_marks_gaps() -> None:
    sentences = [Sentence(str(i), cited=i in (0, 5)) for i in range(8)]
    shown = excerpt(sentences, context=1)
    assert [s.text if s else None for s in shown] == ["0", "1", None, "4", "5", "6", None]


def test_neighbours_are_the_passages_before_and_after_in_the_same_document() -> None:
    def chunk(chunk_id: str, doc_id: str, start: int) -> Chunk:
        return Chunk(chunk_id, doc_id, "T", "", chunk_id, start, start + 10, None)

    chunks = [chunk("b2", "b", 20), chunk("a1", "a", 0), chunk("b0", "b", 0), chunk("b1", "b", 10)]
    neighbours = ChunkNeighbours(chunks)
    around = neighbours.around("b1")
    assert ([c.chunk_id for c in around.before], around.chunk.chunk_id, [c.chunk_id for c in around.after]) == (
        ["b0"],
        "b1",
        ["b2"],
    )
    assert neighbours.around("a1").before == () and neighbours.around("a1").after == ()
    assert neighbours.around("missing") is None
