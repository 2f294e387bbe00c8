"""The corpus manifest: which documents there are and what each one is."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ManifestError
from assistant.ingest.control_chars import terminal_safe
from assistant.ingest.corpus_files import SkippedDocument, list_files
from assistant.models import DocumentInfo
from assistant.text.folding import fold_letters

MANIFEST_NAME = "manifest.json"
SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf")
_REQUIRED = ("doc_id", "file", "title")
_TEXT_FIELDS = ("publisher", "kind", "language", "source", "page_marks")
_FIX = "Rätta manifestet och kör `assistant ingest` igen; det tidigare indexet används under tiden."

log = logging.getLogger(__name__)


@dataclass
class CorpusListing:
    """The documents of a corpus folder, the files left out (with a Swedish reason) and warnings."""

    documents: list[DocumentInfo] = field(default_factory=list)
    skipped: list[SkippedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_manifest(corpus_dir: Path) -> dict[str, DocumentInfo]:
    """Return the manifest's entries keyed by file name (empty when there is no manifest).

    Raises ManifestError (Swedish, naming the file and the entry) when manifest.json cannot be
    decoded, is not JSON, or an entry lacks a field, has a field of the wrong type or repeats a
    file or document id.
    """
    path = corpus_dir / MANIFEST_NAME
    if path.is_symlink():
        raise _error(path, "är en symbolisk länk; länkar följs aldrig. Lägg själva filen i dokumentmappen.")
    if not path.is_file():
        return {}
    entries = _manifest_entries(path)
    infos: dict[str, DocumentInfo] = {}
    files_by_id: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        info = _entry_info(path, number, entry, corpus_dir)
        file_name = Path(info.path).name
        if file_name in infos:
            raise _error(path, f"filen {file_name} står i två poster (post {number} och en tidigare).")
        if info.doc_id in files_by_id:
            raise _error(
                path, f"dokument-id {info.doc_id!r} används av både {files_by_id[info.doc_id]} och {file_name}."
            )
        infos[file_name] = info
        files_by_id[info.doc_id] = file_name
    return infos


def list_corpus(corpus_dir: Path) -> CorpusListing:
    """The corpus documents (manifest entries, then unlisted files with a warning) and what was left out.

    Symbolic links, hidden and lock files and sub-folders are skipped with a reason (corpus_files).
    Every document id is unique: the manifest's ids are taken as written, an unlisted file whose id
    is already taken gets a numbered suffix and a warning naming both files.
    """
    manifest = read_manifest(corpus_dir)
    files, skipped = list_files(corpus_dir, SUPPORTED_SUFFIXES)
    listing = CorpusListing(skipped=skipped)
    from_files = {p.name: info_from_file(p) for p in files if p.name not in manifest}
    taken = {info.doc_id: name for name, info in manifest.items()}
    # A suffix never takes the id another file would get from its own name ("a b" -> "a-b-2" and "a-b-2").
    reserved = set(taken) | {info.doc_id for info in from_files.values()}
    for path in files:
        info = manifest.get(path.name)
        if info is None:
            log.warning("%s saknas i manifestet; metadata tas från filen.", path.name)
            info = _with_unique_id(from_files[path.name], taken, reserved, listing)
            taken[info.doc_id] = path.name
        listing.documents.append(info)
    found = {Path(i.path).name for i in listing.documents} | {s.file for s in skipped}
    for name in sorted(set(manifest) - found):
        log.warning("Manifestet nämner %s men filen finns inte.", name)
        listing.warnings.append(
            f"{MANIFEST_NAME} nämner {name} (dokument-id {manifest[name].doc_id}), men filen finns inte i "
            "dokumentmappen; dokumentet indexeras inte. Lägg dit filen eller ta bort posten."
        )
    return listing


def discover_documents(corpus_dir: Path) -> list[DocumentInfo]:
    """The documents of list_corpus, without the skipped files."""
    return list_corpus(corpus_dir).documents


def info_from_file(path: Path) -> DocumentInfo:
    """Metadata for a document with no manifest entry: from its name (a PDF's metadata is added at load)."""
    stem = terminal_safe(path.stem)  # a file name can carry escape sequences too
    title = re.sub(r"[_-]+", " ", stem).strip().capitalize() or terminal_safe(path.name)
    year = re.search(r"(19|20)\d{2}", stem)
    return DocumentInfo(
        doc_id=slugify(stem),
        title=title,
        path=str(path),
        date=year.group(0) if year else "",
        kind="okänd",
        from_manifest=False,
    )


def slugify(text: str) -> str:
    """A stable, ASCII identifier for a file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_letters(text).lower()).strip("-")
    return slug or "dokument"


def _with_unique_id(
    info: DocumentInfo, taken: dict[str, str], reserved: set[str], listing: CorpusListing
) -> DocumentInfo:
    if info.doc_id not in taken:
        return info
    number = 2
    while f"{info.doc_id}-{number}" in taken or f"{info.doc_id}-{number}" in reserved:
        number += 1
    unique = f"{info.doc_id}-{number}"
    warning = (
        f"{Path(info.path).name}: dokument-id {info.doc_id} används redan av {taken[info.doc_id]}; "
        f"filen får id {unique}. Ge filen ett eget namn eller en rad i manifestet."
    )
    log.warning("%s", warning)
    listing.warnings.append(warning)
    return dataclasses.replace(info, doc_id=unique)


def _manifest_entries(path: Path) -> list[Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{path} kunde inte läsas.", repr(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _error(path, "filen är inte sparad som UTF-8. Spara den som UTF-8.", exc) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _error(path, f"ogiltig JSON på rad {exc.lineno}, kolumn {exc.colno}.", exc) from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise _error(path, 'filen ska vara ett JSON-objekt med en lista "documents" (en post per dokument).')
    return data["documents"]


def _entry_info(path: Path, number: int, entry: Any, corpus_dir: Path) -> DocumentInfo:
    if not isinstance(entry, dict):
        raise _error(path, f'post {number} i "documents" är inte ett JSON-objekt.')
    where = f"post {number}" + (f" ({entry['file']})" if isinstance(entry.get("file"), str) else "")
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise _error(path, f'{where} saknar fältet "{key}" (en text).')
    for key in _TEXT_FIELDS:
        if not isinstance(entry.get(key, ""), str):
            raise _error(path, f'{where}: fältet "{key}" ska vara en text.')
    if not isinstance(entry.get("date", ""), (str, int)) or isinstance(entry.get("date"), bool):
        raise _error(path, f'{where}: fältet "date" ska vara en text eller ett år.')
    file_name = entry["file"]
    if Path(file_name).name != file_name or file_name in (".", ".."):
        raise _error(path, f'{where}: fältet "file" ska vara ett filnamn i dokumentmappen, utan mappar.')
    return DocumentInfo(
        doc_id=entry["doc_id"],
        title=entry["title"],
        path=str(corpus_dir / file_name),
        publisher=entry.get("publisher", ""),
        date=str(entry.get("date", "")),
        kind=entry.get("kind", ""),
        language=entry.get("language", "sv"),
        ocr=bool(entry.get("ocr", False)),
        source=entry.get("source", ""),
        page_marks=entry.get("page_marks", "formfeed"),
        lost_headings=_lost_headings(path, where, entry.get("lost_headings", ())),
    )


def _lost_headings(path: Path, where: str, value: Any) -> tuple[tuple[str, str], ...]:
    valid = isinstance(value, (list, tuple)) and all(
        isinstance(h, dict) and isinstance(h.get("line_with"), str) and isinstance(h.get("heading"), str) for h in value
    )
    if not valid:
        raise _error(path, f'{where}: "lost_headings" ska vara en lista med "line_with" och "heading".')
    return tuple((h["line_with"], h["heading"]) for h in value)


def _error(path: Path, problem: str, cause: Exception | None = None) -> ManifestError:
    return ManifestError(f"{path}: {problem} {_FIX}", repr(cause) if cause else problem)
