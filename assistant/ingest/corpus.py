"""Turn the corpus folder into cleaned, chunked documents, reporting the files it had to skip."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import CorpusError, DocumentError, EmptyCorpusError
from assistant.ingest.chunking import chunk_document
from assistant.ingest.cleaning import CleanDocument, clean_document
from assistant.ingest.corpus_files import SkippedDocument
from assistant.ingest.instructions import KIND_TEXT, instruction_kinds
from assistant.ingest.loaders import load_document
from assistant.ingest.manifest import list_corpus
from assistant.ingest.ocr.select import ocr_repair_for
from assistant.ingest.pdf_extraction import PdfLimits
from assistant.models import Chunk, Document, DocumentInfo

log = logging.getLogger(__name__)


__all__ = ["IngestedCorpus", "SkippedDocument", "ingest_corpus"]


@dataclass
class IngestedCorpus:
    """The cleaned documents and their chunks, plus the files left out."""

    documents: list[CleanDocument] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    skipped: list[SkippedDocument] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ingest_corpus(
    corpus_dir: Path,
    chunk_size: int,
    max_file_bytes: int | None = None,
    pdf_limits: PdfLimits | None = None,
    max_document_chars: int | None = None,
) -> IngestedCorpus:
    """Load, clean and chunk every supported document in corpus_dir.

    A document whose text is longer than max_document_chars is skipped before it is cleaned (the reason
    says how long it is and about how many passages it would make).

    Raises CorpusError when the folder is missing, ManifestError when its manifest.json cannot be
    used, and EmptyCorpusError (listing every skipped file and why) when no document could be read.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"Dokumentmappen {corpus_dir} finns inte. Ange rätt mapp med --corpus eller ASSISTANT_CORPUS_DIR.",
            f"missing {corpus_dir}",
        )
    listing = list_corpus(corpus_dir)
    result = IngestedCorpus(skipped=list(listing.skipped), warnings=list(listing.warnings))
    loaded: list[Document] = []
    for info in listing.documents:
        if not info.from_manifest:
            result.unlisted.append(Path(info.path).name)
        document = _load_or_skip(info, max_file_bytes, pdf_limits, result)
        if document is not None and max_document_chars is not None and len(document.text) > max_document_chars:
            result.skipped.append(_too_long(document, max_document_chars, chunk_size))
            continue
        if document is not None:
            loaded.append(document)
    loaded = _without_duplicates(loaded, result)
    repair = ocr_repair_for(loaded)
    for document in loaded:
        clean = clean_document(document, repair=repair(document))
        result.documents.append(clean)
        chunks = chunk_document(clean, chunk_size)
        result.chunks.extend(chunks)
        _warn_of_instructions(document, chunks, result)
    if not result.chunks:
        raise _empty_corpus(corpus_dir, result.skipped)
    return result


def _too_long(document: Document, limit: int, chunk_size: int) -> SkippedDocument:
    name = Path(document.info.path).name
    log.warning("Hoppar över %s: %d tecken, gränsen är %d", name, len(document.text), limit)
    reason = (
        f"{name}: dokumentet har {_number(len(document.text))} tecken, mer än gränsen på {_number(limit)} "
        f"(ASSISTANT_MAX_DOCUMENT_CHARS); det blev omkring {_number(len(document.text) // chunk_size)} passager "
        "att bädda in. Dela upp dokumentet eller höj gränsen."
    )
    return SkippedDocument(name, reason)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _without_duplicates(documents: list[Document], result: IngestedCorpus) -> list[Document]:
    """Each text once: a copy of a document (same text, spaces aside) is left out with a warning.

    The manifest's entry is kept over an unlisted copy; otherwise the first file by name.
    """
    kept: dict[str, Document] = {}
    order = sorted(documents, key=lambda d: not d.info.from_manifest)  # stable: by name within each group
    for document in order:
        digest = hashlib.sha256(" ".join(document.text.split()).encode()).hexdigest()
        first = kept.setdefault(digest, document)
        if first is document:
            continue
        name, original = Path(document.info.path).name, Path(first.info.path).name
        warning = (
            f"{name} har samma innehåll som {original} (dokument-id {first.info.doc_id}) och indexeras bara "
            f"en gång, som {first.info.doc_id}. Ta bort kopian ur dokumentmappen."
        )
        log.warning("%s", warning)
        result.warnings.append(warning)
        if name in result.unlisted:
            result.unlisted.remove(name)
    chosen = {id(d) for d in kept.values()}
    return [d for d in documents if id(d) in chosen]


def _warn_of_instructions(document: Document, chunks: list[Chunk], result: IngestedCorpus) -> None:
    """Tell the admin which document holds text addressed to the assistant or the reader."""
    sentences = tuple(s for chunk in chunks for s in chunk.instructions)
    if not sentences:
        return
    kinds = "; ".join(KIND_TEXT[kind] for kind in instruction_kinds(sentences))
    count = f"{len(sentences)} mening" + ("ar" if len(sentences) > 1 else "")
    example = sentences[0] if len(sentences[0]) <= 120 else sentences[0][:117] + "…"
    pronoun = "De" if len(sentences) > 1 else "Den"
    warning = (
        f"{Path(document.info.path).name}: {count} riktar sig till assistenten eller läsaren ({kinds}), "
        f't.ex. "{example}". {pronoun} används aldrig som svar och källan märks; kontrollera dokumentet.'
    )
    log.warning("%s", warning)
    result.warnings.append(warning)


def _empty_corpus(corpus_dir: Path, skipped: list[SkippedDocument]) -> EmptyCorpusError:
    if not skipped:
        message = (
            f"Dokumentmappen {corpus_dir} innehåller inga dokument (.txt, .md eller .pdf). "
            "Lägg dokumenten där och kör `assistant ingest` igen."
        )
    else:
        reasons = "\n".join(f"  {s.reason}" for s in sorted(skipped, key=lambda s: s.file))
        message = (
            f"Inget dokument i {corpus_dir} kunde läsas in; alla filer hoppades över:\n{reasons}\n"
            "Rätta filerna och kör `assistant ingest` igen."
        )
    return EmptyCorpusError(message, f"no chunks from {corpus_dir}; {len(skipped)} skipped")


def _load_or_skip(
    info: DocumentInfo, max_file_bytes: int | None, pdf_limits: PdfLimits | None, result: IngestedCorpus
) -> Document | None:
    try:
        return load_document(info, max_bytes=max_file_bytes, pdf_limits=pdf_limits)
    except DocumentError as exc:
        log.warning("Hoppar över %s: %s", info.path, exc.cause)
        result.skipped.append(SkippedDocument(Path(info.path).name, exc.user_message))
        return None
