"""Nära vård-assistenten: search and answers over the Nära vård documents of Sörmland."""

from .core import Assistant
from .models import Chunk, Document, DocumentInfo, Passage
from .retrieval import SearchFilters
from .settings import Settings

__all__ = ["Assistant", "Chunk", "Document", "DocumentInfo", "Passage", "SearchFilters", "Settings"]
