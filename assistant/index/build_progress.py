"""The progress of the build in an index folder, in a small JSON file that every reader shares.

The build writes it (whoever started it: the app's background worker or `assistant ingest`), and every
browser tab and the command line read the same file, so they all show the same progress.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PROGRESS_FILE = "build_progress.json"

# Phases, in order; the last two end a build.
QUEUED, INGEST, KEYWORD, EMBED, STORE, DONE, FAILED = "queued", "ingest", "keyword", "embed", "store", "done", "failed"
FINISHED = (DONE, FAILED)

_PHASE_TEXT = {
    QUEUED: "Bygget startar …",
    INGEST: "Läser in dokumenten och delar dem i passager …",
    KEYWORD: "Bygger nyckelordsindexet och tabellerna …",
    STORE: "Sparar vektorerna …",
    DONE: "Indexet är klart.",
}


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: phase, embedded passages so far, who builds, and a Swedish message on failure."""

    phase: str
    done: int = 0
    total: int = 0
    pid: int = 0
    started: float = 0.0
    updated: float = 0.0
    keyword_only_live: bool = False
    message: str = ""
    embed_started: float = 0.0  # when the embedding began (time.time())
    estimate_seconds: float = 0.0  # the embedding's expected length, said before it began

    @property
    def remaining_seconds(self) -> float | None:
        """The embedding's expected remaining time: from its pace so far, or the estimate before the first batch."""
        if self.phase != EMBED or not self.total:
            return None
        left = max(self.total - self.done, 0)
        if self.done and self.embed_started and self.updated > self.embed_started:
            return (self.updated - self.embed_started) / self.done * left
        return self.estimate_seconds * left / self.total if self.estimate_seconds else None

    @property
    def finished(self) -> bool:
        return self.phase in FINISHED

    @property
    def running(self) -> bool:
        """A build that has not finished and whose process still exists (a killed build is not running)."""
        return not self.finished and _process_alive(self.pid)

    @property
    def fraction(self) -> float:
        if self.phase == EMBED and self.total:
            return min(1.0, self.done / self.total)
        return 1.0 if self.phase in (STORE, DONE) else 0.0

    def text(self) -> str:
        """The phase in Swedish, as a progress bar's label."""
        if self.phase == EMBED:
            remaining = self.remaining_seconds
            left = f" (cirka {duration_text(remaining)} kvar)" if remaining is not None and remaining >= 10 else ""
            return f"Bäddar in passager för vektorsökningen: {self.done} av {self.total}{left}"
        if self.phase == FAILED:
            return self.message or "Indexeringen misslyckades."
        return _PHASE_TEXT.get(self.phase, "Indexet byggs …")


def duration_text(seconds: float) -> str:
    """A duration as a person says it: "40 s", "5 min", "1 h 30 min"."""
    if seconds < 60:
        return f"{max(round(seconds), 1)} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min" if minutes % 60 else f"{minutes // 60} h"


def progress_path(index_dir: Path) -> Path:
    return index_dir / PROGRESS_FILE


def read_progress(index_dir: Path) -> BuildProgress | None:
    """The last progress written in index_dir; None when there is none or it cannot be read."""
    try:
        data = json.loads(progress_path(index_dir).read_text(encoding="utf-8"))
        return BuildProgress(**{k: v for k, v in data.items() if k in BuildProgress.__dataclass_fields__})
    except (OSError, ValueError, TypeError):
        return None


class ProgressWriter:
    """Writes one build's progress; each write replaces the file atomically, so readers never see half of it."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.started = time.time()
        self.keyword_only_live = False
        self.embed_started = 0.0
        self.estimate_seconds = 0.0

    def phase(self, phase: str, done: int = 0, total: int = 0, message: str = "") -> None:
        if phase == EMBED and not self.embed_started:
            self.embed_started = time.time()
        progress = BuildProgress(
            phase=phase,
            done=done,
            total=total,
            pid=os.getpid(),
            started=self.started,
            updated=time.time(),
            keyword_only_live=self.keyword_only_live,
            message=message,
            embed_started=self.embed_started,
            estimate_seconds=self.estimate_seconds,
        )
        try:
            write_progress(self.index_dir, progress)
        except OSError as exc:  # progress is advisory; a full disk must not hide the build's own error
            log.warning("Could not write the build progress: %r", exc)

    def embedded(self, done: int, total: int) -> None:
        self.phase(EMBED, done, total)


def write_progress(index_dir: Path, progress: BuildProgress) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    temporary = index_dir / f".{PROGRESS_FILE}.{uuid.uuid4().hex}"
    temporary.write_text(json.dumps(asdict(progress), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, progress_path(index_dir))


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def follow_progress(
    index_dir: Path,
    on_progress: Callable[[BuildProgress], None],
    poll_seconds: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> BuildProgress | None:
    """Report another process's build of index_dir until it ends; returns its last progress.

    For `assistant ingest` meeting a build that holds the lock (e.g. the app's worker): it shows the same
    progress as the app instead of failing. A build whose process is gone ends the wait too. A build that holds
    the lock but has not yet written its first progress is waited for, not taken for one that broke off.
    """
    from assistant.index.store import build_lock_held

    last: BuildProgress | None = None
    while True:
        progress = read_progress(index_dir)
        if progress is not None and progress != last:
            on_progress(progress)
            last = progress
        if progress is None and not build_lock_held(index_dir) or progress is not None and not progress.running:
            return progress
        sleep(poll_seconds)
