"""One build worker per index folder, outside any browser session.

The app asks for a build with `ensure_started`; the build runs in a daemon thread of the server process,
so a closed or reloaded tab neither stops it nor starts a second one. Every tab reads the same progress
(build_progress.py). A build from `assistant ingest` in another process holds the same file lock: the
worker then stands aside and the app shows that build's progress instead.

`python -m assistant.index.background_build` runs the same build in a process of its own: run.sh starts
it beside the app, so the first build begins with the server rather than with the first tab's page.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, BuildInProgressError
from assistant.index.build import FAILED_MESSAGE, BuildReport, build_index, live_state
from assistant.index.build_progress import BuildProgress, read_progress
from assistant.index.embedders import Embedder
from assistant.settings import Settings

log = logging.getLogger(__name__)


class BuildWorker:
    """A keyword-first build of one index folder in a daemon thread."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.error = ""  # the Swedish message when the build failed
        self.stood_aside = False  # another process held the build lock
        self.report: BuildReport | None = None
        self._embedder = embedder
        self._thread = threading.Thread(target=self.run, name=f"index-build:{settings.index_path}", daemon=True)

    def start(self) -> BuildWorker:
        self._thread.start()
        return self

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def run(self) -> None:
        """The build itself (the thread runs it; build_now runs it in the calling process)."""
        try:
            self.report = build_index(self.settings, embedder=self._embedder, keyword_first=True)
        except BuildInProgressError:
            log.info("Another process is building %s; following its progress.", self.settings.index_path)
            self.stood_aside = True
        except AssistantError as exc:
            log.error("The index build failed: %s", exc.cause)
            self.error = exc.user_message
        except Exception:  # noqa: BLE001 - logged with its traceback; the app shows a short message
            log.exception("The index build failed")
            self.error = FAILED_MESSAGE


@dataclass(frozen=True)
class BuildStatus:
    """What the app shows about the build of an index folder."""

    building: bool
    progress: BuildProgress | None
    error: str = ""


_workers: dict[Path, BuildWorker] = {}
_workers_lock = threading.Lock()


def ensure_started(settings: Settings, retry: bool = False, embedder: Embedder | None = None) -> BuildWorker | None:
    """Start the index folder's worker unless its build is complete or a build is already under way.

    A worker that failed is not restarted on its own (every rerun of a page would start the same failing
    build again); `retry=True` starts it again. Returns the folder's worker, if this process has one.
    """
    key = _key(settings)
    with _workers_lock:
        worker = _workers.get(key)
        if worker is not None and (worker.alive or (worker.error and not retry)):
            return worker
        if live_state(settings.index_path).complete or _building_elsewhere(settings.index_path):
            return worker
        worker = _workers[key] = BuildWorker(settings, embedder).start()
        return worker


def status(settings: Settings) -> BuildStatus:
    """Whether a build of the folder is under way (here or in another process), its progress and any failure."""
    progress = read_progress(settings.index_path)
    with _workers_lock:
        worker = _workers.get(_key(settings))
    if worker is not None and worker.alive:
        return BuildStatus(True, progress)
    if progress is not None and progress.running:
        return BuildStatus(True, progress)
    if worker is not None and worker.error:
        return BuildStatus(False, progress, worker.error)
    return BuildStatus(False, progress)


def _building_elsewhere(index_dir: Path) -> bool:
    progress = read_progress(index_dir)
    return progress is not None and progress.running and progress.pid != os.getpid()


def _key(settings: Settings) -> Path:
    return settings.index_path.resolve()


def build_now(settings: Settings) -> int:
    """The keyword-first build of the folder in this process, unless it is complete or being built; exit code."""
    if live_state(settings.index_path).complete:
        return 0
    worker = BuildWorker(settings)
    worker.run()
    if worker.error:
        print(f"Fel: {worker.error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        sys.exit(build_now(Settings.load()))
    except AssistantError as exc:  # e.g. a bad setting: the app says it too, on every page
        print(f"Fel: {exc.user_message}", file=sys.stderr)
        sys.exit(2)
