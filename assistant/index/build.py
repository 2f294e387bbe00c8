"""Build the index into a fresh directory and switch to it only when it is complete.

With `keyword_first`, a build that has nothing usable to replace publishes a keyword-only build first
(passages, BM25 index and tables, an empty vector collection) so questions get answers at once, then
embeds the passages and publishes the full hybrid build; open Assistants follow the switch by themselves.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import AssistantError, EmbedderError
from assistant.index import store as index_store
from assistant.index.build_progress import (
    DONE,
    EMBED,
    FAILED,
    INGEST,
    KEYWORD,
    STORE,
    ProgressWriter,
    duration_text,
)
from assistant.index.embedders import Embedder, create_embedder
from assistant.index.embedding_cache import EmbeddingCache
from assistant.index.keyword_index import KeywordIndex
from assistant.index.shipped_vectors import seed_cache
from assistant.index.vector_store import VectorStore, drop_collection, open_client
from assistant.ingest.corpus import IngestedCorpus, SkippedDocument, ingest_corpus
from assistant.ingest.pdf_extraction import PdfLimits
from assistant.settings import Settings
from assistant.tables import build_tables

log = logging.getLogger(__name__)
# 2: tables.sqlite beside the index; 3: HNSW ef 200 (near-exact, repeatable);
# 4: OCR compound repair, färdplan table groups whole across wrapped utförare lines, -ena plurals, no contents lines;
# 5: each chunk names its sentences that give the assistant or the reader instructions (Chunk.instructions);
# 6: escape sequences and control characters removed from the text (ingest/control_chars.py);
# 7: each färdplan row a passage of its own; 8: inline HTML tags (<b>, <sup> …) removed from the text, a glossary
# found by its bold terms (CleanDocument.bold), a page's first line after a comma not joined to the page before, an
# abbreviation spelled out in the text cited by its whole sentence (tables/extract/glossary.py); 9: the parts of a
# document of like parts keep their title in the section ("Bilaga 4 › Personcentrerad egenmonitorering › Tidplan")
# 10: a hard c is tokenised as k ("coordinator" meets "koordinator"; text/tokens.py)
PIPELINE_VERSION = "10"

Progress = Callable[[int, int], None]
# An embedding expected to take this long or more is announced before it starts.
LONG_EMBEDDING_S = 60.0

# What a keyword-only build shares with the full build that follows it (copied, not recomputed).
_KEYWORD_PARTS = ("keyword", "chunks.jsonl", "documents.json", "tables.sqlite")
FAILED_MESSAGE = "Indexeringen misslyckades; det tidigare indexet används fortfarande. Detaljerna finns i loggen."


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
    keyword_only_seconds: float | None = None  # from the start to a published keyword-only build, when there was one
    skipped: list[SkippedDocument] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    # In Swedish, for the admin: id clashes, copies indexed once, manifest entries without a file, documents
    # holding text addressed to the assistant or the reader (the CLI prints each as "Varning: …").
    warnings: list[str] = field(default_factory=list)
    shipped: int = 0  # vectors taken from the corpus's shipped file (shipped_vectors.py) into the embedding cache
    new_passages: int = 0  # passages not in the embedding cache when the build began embedding
    estimated_embed_seconds: float = 0.0  # what they were expected to take (measured speed of the model)
    vectors_left: int = 0  # passages left to embed by a build that stopped at its keyword-only build


@dataclass(frozen=True)
class LiveState:
    """What the live build of an index folder is good for."""

    build_dir: Path | None
    keyword_only: bool = False
    current_pipeline: bool = False

    @property
    def searchable(self) -> bool:
        """A build the Assistant opens as it is (no rebuild first)."""
        return self.build_dir is not None and self.current_pipeline

    @property
    def complete(self) -> bool:
        """Searchable with vectors: nothing left to build."""
        return self.searchable and not self.keyword_only


def live_state(index_dir: Path) -> LiveState:
    """The live build of index_dir and whether it is keyword-only or from an older pipeline."""
    meta = _live_meta(index_dir)
    if meta is None:
        return LiveState(None)
    return LiveState(
        Path(meta["build_dir"]),
        keyword_only=bool(meta.get("keyword_only")),
        current_pipeline=meta.get("pipeline_version") == PIPELINE_VERSION,
    )


def build_index(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    force: bool = False,
    keyword_first: bool = False,
    notice: Callable[[str], None] | None = None,
    embed_within_s: float | None = None,
) -> BuildReport:
    """Ingest the corpus and build the vector and keyword indexes; switch atomically at the end.

    keyword_first: when no searchable build of this pipeline is live, publish a keyword-only build before
    embedding. Progress goes to `progress` and to the index folder's progress file (build_progress.py), with
    the expected embedding time; before an embedding expected to take LONG_EMBEDDING_S or more, `notice`
    gets a Swedish line saying how long. With embed_within_s, a build that published a keyword-only build
    stops there when the embedding is expected to take longer (BuildReport.vectors_left says how many
    passages wait; the next build embeds them). Raises BuildInProgressError at once when another build holds
    the lock.
    """
    index_dir = settings.index_path
    with index_store.build_lock(index_dir):
        writer = ProgressWriter(index_dir)
        try:
            report = _build_locked(settings, embedder, progress, force, keyword_first, writer, notice, embed_within_s)
        except AssistantError as exc:
            writer.phase(FAILED, message=exc.user_message)
            raise
        except Exception:
            writer.phase(FAILED, message=FAILED_MESSAGE)
            raise
        writer.phase(DONE, report.chunks, report.chunks)
        return report


def _build_locked(
    settings, embedder, progress, force, keyword_first, writer: ProgressWriter, notice=None, embed_within_s=None
) -> BuildReport:
    started = time.perf_counter()
    index_dir = settings.index_path
    writer.phase(INGEST)
    corpus = ingest_configured(settings)
    embedder = embedder or create_embedder(settings.embedder)
    fingerprint = _fingerprint(corpus.chunks, embedder.name, settings)
    live = _live_meta(index_dir)
    report = BuildReport(
        build_dir="",
        documents=len(corpus.documents),
        chunks=len(corpus.chunks),
        embedded=0,
        skipped=corpus.skipped,
        unlisted=corpus.unlisted,
        warnings=corpus.warnings,
    )
    same = bool(live) and live.get("fingerprint") == fingerprint
    if same and not live.get("keyword_only") and not force:
        report.build_dir, report.up_to_date = live["build_dir"], True
        report.seconds = time.perf_counter() - started
        return report
    base = _meta_base(fingerprint, embedder.name, settings, corpus)
    parts_from: Path | None = None
    keyword_collection = None
    if same and live.get("keyword_only"):
        parts_from, keyword_collection = Path(live["build_dir"]), live.get("collection")
    elif keyword_first and not _searchable(live):
        writer.phase(KEYWORD)
        parts_from = _publish_keyword_only(settings, corpus, base)
        keyword_collection = f"passages-{parts_from.name}"
        writer.keyword_only_live = True
        report.keyword_only_seconds = time.perf_counter() - started
        live = index_store.read_json(parts_from / "meta.json")
        log.info("Keyword-only build %s is live after %.1f s; embedding.", parts_from.name, report.keyword_only_seconds)

    def embedded(done: int, total: int) -> None:
        writer.embedded(done, total)
        if progress:
            progress(done, total)

    report.shipped, report.new_passages, report.estimated_embed_seconds = _prepare_embedding(
        settings, embedder, corpus.chunks
    )
    writer.estimate_seconds = report.estimated_embed_seconds
    if keyword_collection and embed_within_s is not None and report.estimated_embed_seconds > embed_within_s:
        report.build_dir, report.vectors_left = str(parts_from), report.new_passages
        report.seconds = time.perf_counter() - started
        log.info("Keyword-only build %s stays live: %d passages left to embed.", parts_from.name, report.new_passages)
        return report
    if report.estimated_embed_seconds >= LONG_EMBEDDING_S:
        line = (
            f"{report.new_passages} passager ska bäddas in med {embedder.name}; det tar uppskattningsvis "
            f"{duration_text(report.estimated_embed_seconds)}. Det tidigare indexet används under tiden."
        )
        log.info("%s", line)
        if notice:
            notice(line)
    writer.phase(EMBED, 0, len(corpus.chunks))
    embed_started = time.perf_counter()
    vectors, report.embedded = _embed(settings, embedder, corpus.chunks, embedded)
    report.embed_seconds = time.perf_counter() - embed_started
    log.info(
        "Vectors of %d passages: %d from the shipped file, %d embedded (%.1f s), the rest from the cache.",
        len(corpus.chunks),
        report.shipped,
        report.embedded,
        report.embed_seconds,
    )
    writer.phase(STORE, len(corpus.chunks), len(corpus.chunks))
    build_dir = index_store.new_build_dir(index_dir)
    if parts_from is not None:
        for name in _KEYWORD_PARTS:
            _copy(parts_from / name, build_dir / name)
        table_counts = index_store.read_json(parts_from / "meta.json").get("tables", {})
    else:
        table_counts = _write_keyword_parts(build_dir, corpus, settings)
    collection = f"passages-{build_dir.name}"
    client = open_client(build_dir / "chroma", settings.chroma_url)
    VectorStore.create(client, collection, corpus.chunks, vectors)
    index_store.write_json(
        build_dir / "meta.json",
        {**base, "collection": collection, "build_dir": str(build_dir), "tables": table_counts, "created": time.time()},
    )
    previous_collection = live.get("collection") if live else None
    index_store.switch_to(index_dir, build_dir)
    if settings.chroma_url:
        for name in {previous_collection, keyword_collection} - {None}:
            drop_collection(client, name)
    report.build_dir = str(build_dir)
    report.seconds = time.perf_counter() - started
    return report


def ingest_configured(settings: Settings) -> IngestedCorpus:
    """The corpus as the settings ingest it (folder, passage size and limits): what a build indexes."""
    return ingest_corpus(
        settings.corpus_path,
        settings.chunk_size,
        settings.max_file_mb * 1_000_000,
        PdfLimits.from_settings(settings),
        settings.max_document_chars,
    )


def _publish_keyword_only(settings: Settings, corpus, base: dict) -> Path:
    """A live build that answers with BM25 and the tables while the vectors are embedded."""
    build_dir = index_store.new_build_dir(settings.index_path)
    table_counts = _write_keyword_parts(build_dir, corpus, settings)
    collection = f"passages-{build_dir.name}"
    client = open_client(build_dir / "chroma", settings.chroma_url)
    VectorStore.create(client, collection, [], np.zeros((0, 0), dtype=np.float32))
    meta = {
        **base,
        "collection": collection,
        "build_dir": str(build_dir),
        "tables": table_counts,
        "created": time.time(),
        "keyword_only": True,
    }
    index_store.write_json(build_dir / "meta.json", meta)
    index_store.switch_to(settings.index_path, build_dir)
    return build_dir


def _write_keyword_parts(build_dir: Path, corpus, settings: Settings) -> dict:
    KeywordIndex.build([c.chunk_id for c in corpus.chunks], [c.index_text for c in corpus.chunks]).save(
        build_dir / "keyword"
    )
    index_store.write_chunks(build_dir, corpus.chunks)
    index_store.write_json(build_dir / "documents.json", _document_summaries(corpus))
    return build_tables(build_dir, corpus.documents, corpus.chunks, settings.corpus_path)


def _prepare_embedding(settings: Settings, embedder: Embedder, chunks) -> tuple[int, int, float]:
    """Copy the corpus's shipped vectors the embedding cache lacks into it; returns how many it copied, how
    many passages are still not cached, and the seconds those are expected to take."""
    cache = EmbeddingCache(settings.index_path / "embedding_cache.sqlite")
    try:
        texts = [c.index_text for c in chunks]
        shipped = seed_cache(cache, settings.corpus_path, embedder, texts)
        new = cache.missing(embedder, texts)
        return shipped, new, new * cache.seconds_per_passage(embedder.name)
    finally:
        cache.close()


def _embed(settings: Settings, embedder: Embedder, chunks, progress: Progress) -> tuple[np.ndarray, int]:
    cache = EmbeddingCache(settings.index_path / "embedding_cache.sqlite")
    try:
        return cache.embed(embedder, [c.index_text for c in chunks], progress=progress)
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


def _meta_base(fingerprint: str, embedder_name: str, settings: Settings, corpus) -> dict:
    return {
        "fingerprint": fingerprint,
        "embedder": embedder_name,
        "chroma_url": settings.chroma_url,
        "skipped": [asdict(s) for s in corpus.skipped],
        "warnings": list(corpus.warnings),
        "pipeline_version": PIPELINE_VERSION,
    }


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target)
    elif source.exists():
        shutil.copy2(source, target)


def _searchable(meta: dict | None) -> bool:
    return bool(meta) and meta.get("pipeline_version") == PIPELINE_VERSION


def _live_meta(index_dir: Path) -> dict | None:
    try:
        build_dir = index_store.current_build_dir(index_dir)
        meta = index_store.read_json(build_dir / "meta.json")
    except Exception:  # noqa: BLE001 - no usable live build means a full build
        return None
    if not isinstance(meta, dict):
        return None
    return {**meta, "build_dir": str(build_dir)}  # where it is now, even if the index folder was moved


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
