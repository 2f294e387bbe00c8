"""Chroma as the vector store: a local PersistentClient, or an HttpClient when a URL is set."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.models import Chunk

_BATCH = 500
# Filters whose vectors are kept read (the sidebar's few choices); more are read again.
_CACHED_FILTERS = 32


def open_client(path: Path | None = None, url: str = ""):
    """A Chroma client: HTTP when url is given, else persistent in path."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    if path is None:
        raise ValueError("A path is needed for a persistent Chroma client")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorStore:
    """One Chroma collection of passage vectors with their metadata, searched exactly: every vector (of those
    the filter lets through) is compared with the query. Chroma's approximate graph is built again whenever a
    process opens a collection this small, and not the same each time, so its deeper neighbours changed from one
    run to the next; compared one by one, a question finds the same passages in every process, and a corpus
    of this size costs a fraction of a millisecond."""

    def __init__(self, client, collection_name: str) -> None:
        self._client = client
        self.collection_name = collection_name
        self._collection = client.get_collection(collection_name, embedding_function=None)
        self._matrices: dict[str, tuple[list[str], np.ndarray]] = {}

    @classmethod
    def create(cls, client, collection_name: str, chunks: Sequence[Chunk], vectors: np.ndarray) -> VectorStore:
        collection = client.create_collection(
            collection_name,
            configuration={"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}},
            embedding_function=None,
        )
        for begin in range(0, len(chunks), _BATCH):
            part = chunks[begin : begin + _BATCH]
            collection.add(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[begin : begin + _BATCH].tolist(),
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c) for c in part],
            )
        return cls(client, collection_name)

    def count(self) -> int:
        return self._collection.count()

    def search(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, cosine similarity) pairs, best first, among the vectors `where` (a Chroma filter)
        lets through; equal similarities keep the collection's order."""
        # Counted on every search, as Chroma's own query did: a store damaged on disk fails here, not silently
        # later, and a collection that changed is read again.
        total = self.count()
        if total == 0:
            return []
        ids, matrix = self._matrix(where, total)
        if not ids:
            return []
        query = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(query))
        similarities = matrix @ (query / norm if norm else query)
        order = np.argsort(-similarities, kind="stable")[:k]
        return [(ids[i], float(similarities[i])) for i in order]

    def _matrix(self, where: dict[str, Any] | None, total: int) -> tuple[list[str], np.ndarray]:
        """The ids and unit-length vectors `where` lets through, read from the collection once per filter (and
        again when the collection no longer holds `total` vectors)."""
        key = json.dumps([where, total], sort_keys=True, ensure_ascii=False)
        if key not in self._matrices:
            got = self._collection.get(where=where or None, include=["embeddings"])
            ids = list(got["ids"])
            embeddings = got["embeddings"] if ids else []
            matrix = np.asarray(embeddings, dtype=np.float32).reshape(len(ids), -1 if ids else 0)
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            if len(self._matrices) >= _CACHED_FILTERS:
                self._matrices.clear()
            self._matrices[key] = (ids, matrix / norms)
        return self._matrices[key]


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    metadata: dict[str, Any] = {"doc_id": chunk.doc_id, "kind": chunk.kind, "section": chunk.section}
    if chunk.year is not None:
        metadata["year"] = chunk.year
    if chunk.page is not None:
        metadata["page"] = chunk.page
    return metadata


def drop_collection(client, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # noqa: BLE001 - a missing collection is already what we want
        pass
