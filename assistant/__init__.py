"""Nära vård-assistenten: search and answers over the Nära vård documents of Sörmland."""

from assistant.core import Assistant
from assistant.models import Chunk, Document, DocumentInfo, Passage
from assistant.retrieval.hybrid import SearchFilters
from assistant.settings import Settings

__all__ = ["Assistant", "Chunk", "Document", "DocumentInfo", "Passage", "SearchFilters", "Settings"]
