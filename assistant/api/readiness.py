"""The one Assistant the server shares between requests, and whether the index can answer yet.

On a fresh index folder the server starts the same background build as the app (index/background_build.py):
until a searchable build is live every request that needs the index gets 503 with Retry-After, never a hang.
"""

from __future__ import annotations

import logging
import threading

from assistant.api.errors import ApiError
from assistant.core import Assistant
from assistant.index import background_build
from assistant.index.build import live_state
from assistant.index.embedders import Embedder
from assistant.settings import Settings

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
BUILDING = "Indexet byggs och assistenten kan inte svara ännu. Försök igen om en stund."


class AssistantSource:
    """Opens the shared Assistant once the index can answer; `get` raises ApiError 503 until then."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None, embedder: Embedder | None = None):
        self.settings = settings
        self._assistant = assistant
        self._embedder = embedder
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        """True once the shared Assistant is open."""
        return self._assistant is not None

    def get(self) -> Assistant:
        """The shared Assistant; ApiError 503 (Retry-After) while the first build runs or after it failed."""
        if self._assistant is not None:
            return self._assistant
        with self._lock:
            if self._assistant is None:
                if not live_state(self.settings.index_path).searchable:
                    raise self._not_ready()
                self._assistant = Assistant.from_config(self.settings, embedder=self._embedder)
            return self._assistant

    def start(self) -> None:
        """At server start: build the index in the background unless it is complete (as the app does), and open
        the Assistant (index and embedding model) in the background when the index can answer already, so the
        first request does not wait for it."""
        background_build.ensure_started(self.settings, embedder=self._embedder)
        if self._assistant is None and live_state(self.settings.index_path).searchable:
            threading.Thread(target=self._open_quietly, name="open-assistant", daemon=True).start()

    def _open_quietly(self) -> None:
        try:
            self.get()
        except Exception as exc:  # noqa: BLE001 - the first request meets the same error and reports it
            log.warning("Could not open the assistant at start: %r", exc)

    def keyword_only(self) -> bool:
        """True while the live build answers with keyword search only (the vectors are being made)."""
        return live_state(self.settings.index_path).keyword_only

    def _not_ready(self) -> ApiError:
        worker = background_build.ensure_started(self.settings, embedder=self._embedder)
        status = background_build.status(self.settings)
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if not status.building and worker is not None and worker.error:
            return ApiError(503, f"Indexet kunde inte byggas: {worker.error}", headers, "first build failed")
        progress = f" ({status.progress.text()})" if status.progress is not None else ""
        return ApiError(503, BUILDING + progress, headers, "index not searchable yet")
