"""Passage vectors shipped with a corpus, so a fresh clone need not embed the bundled documents.

The file lies in the corpus folder, one per embedding model (`<model>.vectors.npz`: the model name, the
SHA-256 of each embedded text and its vector as the cache holds it, float32, compressed). float16 halved
the file but moved one dev question in the vector ranking: the approximate HNSW index is built from the
rounded vectors. The file is keyed exactly as the embedding cache (embedding_cache.py) is: by model and
text hash. A build copies the vectors it needs into the cache before embedding, so only passages whose
text or model does not match are embedded; another corpus has no such file, or one whose hashes match
nothing, and so gets no vectors from it. `assistant ship-vectors` writes the file from the corpus as it
is chunked now.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.index.embedders import Embedder
from assistant.index.embedding_cache import EmbeddingCache, text_hash
from assistant.ingest.ocr.lexicon import HUNSPELL_ANSWERS
from assistant.settings import PROJECT_ROOT, Settings

log = logging.getLogger(__name__)

SUFFIX = ".vectors.npz"
#: The corpus the repository bundles: only its ingest rewrites the shipped Hunspell verdicts (lexicon.py).
BUNDLED_CORPUS = (PROJECT_ROOT / "corpus").resolve()
_DIGEST_BYTES = 32


@dataclass(frozen=True)
class ShippedVectors:
    """The vectors in one shipped file: the model, one text hash per row, the vectors (float32)."""

    model: str
    hashes: tuple[str, ...]
    vectors: np.ndarray

    def by_hash(self) -> dict[str, np.ndarray]:
        return dict(zip(self.hashes, self.vectors))


@dataclass(frozen=True)
class ShipReport:
    """What `assistant ship-vectors` wrote."""

    path: Path
    model: str
    passages: int
    embedded: int  # of them computed now (the rest came from the index folder's embedding cache)
    bytes: int
    spelling_verdicts: int = 0  # Hunspell verdicts of OCR repair written beside the code (bundled corpus only)


def shipped_path(corpus_dir: Path, model: str) -> Path:
    """Where the corpus's vectors of `model` lie (the file need not exist)."""
    return corpus_dir / f"{model}{SUFFIX}"


def read_shipped(corpus_dir: Path, model: str) -> ShippedVectors | None:
    """The corpus's shipped vectors of `model`; None when there are none or the file cannot be read."""
    path = shipped_path(corpus_dir, model)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            stored_model = str(data["model"])
            digests = np.asarray(data["hashes"], dtype=np.uint8)
            vectors = np.asarray(data["vectors"], dtype=np.float32)
    except Exception as exc:  # noqa: BLE001 - a damaged file only means the passages are embedded again
        log.warning("Ignoring the shipped vectors %s: %r", path, exc)
        return None
    if stored_model != model or digests.ndim != 2 or digests.shape[1] != _DIGEST_BYTES or len(digests) != len(vectors):
        log.warning("Ignoring the shipped vectors %s: not %s vectors keyed by SHA-256", path, model)
        return None
    return ShippedVectors(model, tuple(bytes(row).hex() for row in digests), vectors)


def seed_cache(cache: EmbeddingCache, corpus_dir: Path, embedder: Embedder, texts: Sequence[str]) -> int:
    """Copy the shipped vectors of texts that the cache lacks into it; returns how many were copied."""
    wanted = {text_hash(t) for t in texts}
    if not wanted:
        return 0
    shipped = read_shipped(corpus_dir, embedder.name)
    if shipped is None:
        return 0
    missing = wanted - set(cache.cached(embedder.name, list(wanted)))
    found = {h: v for h, v in shipped.by_hash().items() if h in missing}
    cache.store(embedder.name, found)
    log.info(
        "Shipped vectors: %d of %d passages taken from %s",
        len(found),
        len(wanted),
        shipped_path(corpus_dir, embedder.name).name,
    )
    return len(found)


def ship_corpus_vectors(
    settings: Settings, embedder: Embedder | None = None, progress: Callable[[int, int], None] | None = None
) -> ShipReport:
    """Write the shipped vectors of the corpus as it is chunked now (`assistant ship-vectors`).

    Vectors come from the index folder's embedding cache and the file there was; only passages neither
    holds are embedded. Passages no longer in the corpus are left out. For the bundled corpus the Hunspell
    verdicts its OCR repair asked for are written too (ingest/ocr/lexicon.py, SHIPPED_ANSWERS).
    """
    from assistant.index.build import ingest_configured
    from assistant.index.embedders import create_embedder

    corpus = ingest_configured(settings)
    verdicts = HUNSPELL_ANSWERS.write() if settings.corpus_path.resolve() == BUNDLED_CORPUS else 0
    embedder = embedder or create_embedder(settings.embedder)
    texts = [c.index_text for c in corpus.chunks]
    cache = EmbeddingCache(settings.index_path / "embedding_cache.sqlite")
    try:
        seed_cache(cache, settings.corpus_path, embedder, texts)
        report = write_shipped(settings.corpus_path, cache, embedder, texts, progress)
    finally:
        cache.close()
    return replace(report, spelling_verdicts=verdicts)


def write_shipped(
    corpus_dir: Path,
    cache: EmbeddingCache,
    embedder: Embedder,
    texts: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
) -> ShipReport:
    """Write the vectors of texts (embedding those the cache lacks) as the corpus's shipped file, atomically."""
    vectors, embedded = cache.embed(embedder, texts, progress=progress)
    rows: dict[str, np.ndarray] = {}
    for text, vector in zip(texts, vectors):
        rows.setdefault(text_hash(text), vector)
    hashes = sorted(rows)
    digests = np.frombuffer(b"".join(bytes.fromhex(h) for h in hashes), dtype=np.uint8).reshape(-1, _DIGEST_BYTES)
    matrix = np.vstack([rows[h] for h in hashes]).astype(np.float32) if hashes else np.zeros((0, 0), np.float32)
    path = shipped_path(corpus_dir, embedder.name)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.npz")
    try:
        np.savez_compressed(temporary, model=np.array(embedder.name), hashes=digests, vectors=matrix)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return ShipReport(path, embedder.name, len(hashes), embedded, path.stat().st_size)
