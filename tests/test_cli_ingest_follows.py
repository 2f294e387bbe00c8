"""`assistant ingest` meeting another process's build shows that build's progress until it ends."""

from __future__ import annotations

import os
import threading
import time

from assistant import cli
from assistant.index.build_progress import DONE, EMBED, FAILED, BuildProgress, write_progress
from assistant.index.store import build_lock
from assistant.settings import Settings


def _other_build(index_dir, last_phase: str, message: str = "") -> threading.Thread:
    """A stand-in for the app's worker: holds the lock, embeds in steps, then ends in last_phase."""
    locked = threading.Event()

    def run() -> None:
        with build_lock(index_dir):
            locked.set()
            now = time.time()
            for done in (0, 50, 100):
                write_progress(index_dir, BuildProgress(EMBED, done, 100, os.getpid(), now, time.time()))
                time.sleep(0.6)
            write_progress(
                index_dir, BuildProgress(last_phase, 100, 100, os.getpid(), now, time.time(), message=message)
            )

    thread = threading.Thread(target=run)
    thread.start()
    assert locked.wait(5)
    return thread


def test_ingest_follows_another_build_to_its_end(app_env, capsys) -> None:
    index_dir = Settings.load().index_path
    other = _other_build(index_dir, DONE)
    try:
        assert cli.main(["ingest"]) == 0
    finally:
        other.join()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "En annan process bygger redan indexet; här är dess förlopp."
    assert any("50 av 100" in line for line in out) and out[-1] == "Indexet är byggt av den andra processen."


def test_ingest_says_when_the_other_build_failed(app_env, capsys) -> None:
    index_dir = Settings.load().index_path
    other = _other_build(index_dir, FAILED, "Korpusmappen är tom.")
    try:
        assert cli.main(["ingest"]) == 2
    finally:
        other.join()
    err = capsys.readouterr().err
    assert "misslyckades: Korpusmappen är tom." in err and "Traceback" not in err
