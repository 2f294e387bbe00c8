"""Rows read from the documents' tables, each with the exact passage it was read from."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.ingest.cleaning import CleanDocument
from assistant.models import Chunk


@dataclass(frozen=True)
class Provenance:
    """Where a row comes from: document, section, page and the exact passage of the cleaned text."""

    doc_id: str
    title: str
    section: str
    page: int | None
    start: int
    end: int
    passage: str
    chunk_id: str = ""


@dataclass(frozen=True)
class TableRow:
    """One row of a rebuilt table: its fields and its source."""

    table: str
    fields: dict[str, Any]
    source: Provenance
    extra: dict[str, Any] = field(default_factory=dict)


class SourceLocator:
    """Turn offsets or passages of the cleaned documents into Provenance records."""

    def __init__(self, documents: list[CleanDocument], chunks: list[Chunk]) -> None:
        self.documents = {d.info.doc_id: d for d in documents}
        self._chunks: dict[str, list[Chunk]] = {}
        for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.start)):
            self._chunks.setdefault(chunk.doc_id, []).append(chunk)

    def span(self, doc_id: str, start: int, end: int) -> Provenance:
        document = self.documents[doc_id]
        chunk = self._chunk_at(doc_id, start)
        return Provenance(
            doc_id=doc_id,
            title=document.info.title,
            section=chunk.section if chunk else "",
            page=document.page_at(start),
            start=start,
            end=end,
            passage=document.text[start:end],
            chunk_id=chunk.chunk_id if chunk else "",
        )

    def passage(self, doc_id: str, passage: str) -> Provenance:
        """Provenance of an exact passage of a document; KeyError/ValueError when it is not there."""
        text = self.documents[doc_id].text
        start = text.find(passage)
        if start < 0:
            raise ValueError(f"passage not found in {doc_id}: {passage[:60]!r}")
        return self.span(doc_id, start, start + len(passage))

    def _chunk_at(self, doc_id: str, offset: int) -> Chunk | None:
        chunks = self._chunks.get(doc_id, [])
        starts = [c.start for c in chunks]
        index = bisect.bisect_right(starts, offset) - 1
        return chunks[index] if index >= 0 else (chunks[0] if chunks else None)


def load_curated_rows(path: Path, table: str, list_key: str, locator: SourceLocator) -> list[TableRow]:
    """Rows of a curated JSON file ({"doc_id", list_key: [{..., "passage"}]}), each located in its document.

    A passage that is no longer in the cleaned text raises ValueError: the curated file must be updated."""
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    doc_id = data["doc_id"]
    if doc_id not in locator.documents:
        return []
    return [
        TableRow(table, {k: v for k, v in row.items() if k != "passage"}, locator.passage(doc_id, row["passage"]))
        for row in data[list_key]
    ]
