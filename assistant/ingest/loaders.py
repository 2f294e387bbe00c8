"""Load .txt, .md and .pdf files into Documents, keeping where each page starts."""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import stat
from pathlib import Path

import charset_normalizer

from assistant.errors import DocumentError
from assistant.ingest.control_chars import terminal_safe
from assistant.ingest.pdf_extraction import PdfLimits, PdfText, extract_pdf
from assistant.models import Document, DocumentInfo

# Extractions mark a new page with a form feed; some (declared in the manifest as
# page_marks "leading-space") start each page's first line with exactly one space.
_PAGE_BREAKS = {
    "formfeed": re.compile(r"\f"),
    "leading-space": re.compile(r"\f|(?:(?<=\n)|^) (?=\S)"),
}
# The single-byte encodings of Swedish text that is not UTF-8; charset-normalizer chooses between
# them and finds none when the bytes read as garbage in both. Left to guess freely, it reads short
# Swedish Windows-1252 text as Central European cp1250 ("pĺ" for "på").
_SINGLE_BYTE_ENCODINGS = ["cp1252", "latin_1"]


def load_document(info: DocumentInfo, max_bytes: int | None = None, pdf_limits: PdfLimits | None = None) -> Document:
    """Read one document; raise DocumentError with a Swedish message when it cannot be used.

    The size check comes first, so a file over max_bytes is never parsed. A symbolic link is refused
    here too, not only when the corpus is listed: the file may have been swapped for one since.
    """
    path = Path(info.path)
    try:
        status = path.lstat()
    except OSError as exc:
        raise DocumentError(f"{path.name}: filen kunde inte öppnas.", repr(exc)) from exc
    if stat.S_ISLNK(status.st_mode):
        raise DocumentError(f"{path.name}: är en symbolisk länk; länkar följs aldrig.", "symlink at load")
    if not stat.S_ISREG(status.st_mode):
        raise DocumentError(f"{path.name}: är inte en vanlig fil.", f"mode {status.st_mode:o}")
    size = status.st_size
    if size == 0:
        raise DocumentError(f"{path.name}: filen är tom.", "empty file")
    if max_bytes is not None and size > max_bytes:
        limit_mb = max_bytes / 1_000_000
        raise DocumentError(f"{path.name}: filen är större än gränsen på {limit_mb:g} MB.", f"{size} bytes")
    if path.suffix.lower() == ".pdf":
        return load_pdf(info, pdf_limits)
    return load_text(info)


def load_text(info: DocumentInfo) -> Document:
    """Load a plain-text or Markdown file; pages are found from the extraction's page marks."""
    try:
        data = _read_without_following_links(Path(info.path))
    except OSError as exc:
        raise DocumentError(f"{Path(info.path).name}: filen kunde inte läsas.", repr(exc)) from exc
    text = decode_text(data, Path(info.path).name)
    if not text.strip():
        raise DocumentError(f"{Path(info.path).name}: filen innehåller ingen text.", "blank text")
    page_break = _PAGE_BREAKS.get(info.page_marks, _PAGE_BREAKS["formfeed"])
    page_starts = tuple(m.start() for m in page_break.finditer(text))
    if page_starts and page_starts[0] != 0:
        page_starts = (0, *page_starts)
    return Document(info=info, text=text, page_starts=page_starts)


def _read_without_following_links(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (or UTF-16 with a byte order mark), else Windows-1252 or Latin-1.

    Raises DocumentError for binary data (NUL bytes) and for bytes that charset-normalizer
    cannot read as text in any of those encodings.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name}: filen ser ut att vara binär, inte text.", "NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    match = charset_normalizer.from_bytes(data, cp_isolation=_SINGLE_BYTE_ENCODINGS).best()
    if match is None:
        raise DocumentError(f"{name}: teckenkodningen kunde inte läsas.", "undecodable: not UTF-8, cp1252 or latin-1")
    return str(match)


def load_pdf(info: DocumentInfo, limits: PdfLimits | None = None) -> Document:
    """Extract a PDF's text page by page, in a child process with a time and memory cap."""
    extracted = extract_pdf(Path(info.path), limits)
    pages = extracted.pages
    if not any(p.strip() for p in pages):
        raise DocumentError(f"{Path(info.path).name}: PDF-filen innehåller ingen läsbar text.", "no text layer")
    page_starts, offset = [], 0
    for page_text in pages:
        page_starts.append(offset)
        offset += len(page_text) + 2
    if not info.from_manifest:
        info = _with_pdf_metadata(info, extracted)
    return Document(info=info, text="\n\n".join(pages), page_starts=tuple(page_starts))


def _with_pdf_metadata(info: DocumentInfo, extracted: PdfText) -> DocumentInfo:
    title = terminal_safe(extracted.title).strip()  # metadata is document text too
    year = re.search(r"(19|20)\d{2}", extracted.created)
    return dataclasses.replace(
        info,
        title=title or info.title,
        publisher=terminal_safe(extracted.author).strip() or info.publisher,
        date=info.date or (year.group(0) if year else ""),
    )
