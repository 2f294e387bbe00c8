"""Process-wide resources of the app, loaded once and shared by every browser session."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import streamlit as st

from assistant.conversation_store import ConversationStore
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.feedback import FeedbackStore
from assistant.index import background_build
from assistant.index.build import live_state
from assistant.index.catalog import CatalogEntry, read_catalog
from assistant.models import Answer
from assistant.retrieval.hybrid import SearchFilters
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.settings import Settings
from assistant.ui.focus import keep_focus

log = logging.getLogger(__name__)

BUILD_POLL_SECONDS = 0.5
NOTICE_POLL_SECONDS = 2.0
KEYWORD_ONLY_NOTICE = "Svaren bygger tills vidare bara på nyckelordssökning: vektorsökningen byggs i bakgrunden."


class BuildFailedError(AssistantError):
    """The first build of the index failed; the message says why, in Swedish."""


def current_settings() -> Settings:
    """Settings from defaults, the config file and ASSISTANT_* variables, read on every run.

    A bad setting shows its Swedish message (which names the setting and the value) and stops the page.
    """
    try:
        return Settings.load()
    except AssistantError as exc:
        log.error("Bad setting: %s", exc.cause)
        st.error(exc.user_message)
        st.stop()


def open_assistant(settings: Settings) -> Assistant:
    """The shared Assistant; on a fresh index folder, waits (with progress) for the keyword-only build.

    The build itself runs in the index folder's background worker, not in this browser session: a closed
    or reloaded tab leaves it running, and every tab shows the same progress (see show_build_notice for
    the keyword-only phase that follows). Shows a short Swedish message and stops the page when the index
    cannot be built or opened.
    """
    try:
        if not live_state(settings.index_path).searchable:
            _wait_for_first_build(settings)
        assistant = _cached_assistant(settings)
        _follow_live_build(assistant)
    except AssistantError as exc:
        log.error("Could not open the assistant: %s", exc.cause)
        st.error(exc.user_message)
        if isinstance(exc, BuildFailedError):
            st.button("Försök bygga indexet igen", on_click=_retry_build, args=(settings,), icon=":material/refresh:")
        st.stop()
    except Exception:  # noqa: BLE001 - the user gets a short message, the log the traceback
        log.exception("Could not open the assistant")
        st.error("Assistenten kunde inte starta. Försök igen om en stund eller kontakta förvaltaren.")
        st.stop()
    return assistant


def show_build_notice(settings: Settings) -> None:
    """Once per page: while the live build is keyword-only, say so with the vector build's progress.

    The notice polls the shared progress; when the hybrid build is live it reruns the page without itself.
    """
    state = live_state(settings.index_path)
    if state.searchable and not state.complete:
        background_build.ensure_started(settings)  # e.g. the server restarted while the vectors were made
        _vector_build_notice(settings)


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
def conversation_store(path: str) -> ConversationStore:
    """The users' conversations, kept in the feedback file (tables of their own), opened once per path."""
    return ConversationStore(path)


@st.cache_resource(show_spinner=False)
def chunk_neighbours(build_dir: str, _assistant: Assistant) -> ChunkNeighbours:
    """Neighbouring passages of the live build (keyed by its directory, which changes on rebuild)."""
    return ChunkNeighbours(_assistant.retriever.chunks)


@st.cache_data(show_spinner=False)
def catalog(build_dir: str) -> list[CatalogEntry]:
    """The indexed documents of a build."""
    return read_catalog(Path(build_dir))


def live_catalog(assistant: Assistant) -> tuple[str, list[CatalogEntry]]:
    """The folder of the build the shared Assistant searches, and its documents.

    A build switched away is removed at once (e.g. the keyword-only build the moment the shipped vectors go
    live), possibly between the Assistant's move and this read: then the Assistant moves again and the new
    build is read.
    """
    build_dir = str(assistant.retriever.build_dir)
    try:
        return build_dir, catalog(build_dir)
    except OSError:
        _follow_live_build(assistant)
        if str(assistant.retriever.build_dir) == build_dir:
            raise
        log.info("The live build changed while its catalogue was read; reading the new one.")
        build_dir = str(assistant.retriever.build_dir)
        return build_dir, catalog(build_dir)


def _wait_for_first_build(settings: Settings) -> None:
    # Waits in this script run, but the build is the worker's: if the tab closes, only the waiting stops.
    # Outside st.cache_resource on purpose: elements drawn inside a cached function are replayed on every
    # later cache hit, and a progress bar from the first run would then fail to replay.
    background_build.ensure_started(settings)
    with st.status("Indexet byggs första gången …", expanded=True) as status:
        st.write(
            "Dokumenten läses in och delas i passager. Det görs bara en gång, och bygget fortsätter "
            "även om du stänger fliken. Nyckelordssökningen svarar så snart passagerna är klara."
        )
        bar = st.progress(0.0, text="Bygget startar …")
        while not (state := live_state(settings.index_path)).searchable:
            current = background_build.status(settings)
            if not current.building:
                if current.error:
                    raise BuildFailedError(current.error, "background build failed")
                background_build.ensure_started(settings)  # e.g. a build from the command line died
            if current.progress is not None:
                bar.progress(current.progress.fraction, text=current.progress.text())
            time.sleep(BUILD_POLL_SECONDS)
        counts = _counts(state.build_dir)
        kind = "nyckelordssökning" if state.keyword_only else "sökning"
        status.update(label=f"Indexet är klart för {kind}: {counts}.", state="complete", expanded=False)


@st.fragment(run_every=NOTICE_POLL_SECONDS)
def _vector_build_notice(settings: Settings) -> None:
    """While the live build is keyword-only: say so, with the vector build's progress (polled, every tab).

    When the hybrid build is live the page is drawn again without the notice; a keyboard user's focus stays
    where it was (on the notice itself: on what follows it), see focus.keep_focus.
    """
    keep_focus()
    state = live_state(settings.index_path)
    if state.complete:
        st.rerun()  # the hybrid build is live: redraw the page without this notice
    current = background_build.status(settings)
    if not current.building and not current.error:
        background_build.ensure_started(settings)
    if current.error and not current.building:
        with st.status(f"Vektorsökningen kunde inte byggas: {current.error}", state="error", expanded=True):
            st.write("Svaren bygger på nyckelordssökning (BM25) tills vidare.")
            st.button("Försök igen", on_click=_retry_build, args=(settings,), key="retry-vector-build")
        return
    with st.status(KEYWORD_ONLY_NOTICE, state="running", expanded=False):
        st.write(
            "Passagernas vektorer räknas fram i bakgrunden. Under tiden bygger svaren på nyckelordssökning "
            "(BM25), och sökningen blir hybrid av sig själv när vektorerna är klara."
        )
        if current.progress is not None:
            st.progress(current.progress.fraction, text=current.progress.text())


def _retry_build(settings: Settings) -> None:
    background_build.ensure_started(settings, retry=True)


def _follow_live_build(assistant: Assistant) -> None:
    # The pages read assistant.retriever.build_dir (catalogue, neighbours); after a switch the shared
    # Assistant moves to the live build on its next search, so move it now.
    refresh = getattr(assistant, "refresh", None)
    if refresh is not None:
        refresh()


def _counts(build_dir) -> str:
    try:
        entries = read_catalog(build_dir)
    except Exception:  # noqa: BLE001 - the counts are a courtesy
        return "dokumenten är inlästa"
    return f"{len(entries)} dokument, {sum(e.passages for e in entries)} passager"
