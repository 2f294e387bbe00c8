"""Keep searching the build that is live: reopen after a rebuild elsewhere, explain a lost or damaged index."""

from __future__ import annotations

import logging

from assistant.errors import AssistantError, IndexDamagedError, IndexMissingError
from assistant.index import store as index_store
from assistant.index.embedders import Embedder
from assistant.models import Passage
from assistant.retrieval.hybrid import HybridRetriever, SearchFilters
from assistant.settings import Settings

log = logging.getLogger(__name__)

DAMAGED_MESSAGE = (
    "Indexet saknas eller är skadat och behöver byggas om (`assistant ingest --force`, "
    "eller be den som förvaltar assistenten). Försök sedan igen."
)


def open_retriever(settings: Settings, embedder: Embedder | None) -> HybridRetriever:
    """A retriever over the live build.

    Raises IndexMissingError when no build is live, IndexDamagedError when the live one cannot be opened.
    """
    build_dir = index_store.current_build_dir(settings.index_path)
    try:
        return HybridRetriever(build_dir, settings, embedder)
    except AssistantError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever the storage layer raises, the build is unusable
        raise IndexDamagedError(DAMAGED_MESSAGE, f"cannot open {build_dir}: {exc!r}") from exc


def follow_live_build(current: HybridRetriever, settings: Settings) -> HybridRetriever:
    """`current` while its build is still live; otherwise a retriever over the build that is live now.

    A rebuild by another process removes the old build folder, so an open retriever must move on.
    """
    try:
        live = index_store.current_build_dir(settings.index_path)
    except IndexMissingError as exc:
        raise IndexDamagedError(DAMAGED_MESSAGE, exc.cause) from exc
    if live == current.build_dir:
        return current
    log.info("The live build changed to %s; reopening.", live.name)
    return open_retriever(settings, current.embedder)


def search_or_explain(
    retriever: HybridRetriever, question: str, k: int, filters: SearchFilters | None
) -> list[Passage]:
    """retriever.search, with a failure of the stored index turned into IndexDamagedError."""
    try:
        return retriever.search(question, k=k, filters=filters)
    except AssistantError:
        raise
    except Exception as exc:  # noqa: BLE001 - logged with its traceback; the user gets the rebuild path
        log.exception("Search failed on %s", retriever.build_dir)
        raise IndexDamagedError(DAMAGED_MESSAGE, repr(exc)) from exc
