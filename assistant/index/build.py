"""Build the index into a fresh directory and switch to it only when it is complete."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.errors import AssistantError, EmbedderError
from assistant.index import store as index_store
from assistant.index.embedders import Embedder, create_embedder
from assistant.index.embedding_cache import EmbeddingCache
from assistant.index.keyword_index import KeywordIndex
from assistant.index.vector_store import VectorStore, drop_collection, open_client
from assistant.ingest.corpus import SkippedDocument, ingest_corpus
from assistant.ingest.pdf_extraction import PdfLimits
from assistant.settings import Settings
from assistant.tables import build_tables

log = logging.getLogger(__name__)
# 2: tables.sqlite beside the index; 3: HNSW ef 200 (near-exact, repeatable);
# 4: OCR compound repair, färdplan table groups whole across wrapped utförare lines, -ena plurals, no contents lines
PIPELINE_VERSION = "4"

Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    """What a build did: counts, timings and the files it skipped."""

    build_dir: str
    documents: int
    chunks: int
    embedded: int
    up_to_date: bool = False
    seconds: float = 0.0
    embed_seconds: float = 0.0
    skipped: list[SkippedDocument] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)


def build_index(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> BuildReport:
    """Ingest the corpus and build the vector and keyword indexes; switch atomically at the end."""
    started = time.perf_counter()
    index_dir = settings.index_path
    with index_store.build_lock(index_dir):
        corpus = ingest_corpus(
            settings.corpus_path,
            settings.chunk_size,
            settings.max_file_mb * 1_000_000,
            PdfLimits.from_settings(settings),
        )
        embedder = embedder or create_embedder(settings.embedder)
        fingerprint = _fingerprint(corpus.chunks, embedder.name, settings)
        live = _live_meta(index_dir)
        if live and live.get("fingerprint") == fingerprint and not force:
            return BuildReport(
                build_dir=live["build_dir"],
                documents=len(corpus.documents),
                chunks=len(corpus.chunks),
                embedded=0,
                up_to_date=True,
                seconds=time.perf_counter() - started,
                skipped=corpus.skipped,
                unlisted=corpus.unlisted,
            )
        build_dir = index_store.new_build_dir(index_dir)
        embed_started = time.perf_counter()
        cache = EmbeddingCache(index_dir / "embedding_cache.sqlite")
        try:
            vectors, embedded = cache.embed(embedder, [c.index_text for c in corpus.chunks], progress=progress)
        except AssistantError:
            raise
        except Exception as exc:  # noqa: BLE001 - a model failing mid-build must not look like a crash
            raise EmbedderError(
                f"Inbäddningsmodellen {embedder.name} fungerade inte under indexeringen; "
                "det tidigare indexet används fortfarande.",
                repr(exc),
            ) from exc
        finally:
            cache.close()
        embed_seconds = time.perf_counter() - embed_started
        collection = f"passages-{build_dir.name}"
        client = open_client(build_dir / "chroma", settings.chroma_url)
        VectorStore.create(client, collection, corpus.chunks, vectors)
        KeywordIndex.build([c.chunk_id for c in corpus.chunks], [c.index_text for c in corpus.chunks]).save(
            build_dir / "keyword"
        )
        index_store.write_chunks(build_dir, corpus.chunks)
        index_store.write_json(build_dir / "documents.json", _document_summaries(corpus))
        table_counts = build_tables(build_dir, corpus.documents, corpus.chunks, settings.corpus_path)
        report = BuildReport(
            build_dir=str(build_dir),
            documents=len(corpus.documents),
            chunks=len(corpus.chunks),
            embedded=embedded,
            seconds=0.0,
            embed_seconds=embed_seconds,
            skipped=corpus.skipped,
            unlisted=corpus.unlisted,
        )
        meta = {
            "fingerprint": fingerprint,
            "embedder": embedder.name,
            "collection": collection,
            "chroma_url": settings.chroma_url,
            "created": time.time(),
            "build_dir": str(build_dir),
            "skipped": [asdict(s) for s in corpus.skipped],
            "tables": table_counts,
            "pipeline_version": PIPELINE_VERSION,
        }
        index_store.write_json(build_dir / "meta.json", meta)
        previous_collection = live.get("collection") if live else None
        index_store.switch_to(index_dir, build_dir)
        if previous_collection and settings.chroma_url:
            drop_collection(client, previous_collection)
        report.seconds = time.perf_counter() - started
        return report


def _live_meta(index_dir: Path) -> dict | None:
    try:
        return index_store.read_json(index_store.current_build_dir(index_dir) / "meta.json")
    except Exception:  # noqa: BLE001 - no usable live build means a full build
        return None


def _fingerprint(chunks, embedder_name: str, settings: Settings) -> str:
    digest = hashlib.sha256()
    digest.update(f"{PIPELINE_VERSION}|{embedder_name}|{settings.chroma_url}".encode())
    for chunk in chunks:
        digest.update(chunk.chunk_id.encode())
        digest.update(chunk.index_text.encode())
    return digest.hexdigest()


def _document_summaries(corpus) -> list[dict]:
    counts: dict[str, int] = {}
    for chunk in corpus.chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    return [
        {**asdict(doc.info), "passages": counts.get(doc.info.doc_id, 0), "characters": len(doc.text)}
        for doc in corpus.documents
    ]
