"""Cut a chunk into the views its vectors embed: the model reads ~512 tokens, a measure is longer."""

from __future__ import annotations

from .models import Chunk

VIEW_CHARS = 900


def vector_views(chunk: Chunk, max_chars: int = VIEW_CHARS) -> list[str]:
    """The texts embedded for a chunk: its header plus consecutive line windows of ≤ max_chars."""
    header = chunk.index_text[: len(chunk.index_text) - len(chunk.text)]
    if len(chunk.text) <= max_chars:
        return [chunk.index_text]
    views, current = [], ""
    for line in chunk.text.split("\n"):
        if current and len(current) + len(line) + 1 > max_chars:
            views.append(header + current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        views.append(header + current)
    return views


def view_id(chunk_id: str, index: int) -> str:
    return f"{chunk_id}#{index}"


def chunk_id_of(view: str) -> str:
    return view.rsplit("#", 1)[0]
