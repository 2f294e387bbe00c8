"""Process-wide resources of the app, loaded once and shared by every browser session."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import streamlit as st

from assistant.core import Assistant
from assistant.errors import AssistantError, BuildInProgressError, IndexMissingError
from assistant.feedback import FeedbackStore
from assistant.index import store as index_store
from assistant.index.build import build_index
from assistant.index.catalog import CatalogEntry, read_catalog
from assistant.models import Answer
from assistant.retrieval.hybrid import SearchFilters
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.settings import Settings

log = logging.getLogger(__name__)

BUILD_WAIT_SECONDS = 2.0


def current_settings() -> Settings:
    """Settings from defaults, the config file and ASSISTANT_* variables, read on every run."""
    return Settings.load()


def open_assistant(settings: Settings) -> Assistant:
    """The shared Assistant; builds the index first, with a progress bar, when there is none.

    Shows a short Swedish message and stops the page when the index cannot be built or opened.
    """
    try:
        if not _index_exists(settings):
            _build_with_progress(settings)
        return _cached_assistant(settings)
    except AssistantError as exc:
        log.error("Could not open the assistant: %s", exc.cause)
        st.error(exc.user_message)
        st.stop()
    except Exception:  # noqa: BLE001 - the user gets a short message, the log the traceback
        log.exception("Could not open the assistant")
        st.error("Assistenten kunde inte starta. Försök igen om en stund eller kontakta förvaltaren.")
        st.stop()


def ask(assistant: Assistant, question: str, history: list[dict[str, str]], filters: SearchFilters) -> Answer:
    """Assistant.ask for a browser session. Sessions ask at the same time: the shared Assistant keeps no
    per-call state, so no session waits behind another's (possibly slow LLM) answer."""
    return assistant.ask(question, history=history, filters=filters)


def backend_name(assistant: Assistant) -> str:
    """The active answer backend: 'extractive' or the name of an LLM backend."""
    return getattr(assistant, "backend_name", "extractive")


@st.cache_resource(show_spinner="Öppnar indexet …")
def _cached_assistant(settings: Settings) -> Assistant:
    return Assistant.from_config(settings)


@st.cache_resource(show_spinner=False)
def feedback_store(path: str) -> FeedbackStore:
    """The feedback file's store, opened once per path."""
    return FeedbackStore(path)


@st.cache_resource(show_spinner=False)
def chunk_neighbours(build_dir: str, _assistant: Assistant) -> ChunkNeighbours:
    """Neighbouring passages of the live build (keyed by its directory, which changes on rebuild)."""
    return ChunkNeighbours(_assistant.retriever.chunks)


@st.cache_data(show_spinner=False)
def catalog(build_dir: str) -> list[CatalogEntry]:
    """The indexed documents of a build."""
    return read_catalog(Path(build_dir))


def _index_exists(settings: Settings) -> bool:
    try:
        index_store.current_build_dir(settings.index_path)
    except IndexMissingError:
        return False
    return True


def _build_with_progress(settings: Settings) -> None:
    # Outside st.cache_resource on purpose: elements drawn inside a cached function are replayed
    # on every later cache hit, and a progress bar from the first run would then fail to replay.
    with st.status("Indexet byggs första gången …", expanded=True) as status:
        st.write("Dokumenten läses in, delas i passager och bäddas in. Det görs bara en gång.")
        bar = st.progress(0.0, text="Läser in dokumenten …")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0, text=f"Bäddar in passager: {done} av {total}")

        while True:
            try:
                report = build_index(settings, progress=progress)
                break
            except BuildInProgressError:
                bar.progress(0.0, text="En annan session bygger indexet just nu, väntar …")
                time.sleep(BUILD_WAIT_SECONDS)
        status.update(
            label=f"Indexet är klart: {report.documents} dokument, {report.chunks} passager.",
            state="complete",
            expanded=False,
        )
