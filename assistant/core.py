"""The Assistant: one object that opens the index and answers searches."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer.protocol import Answerer, Evidence, EvidencePart
from assistant.answer.registry import create_answerer
from assistant.errors import AssistantError, EmbedderError, IndexDamagedError, IndexMissingError
from assistant.index import store as index_store
from assistant.index.build import PIPELINE_VERSION, BuildReport, build_index, live_state
from assistant.index.embedders import Embedder, create_embedder
from assistant.index.first_build import build_until_searchable
from assistant.models import Answer, Passage
from assistant.question import ChatHistory, Question, understand
from assistant.retrieval.comparison import comparison_parts
from assistant.retrieval.hybrid import HybridRetriever, SearchFilters
from assistant.retrieval.live_index import follow_live_build, open_retriever, search_or_explain
from assistant.settings import Settings
from assistant.tables import TableTools

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool

log = logging.getLogger(__name__)

ASK_PASSAGES = 8
MAX_QUESTION_CHARS = 2000
TOO_LONG_MESSAGE = f"Frågan är för lång (högst {MAX_QUESTION_CHARS} tecken). Korta ned den och fråga igen."
KEYWORD_ONLY_NOTICE = (
    "Obs: svaren bygger tills vidare bara på nyckelordssökning, eftersom vektorsökningen inte är byggd än "
    "(`assistant ingest` bygger klart den; appen gör det i bakgrunden)."
)


class QuestionTooLongError(AssistantError):
    """A question to search over MAX_QUESTION_CHARS: nothing is searched (a long query took minutes)."""


class Assistant:
    """Search (and, later, answers) over the built index of the Nära vård corpus."""

    # Guards swapping in a reopened retriever; reopening is rare, so one lock for all instances will do.
    _reopen_lock = threading.Lock()

    def __init__(self, settings: Settings, retriever: HybridRetriever, embedder_error: str = "") -> None:
        self.settings = settings
        self.retriever = retriever
        self.embedder_error = embedder_error
        self._answerer: Answerer | None = None
        self._answerer_lock = threading.Lock()

    @property
    def answerer(self) -> Answerer:
        """The answerer the settings select (see assistant.answer.registry), created on first use."""
        with self._answerer_lock:
            if self._answerer is None:
                self._answerer = create_answerer(self.settings)
            return self._answerer

    @property
    def backend_name(self) -> str:
        """Who answers: `extractive`, or the configured LLM (e.g. `llm:ollama:qwen2.5:7b`)."""
        return self.answerer.name

    @property
    def tables(self) -> TableTools:
        """Lookups in the tables rebuilt from the documents (indicators, satsningar, decisions, terms)."""
        return self.retriever.tables

    def llm_tools(self, filters: SearchFilters | None = None) -> Sequence[BaseTool]:
        """The table tools offered to an LLM answerer (their rows restricted by the filters)."""
        from assistant.tables.langchain_tools import langchain_tools

        return langchain_tools(self.tables, filters)

    @classmethod
    def from_config(
        cls,
        settings: Settings | None = None,
        progress: Callable[[int, int], None] | None = None,
        embedder: Embedder | None = None,
        notice: Callable[[str], None] | None = None,
    ) -> Assistant:
        """Open the built index, building it first (with progress) when there is none.

        The first build waits for the vectors only when embedding them is quick (the bundled corpus ships
        them); otherwise it answers by keyword meanwhile and `notice` gets KEYWORD_ONLY_NOTICE (Swedish).
        """
        settings = settings or Settings.load()
        embedder, embedder_error = _try_embedder(settings, embedder)
        try:
            retriever = _open_live(settings, embedder)
        except IndexMissingError as exc:
            if embedder is None:
                raise type(exc)(f"{exc.user_message} {embedder_error}", exc.cause) from exc
            damaged = isinstance(exc, IndexDamagedError)
            log.log(logging.WARNING if damaged else logging.INFO, "No usable index (%s), building it.", exc.cause)
            build_until_searchable(settings, embedder, progress=progress, force=damaged, notice=notice)
            retriever = open_retriever(settings, embedder)
        if embedder is not None and _built_by_older_pipeline(retriever):
            # e.g. an index from before the tables existed: rebuild (the embedding cache keeps it quick)
            log.info("The index was built by an older pipeline version; rebuilding it.")
            build_until_searchable(settings, embedder, progress=progress, notice=notice)
            retriever = open_retriever(settings, embedder)
        assistant = cls(settings, retriever, embedder_error)
        if notice and embedder is not None and assistant.keyword_only:
            notice(KEYWORD_ONLY_NOTICE)
        return assistant

    @property
    def keyword_only(self) -> bool:
        """True while the open build has no vectors yet: answers rest on keyword search (BM25) alone."""
        return _build_meta(self.retriever).get("keyword_only") is True

    def search(self, question: str | Question, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        """The k passages that best match the question, best first.

        Raises IndexDamagedError (Swedish message, rebuild path) when the index was deleted or damaged, and
        QuestionTooLongError for a question over MAX_QUESTION_CHARS (as ask, nothing is searched).
        """
        text = question if isinstance(question, str) else question.text
        if len(text) > MAX_QUESTION_CHARS:
            raise QuestionTooLongError(TOO_LONG_MESSAGE, f"question of {len(text)} characters")
        return search_or_explain(self.refresh(), question, k, filters)

    def refresh(self) -> HybridRetriever:
        """Move to the build that is live now and return its retriever: after a rebuild elsewhere, or when the
        vectors of a keyword-only build are ready. Every search does it; a page that reads `retriever` (its
        build folder, chunks) before searching calls it first."""
        with self._reopen_lock:
            self.retriever = follow_live_build(self.retriever, self.settings)
            return self.retriever

    def understand(self, question: str, history: ChatHistory | None = None) -> Question:
        """The Question record of `question` after `history`, tokenised as the live keyword index does."""
        return _understand_with(self.refresh(), question, history)

    def ask(
        self,
        question: str,
        history: ChatHistory | None = None,
        filters: SearchFilters | None = None,
        k: int = ASK_PASSAGES,
    ) -> Answer:
        """A grounded answer with numbered citations; abstains when the documents do not answer.

        `history` is the conversation so far: chat messages (`{"role": "user" | "assistant", "content": …}`)
        or (question, answer) pairs, oldest first; a follow-up ("och när startade den?") is resolved with it.
        """
        question = (question or "").strip()
        if not question:
            return Answer("Skriv en fråga om Nära vård-dokumenten.", (), (), abstained=True, notes=("empty",))
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(
                TOO_LONG_MESSAGE,
                (),
                (),
                abstained=True,
                notes=("too long",),
            )
        asked, evidence = self.gather(question, history, filters, k)
        answer = self.answerer.answer(asked, evidence)
        if asked.is_followup:
            answer = replace(answer, resolved=asked.resolved)
        return answer

    def gather(
        self,
        question: str,
        history: ChatHistory | None = None,
        filters: SearchFilters | None = None,
        k: int = ASK_PASSAGES,
    ) -> tuple[Question, Evidence]:
        """The question as the pipeline reads it and the evidence an answerer gets for it (what `ask` answers
        from; the evaluation fits the abstention decision on the same)."""
        retriever = self.refresh()
        asked = _understand_with(retriever, question, history)
        passages = search_or_explain(retriever, asked, k, filters)
        keyword = retriever.keyword
        evidence = Evidence(
            tuple(passages),
            retriever.tables,
            keyword.decompounder,
            keyword.vocabulary,
            tools=lambda: self.llm_tools(filters),
            filters=filters,
            parts=_comparison_evidence(retriever, asked, filters, k),
        )
        return asked, evidence

    def rebuild(self, progress: Callable[[int, int], None] | None = None, force: bool = False) -> BuildReport:
        """Rebuild the index and reopen it; a live build that cannot be opened is rebuilt from scratch."""
        embedder = self.retriever.embedder
        report = build_index(self.settings, embedder=embedder, progress=progress, force=force)
        try:
            retriever = open_retriever(self.settings, embedder)
        except IndexDamagedError:
            if force:
                raise
            report = build_index(self.settings, embedder=embedder, progress=progress, force=True)
            retriever = open_retriever(self.settings, embedder)
        with self._reopen_lock:
            self.retriever = retriever
        return report


def _comparison_evidence(
    retriever: HybridRetriever, asked: Question, filters: SearchFilters | None, k: int
) -> tuple[EvidencePart, ...]:
    """Each side's evidence when the question asks two (places or documents), searched in that side's documents
    within the user's filters; () when it asks one, or when the filters leave fewer than two sides."""
    filters = filters or SearchFilters()
    documents = retriever.catalogue.documents
    parts = []
    for part in comparison_parts(asked.resolved, retriever.catalogue):
        doc_ids = tuple(d for d in part.doc_ids if filters.accepts_document(documents[d]))
        if not doc_ids:
            continue
        side_filters = replace(filters, doc_ids=doc_ids)
        question = _understand_with(retriever, part.text, None)
        passages = search_or_explain(retriever, question, k, side_filters)
        parts.append(EvidencePart(part.label, question, tuple(passages), side_filters))
    return tuple(parts) if len(parts) > 1 else ()


def _understand_with(retriever: HybridRetriever, question: str, history: ChatHistory | None) -> Question:
    keyword = retriever.keyword
    return understand(question, history, keyword.decompounder, keyword.vocabulary)


def _open_live(settings: Settings, embedder: Embedder | None) -> HybridRetriever:
    """open_retriever, once more when the build it found was switched away (and removed) as it was opened:
    e.g. the keyword-only build the moment the vectors went live."""
    found = live_state(settings.index_path).build_dir
    try:
        return open_retriever(settings, embedder)
    except IndexDamagedError:
        if live_state(settings.index_path).build_dir in (found, None):
            raise
        log.info("The live build changed while it was opened; opening the new one.")
        return open_retriever(settings, embedder)


def _built_by_older_pipeline(retriever: HybridRetriever) -> bool:
    meta = _build_meta(retriever)
    return bool(meta) and meta.get("pipeline_version") != PIPELINE_VERSION


def _build_meta(retriever: HybridRetriever) -> dict:
    try:
        meta = index_store.read_json(retriever.build_dir / "meta.json")
    except Exception:  # noqa: BLE001 - an unreadable meta is the damaged-index path's business
        return {}
    return meta if isinstance(meta, dict) else {}


def _try_embedder(settings: Settings, embedder: Embedder | None) -> tuple[Embedder | None, str]:
    if embedder is not None:
        return embedder, ""
    try:
        return create_embedder(settings.embedder), ""
    except EmbedderError as exc:
        log.error("Embedder unavailable, keyword search only: %s", exc.cause)
        return None, exc.user_message
