"""Hybrid search: BM25 and vector rankings fused, with filters by document, kind and year."""

from __future__ import annotations

import logging
import re
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.errors import AssistantError
from assistant.index import store as index_store
from assistant.index.embedders import Embedder
from assistant.index.keyword_index import KeywordIndex
from assistant.index.vector_store import VectorStore, open_client
from assistant.models import Passage
from assistant.question import Question, understand
from assistant.retrieval.comparison import DocumentCatalogue
from assistant.retrieval.filters import SearchFilters
from assistant.retrieval.fusion import reciprocal_rank_fusion
from assistant.settings import Settings
from assistant.tables.definitions import abbreviation_expansions, definition_chunk_ids
from assistant.tables.tools import TableTools

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")


class HybridRetriever:
    """Searches one built index with BM25 and vectors and fuses the two rankings."""

    def __init__(self, build_dir: Path, settings: Settings, embedder: Embedder | None) -> None:
        meta = index_store.read_json(build_dir / "meta.json")
        self.build_dir = build_dir
        self.settings = settings
        self.chunks = index_store.read_chunks(build_dir)
        self._by_id = {c.chunk_id: c for c in self.chunks}
        self._row = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self.keyword = KeywordIndex.load(build_dir / "keyword")
        self.embedder = embedder
        if embedder is not None and embedder.name != meta["embedder"]:
            raise AssistantError(
                "Indexet byggdes med en annan inbäddningsmodell. Kör `assistant ingest` igen.",
                f"index embedder {meta['embedder']} != {embedder.name}",
            )
        client = open_client(build_dir / "chroma", meta.get("chroma_url", ""))
        self.vectors = VectorStore(client, meta["collection"])
        self.tables = TableTools(build_dir)

    def search(self, query: str | Question, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        """The k best passages for the query (a question's text or its Question record), best first."""
        question = query if isinstance(query, Question) else self.question(query)
        filters = filters or SearchFilters()
        depth = max(self.settings.candidates, k)
        expansions = abbreviation_expansions(question.resolved, self.tables)
        keyword_query = f"{question.search_text} {expansions}".strip()
        keyword_hits = self.keyword.search(keyword_query, depth, self._mask(filters))
        rankings = {"keyword": [cid for cid, _ in keyword_hits]}
        vector_hits = self._vector_search(question.resolved, depth, filters)
        if vector_hits is not None:
            rankings["vector"] = [cid for cid, _ in vector_hits]
        definitions = [
            cid for cid in definition_chunk_ids(question.resolved, self.tables) if filters.accepts(self._by_id[cid])
        ]
        if definitions:
            rankings["definition"] = definitions
        weights = {"keyword": self.settings.keyword_weight, "vector": self.settings.vector_weight}
        fused = reciprocal_rank_fusion(rankings, weights, k=self.settings.rrf_k)
        return [self._passage(cid, score, ranks) for cid, score, ranks in fused[:k]]

    @cached_property
    def catalogue(self) -> DocumentCatalogue:
        """The documents a question may name (retrieval/comparison.py), from this build's catalogue and texts."""
        words: dict[str, set[str]] = {}
        for chunk in self.chunks:
            words.setdefault(chunk.doc_id, set()).update(w.lower() for w in _WORD.findall(chunk.text))
        return DocumentCatalogue.of(self.tables.documents, words)

    def question(self, text: str) -> Question:
        """`text` as a Question with no conversation before it, tokenised as this index does."""
        return understand(text, None, self.keyword.decompounder, self.keyword.vocabulary)

    def keyword_search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        hits = self.keyword.search(query, k, self._mask(filters or SearchFilters()))
        return [self._passage(cid, score, {"keyword": i + 1}) for i, (cid, score) in enumerate(hits)]

    def vector_search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        hits = self._vector_search(query, k, filters or SearchFilters()) or []
        return [self._passage(cid, score, {"vector": i + 1}) for i, (cid, score) in enumerate(hits)]

    def _vector_search(self, query: str, k: int, filters: SearchFilters) -> list[tuple[str, float]] | None:
        if self.embedder is None:
            return None
        try:
            vector = self.embedder.embed_query(query)
        except Exception as exc:  # noqa: BLE001 - keyword search still answers
            log.error("Query embedding failed, keyword search only: %r", exc)
            return None
        return self.vectors.search(vector, k, filters.chroma_where())

    def _mask(self, filters: SearchFilters) -> np.ndarray | None:
        if filters.empty:
            return None
        return np.array([1.0 if filters.accepts(c) else 0.0 for c in self.chunks])

    def _passage(self, chunk_id: str, score: float, ranks: dict[str, int]) -> Passage:
        chunk = self._by_id[chunk_id]
        return Passage(
            chunk_id=chunk.chunk_id,
            doc_id=chunk.doc_id,
            title=chunk.title,
            section=chunk.section,
            text=chunk.text,
            page=chunk.page,
            score=score,
            start=chunk.start,
            end=chunk.end,
            kind=chunk.kind,
            year=chunk.year,
            ranks=ranks,
            instructions=chunk.instructions,
        )
