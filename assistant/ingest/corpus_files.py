"""Which files of the corpus folder may be read: regular files inside it, never what a link points at; its
sub-folder tables/ holds the curated tables (read by assistant.tables.build), not documents."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

# Office and LibreOffice write these next to an open document; they are not documents.
_LOCK_PREFIXES = ("~$", ".~lock.")
# The one sub-folder read on purpose: the curated tables (JSON), which the table build reads, not the ingest.
CURATED_TABLES_DIR = "tables"


@dataclass
class SkippedDocument:
    """A file that could not be ingested, and why (in Swedish, for the user)."""

    file: str
    reason: str


def list_files(corpus_dir: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[SkippedDocument]]:
    """The regular files directly in corpus_dir with one of suffixes, sorted, and the entries left out.

    Every symbolic link is left out, wherever it points: a link's target can change between this
    check and the read, one inside the folder would index a document twice, and links arrive
    unnoticed with archives and synced folders. Hidden and lock files and sub-folders are left out
    too; files with other suffixes (manifest.json, images) are ignored without a word. The curated
    tables folder is no document folder and is passed over without a word, except for the documents
    put in it (they are left out with a reason).
    """
    root = corpus_dir.resolve()
    files: list[Path] = []
    skipped: list[SkippedDocument] = []
    for path in sorted(corpus_dir.iterdir()):
        reason = _reason_to_skip(path, root, suffixes)
        if reason is None:
            files.append(path)
        elif reason:
            skipped.append(SkippedDocument(path.name + ("/" if _is_real_dir(path) else ""), reason))
    return files, skipped + _documents_among_tables(corpus_dir / CURATED_TABLES_DIR, suffixes)


def _documents_among_tables(tables_dir: Path, suffixes: tuple[str, ...]) -> list[SkippedDocument]:
    """The documents put in the curated tables folder, each left out with the reason."""
    if not _is_real_dir(tables_dir):
        return []
    skipped = []
    for path in sorted(tables_dir.iterdir()):
        if path.suffix.lower() in suffixes:
            name = f"{CURATED_TABLES_DIR}/{path.name}"
            reason = f"{name}: {CURATED_TABLES_DIR}/ är mappen för kurerade tabeller; dokument där läses inte in."
            skipped.append(SkippedDocument(name, f"{reason} Lägg dem direkt i dokumentmappen."))
    return skipped


def _reason_to_skip(path: Path, root: Path, suffixes: tuple[str, ...]) -> str | None:
    """None to read the file, "" to ignore it silently, else the Swedish reason it is skipped."""
    name = path.name
    supported = path.suffix.lower() in suffixes
    if path.is_symlink():
        return f"{name}: är en symbolisk länk; länkar följs aldrig. Kopiera in själva filen i stället."
    if _is_real_dir(path):
        if name.startswith(".") or name == CURATED_TABLES_DIR:
            return ""
        return f"{name}/: är en undermapp; dokument i undermappar läses inte in. Lägg dem direkt i dokumentmappen."
    if not supported:
        return ""
    if name.startswith(_LOCK_PREFIXES):
        return f"{name}: är en låsfil från ett kontorsprogram, inte ett dokument."
    if name.startswith("."):
        return f"{name}: är en dold fil och läses inte in. Byt namn på den om den ska med."
    try:
        mode = path.lstat().st_mode
    except OSError:
        return f"{name}: filen kunde inte öppnas."
    if not stat.S_ISREG(mode):
        return f"{name}: är inte en vanlig fil."
    if not path.resolve().is_relative_to(root):
        return f"{name}: ligger utanför dokumentmappen."
    return None


def _is_real_dir(path: Path) -> bool:
    return not path.is_symlink() and path.is_dir()
