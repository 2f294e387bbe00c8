"""Helper of the API tests: settings over a given corpus and index (the server itself runs with
assistant.api.server.serve_in_thread, as `assistant bench` runs it)."""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings


def api_settings(corpus: Path, index_dir: Path, **overrides) -> Settings:
    """Settings of the process environment (the test's own feedback file) over the given corpus and index."""
    return Settings.load(corpus_dir=str(corpus), index_dir=str(index_dir), **overrides)
