"""The corpus manifest: which documents there are and what each one is."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from assistant.models import DocumentInfo
from assistant.text.folding import fold_letters

MANIFEST_NAME = "manifest.json"
SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf")

log = logging.getLogger(__name__)


def read_manifest(corpus_dir: Path) -> dict[str, DocumentInfo]:
    """Return the manifest's entries keyed by file name (empty when there is no manifest)."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))["documents"]
    infos = {}
    for entry in entries:
        file_name = entry["file"]
        infos[file_name] = DocumentInfo(
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
            lost_headings=tuple((h["line_with"], h["heading"]) for h in entry.get("lost_headings", ())),
        )
    return infos


def discover_documents(corpus_dir: Path) -> list[DocumentInfo]:
    """List the corpus documents: manifest entries first, then unlisted files with a warning."""
    manifest = read_manifest(corpus_dir)
    found = []
    for path in sorted(corpus_dir.iterdir()):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        info = manifest.get(path.name)
        if info is None:
            log.warning("%s saknas i manifestet; metadata tas från filen.", path.name)
            info = info_from_file(path)
        found.append(info)
    missing = set(manifest) - {Path(i.path).name for i in found}
    for name in sorted(missing):
        log.warning("Manifestet nämner %s men filen finns inte.", name)
    return found


def info_from_file(path: Path) -> DocumentInfo:
    """Metadata for a document with no manifest entry: from its name (a PDF's metadata is added at load)."""
    stem = path.stem
    title = re.sub(r"[_-]+", " ", stem).strip().capitalize() or path.name
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
