"""The one seam every answerer plugs into: a Question and its Evidence in, a cited Answer out."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from assistant.models import Answer, Passage
from assistant.question import Question
from assistant.retrieval.filters import SearchFilters
from assistant.text.decompounding import Decompounder

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

    from assistant.tables import TableTools


@dataclass(frozen=True)
class EvidencePart:
    """One side of a question that asks two (retrieval/comparison.py): its name, the question as asked of that
    side alone, the passages found in that side's documents and the filters they were searched with."""

    label: str
    question: Question
    passages: tuple[Passage, ...]
    filters: SearchFilters


@dataclass(frozen=True)
class Evidence:
    """What retrieval hands the answerers: the passages (best first), the table lookups of the same build,
    the keyword index's decompounder and vocabulary so answer scoring tokenises as the index does, and
    `tools`, which gives the table lookups as langchain tools (called only by answerers that use them), and
    the user's `filters`, which table answers honour as the search did. A question that asks two sides
    (two places, two documents) also has `parts`: each side's own evidence; `passages` are then those of the
    question as a whole."""

    passages: tuple[Passage, ...]
    tables: TableTools | None = None
    decompounder: Decompounder | None = None
    vocabulary: Collection[str] | None = None
    tools: Callable[[], Sequence[BaseTool]] | None = None
    filters: SearchFilters | None = None
    parts: tuple[EvidencePart, ...] = ()

    def all_sides(self) -> tuple[Passage, ...]:
        """The passages for an answerer that reads one list (an LLM): each side's best in turn when the question
        asks two sides, as many as `passages` holds; else `passages`."""
        if not self.parts:
            return self.passages
        taken: dict[str, Passage] = {}
        for rank in range(max(len(part.passages) for part in self.parts)):
            for part in self.parts:
                if rank < len(part.passages):
                    taken.setdefault(part.passages[rank].chunk_id, part.passages[rank])
        return tuple(taken.values())[: max(len(self.passages), len(self.parts))]


@runtime_checkable
class Answerer(Protocol):
    """Turns a question and its evidence into a cited Answer (or an abstention). Must be thread-safe:
    one answerer serves every session of a process at once."""

    name: str

    def answer(self, question: Question, evidence: Evidence) -> Answer:
        """The answer to `question` grounded in `evidence`."""
        ...
