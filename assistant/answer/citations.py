"""A retrieved passage as a citation: the text the user sees, and where it comes from."""

from __future__ import annotations

from assistant.models import Citation, Passage
from assistant.text.display import clean_text


def passage_citation(passage: Passage) -> Citation:
    """The passage as a citation, its text cleaned for reading; the answerer fills in `quote`."""
    return Citation(
        text=clean_text(passage.text),
        doc_id=passage.doc_id,
        title=passage.title,
        section=passage.section,
        page=passage.page,
        chunk_id=passage.chunk_id,
    )
