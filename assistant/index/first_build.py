"""The build an Assistant waits for on a folder without a usable index: until it can answer, not for minutes.

The build is keyword-first. Its vectors are embedded at once only when that is expected to be quick (the
corpus's shipped vectors make it seconds, see shipped_vectors.py); otherwise the keyword-only build stays
live and `assistant ingest` or the app's background worker embeds the rest. When another process holds
the build lock (the app's worker), the wait is for that build to become searchable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from assistant.errors import BuildInProgressError, IndexMissingError
from assistant.index import store as index_store
from assistant.index.build import LONG_EMBEDDING_S, build_index, live_state
from assistant.index.build_progress import duration_text, read_progress
from assistant.index.embedders import Embedder
from assistant.settings import Settings

log = logging.getLogger(__name__)

#: Embedding expected to take longer than this is left for later; the Assistant answers by keyword meanwhile.
WAIT_FOR_VECTORS_S = LONG_EMBEDDING_S


def build_until_searchable(
    settings: Settings,
    embedder: Embedder,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
    notice: Callable[[str], None] | None = None,
    poll_seconds: float = 0.5,
) -> None:
    """Build the folder's index until it answers: keyword-first, with its vectors when they come quickly.

    `notice` gets a Swedish line when vectors are left for later. Raises IndexMissingError (Swedish) when
    another process's build ended without a searchable index.
    """
    try:
        report = build_index(
            settings,
            embedder=embedder,
            progress=progress,
            force=force,
            keyword_first=True,
            notice=notice,
            embed_within_s=WAIT_FOR_VECTORS_S,
        )
    except BuildInProgressError:
        log.info("Another process is building %s; waiting until it can answer.", settings.index_path)
        _wait_until_searchable(settings, poll_seconds)
        return
    if report.vectors_left and notice:
        notice(
            f"Vektorsökningen väntar: {report.vectors_left} passager ska bäddas in (uppskattningsvis "
            f"{duration_text(report.estimated_embed_seconds)}). Kör `assistant ingest` för att bygga klart den."
        )


def _wait_until_searchable(settings: Settings, poll_seconds: float) -> None:
    index_dir = settings.index_path
    while not live_state(index_dir).searchable:
        try:
            with index_store.build_lock(index_dir):
                pass  # nobody builds any more
        except BuildInProgressError:
            time.sleep(poll_seconds)
            continue
        if live_state(index_dir).searchable:
            return
        other = read_progress(index_dir)
        reason = other.text() if other is not None and other.message else "bygget avbröts"
        raise IndexMissingError(
            f"Den andra processen kunde inte bygga indexet ({reason}). Kör `assistant ingest`.",
            "the other build ended without a searchable index",
        )
