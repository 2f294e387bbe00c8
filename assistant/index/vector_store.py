"""Chroma as the vector store: a local PersistentClient, or an HttpClient when a URL is set."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.models import Chunk

_BATCH = 500


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
    """One Chroma collection of passage vectors with their metadata."""

    def __init__(self, client, collection_name: str) -> None:
        self._client = client
        self.collection_name = collection_name
        self._collection = client.get_collection(collection_name, embedding_function=None)

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
        """Top-k (chunk id, cosine similarity) pairs."""
        total = self.count()
        if total == 0:
            return []
        result = self._collection.query(
            query_embeddings=[vector.tolist()],
            n_results=min(k, total),
            where=where or None,
            include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(result["ids"][0], result["distances"][0])]


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
