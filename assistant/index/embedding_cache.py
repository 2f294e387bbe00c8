"""Embeddings cached by (model, text hash), so unchanged passages are never embedded twice."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.index.embedders import Embedder


class EmbeddingCache:
    """A SQLite table of vectors keyed by model name and SHA-256 of the embedded text."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings ("
            " model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,"
            " PRIMARY KEY (model, text_hash))"
        )

    def embed(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        batch_size: int = 16,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[np.ndarray, int]:
        """Vectors for texts, computing only those not cached; returns (vectors, newly embedded)."""
        hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        found = self._lookup(embedder.name, hashes)
        first_of = {}
        for i, h in enumerate(hashes):
            first_of.setdefault(h, i)
        missing = [i for h, i in first_of.items() if h not in found]  # a text twice is embedded once
        done = 0
        for begin in range(0, len(missing), batch_size):
            batch = missing[begin : begin + batch_size]
            vectors = embedder.embed_passages([texts[i] for i in batch])
            rows = [(embedder.name, hashes[i], v.astype(np.float32).tobytes()) for i, v in zip(batch, vectors)]
            self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
            self._db.commit()
            for i, vector in zip(batch, vectors):
                found[hashes[i]] = vector
            done += len(batch)
            if progress:
                progress(done, len(missing))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), 0
        return np.vstack([found[h] for h in hashes]).astype(np.float32), len(missing)

    def _lookup(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(set(hashes))
        for begin in range(0, len(unique), 500):
            part = unique[begin : begin + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({marks})"
            for text_hash, blob in self._db.execute(query, [model, *part]):
                found[text_hash] = np.frombuffer(blob, dtype=np.float32)
        return found

    def close(self) -> None:
        self._db.close()
