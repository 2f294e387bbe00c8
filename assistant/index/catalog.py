"""The indexed documents with their metadata and passage counts, as the build recorded them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from assistant.index import store as index_store
from assistant.models import DocumentInfo

_INFO_FIELDS = {f.name for f in fields(DocumentInfo)}


@dataclass(frozen=True)
class CatalogEntry:
    """One indexed document: its catalogue entry and how much of it was indexed."""

    info: DocumentInfo
    passages: int
    characters: int


def read_catalog(build_dir: Path) -> list[CatalogEntry]:
    """The documents of a built index, in the order they were indexed (documents.json)."""
    data = index_store.read_json(build_dir / "documents.json")
    return [
        CatalogEntry(
            info=DocumentInfo(**{k: v for k, v in entry.items() if k in _INFO_FIELDS}),
            passages=int(entry.get("passages", 0)),
            characters=int(entry.get("characters", 0)),
        )
        for entry in data
    ]
