"""Typed records passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def source_line(title: str, section: str = "", page: int | None = None) -> str:
    """Where a passage comes from, as users read it: "Title – Section, s. 12" (section and page when known)."""
    line = f"{title} – {section}" if section else title
    return f"{line}, s. {page}" if page else line


def _instructions_of(text: str, given: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if given is not None:
        return tuple(given)  # e.g. a list read back from JSON
    from assistant.ingest.instructions import find_instructions  # imported late: models is imported by all

    return find_instructions(text)


@dataclass(frozen=True)
class DocumentInfo:
    """Catalogue entry of one document: who published it, when, and what it is."""

    doc_id: str
    title: str
    path: str
    publisher: str = ""
    date: str = ""
    kind: str = ""
    language: str = "sv"
    ocr: bool = False
    source: str = ""
    page_marks: str = "formfeed"
    from_manifest: bool = True
    # Headings the extraction lost, as (words of the line where the part starts, heading), in order: they
    # only name the sections of the chunks that follow; the text itself is not changed.
    lost_headings: tuple[tuple[str, str], ...] = ()

    @property
    def year(self) -> int | None:
        digits = self.date[:4]
        return int(digits) if digits.isdigit() else None


@dataclass(frozen=True)
class Document:
    """A loaded document: its raw text and the offsets where its pages start."""

    info: DocumentInfo
    text: str
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """A cut passage of a cleaned document, ready to index."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    start: int
    end: int
    page: int | None
    kind: str = ""
    year: int | None = None
    # The sentences of the passage that give the assistant or the reader instructions (ingest/instructions.py):
    # document text is data, so they are never said as an answer, and a source holding them is marked.
    instructions: tuple[str, ...] = ()

    @property
    def index_text(self) -> str:
        """Text given to the indexes: the passage with its document and section as context."""
        header = f"{self.title} – {self.section}" if self.section else self.title
        return f"{header}\n{self.text}"


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its score and the ranks each retriever gave it."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    page: int | None
    score: float
    start: int = 0
    end: int = 0
    kind: str = ""
    year: int | None = None
    ranks: dict[str, int] = field(default_factory=dict)
    # The passage's sentences that give the assistant or the reader instructions (see Chunk.instructions);
    # found from the text when not given, so every Passage carries them however it was made.
    instructions: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "instructions", _instructions_of(self.text, self.instructions))

    @property
    def label(self) -> str:
        """The source line of the passage: "Title – Section, s. 12"."""
        return source_line(self.title, self.section, self.page)


@dataclass(frozen=True)
class Citation:
    """A cited source: the passage shown to the user, where it comes from, and (in `quote`) the sentences
    of it the answer rests on, which the user sees marked; `quote` is empty when the whole text is cited."""

    text: str
    doc_id: str
    title: str
    section: str
    page: int | None
    chunk_id: str = ""
    quote: str = ""
    # The cited text's sentences that give the assistant or the reader instructions (see Chunk.instructions):
    # the answer never rests on them; a UI marks the source and these sentences in it.
    instructions: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "instructions", _instructions_of(self.text, self.instructions))

    @property
    def label(self) -> str:
        """The source line of the citation: "Title – Section, s. 12"."""
        return source_line(self.title, self.section, self.page)


@dataclass(frozen=True)
class ToolResult:
    """Rows a tool found, with the source of each row (citations[i] belongs to rows[i])."""

    tool: str
    arguments: dict[str, Any]
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    citations: tuple[Citation, ...]
    message: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        """True when the lookup found at least one row."""
        return bool(self.rows)


@dataclass(frozen=True)
class Answer:
    """An answer in Markdown with numbered [n] markers pointing into citations."""

    answer: str
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    abstained: bool = False
    tool_calls: tuple[ToolResult, ...] = ()  # the table lookups the answer used, on every answer path
    backend: str = "extractive"
    notes: tuple[str, ...] = ()
    resolved: str = ""  # the self-contained question a follow-up was read as; "" when it was no follow-up


@dataclass(frozen=True)
class ToolCall:
    """A table lookup an answer used: the tool, its validated arguments and the text it returned."""

    name: str
    arguments: dict
    result: str
