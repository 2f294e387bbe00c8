"""Search filters: restrict a search (and the table answers) to some documents, kinds of document or years."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.models import Chunk, DocumentInfo


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search to some documents, kinds of document or years (empty means all)."""

    doc_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    def accepts(self, chunk: Chunk) -> bool:
        return (
            (not self.doc_ids or chunk.doc_id in self.doc_ids)
            and (not self.kinds or chunk.kind in self.kinds)
            and (not self.years or chunk.year in self.years)
        )

    def accepts_document(self, info: DocumentInfo) -> bool:
        """True when the filters leave some of the document: its id, kind and year pass."""
        return (
            (not self.doc_ids or info.doc_id in self.doc_ids)
            and (not self.kinds or info.kind in self.kinds)
            and (not self.years or info.year in self.years)
        )

    def chroma_where(self) -> dict[str, Any] | None:
        clauses = []
        for key, values in (("doc_id", self.doc_ids), ("kind", self.kinds), ("year", self.years)):
            if values:
                clauses.append({key: {"$in": list(values)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    @property
    def empty(self) -> bool:
        return not (self.doc_ids or self.kinds or self.years)
