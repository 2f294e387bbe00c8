"""The on-disk layout of built indexes and the atomic switch between them."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from assistant.errors import BuildInProgressError, IndexMissingError
from assistant.models import Chunk

CURRENT_POINTER = "current.json"
BUILDS_DIR = "builds"
LOCK_FILE = ".build.lock"


def new_build_dir(index_dir: Path) -> Path:
    """A fresh, empty directory for a build that is not yet live."""
    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    path = index_dir / BUILDS_DIR / build_id
    path.mkdir(parents=True)
    return path


def current_build_dir(index_dir: Path) -> Path:
    """The live build's directory; IndexMissingError when there is none or it is incomplete."""
    pointer = index_dir / CURRENT_POINTER
    try:
        build_id = json.loads(pointer.read_text(encoding="utf-8"))["build"]
    except (OSError, ValueError, KeyError) as exc:
        raise IndexMissingError(
            "Det finns inget index ännu. Kör `assistant ingest` för att bygga det.", repr(exc)
        ) from exc
    path = index_dir / BUILDS_DIR / build_id
    if not (path / "meta.json").is_file():
        raise IndexMissingError(
            "Indexet är ofullständigt eller skadat. Kör `assistant ingest` för att bygga om det.",
            f"missing {path / 'meta.json'}",
        )
    return path


def switch_to(index_dir: Path, build_dir: Path) -> None:
    """Make build_dir the live build in one atomic rename, then remove the older builds."""
    pointer = index_dir / CURRENT_POINTER
    temporary = index_dir / f".{CURRENT_POINTER}.{uuid.uuid4().hex}"
    temporary.write_text(json.dumps({"build": build_dir.name}), encoding="utf-8")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, pointer)
    for other in (index_dir / BUILDS_DIR).iterdir():
        if other != build_dir:
            shutil.rmtree(other, ignore_errors=True)


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the build lock; a second build at the same time fails at once."""
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / LOCK_FILE, "a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise BuildInProgressError(
            "En annan indexering pågår redan. Vänta tills den är klar och försök igen.",
            "build lock held",
        ) from exc
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


def build_lock_held(index_dir: Path) -> bool:
    """True while some build (in this or another process) holds index_dir's build lock."""
    try:
        with build_lock(index_dir):
            return False
    except BuildInProgressError:
        return True


def write_chunks(build_dir: Path, chunks: list[Chunk]) -> None:
    with open(build_dir / "chunks.jsonl", "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")


def read_chunks(build_dir: Path) -> list[Chunk]:
    with open(build_dir / "chunks.jsonl", encoding="utf-8") as handle:
        return [_chunk(json.loads(line)) for line in handle if line.strip()]


def _chunk(record: dict) -> Chunk:
    # JSON has no tuples: a chunk's instruction sentences come back as a list.
    return Chunk(**{**record, "instructions": tuple(record.get("instructions", ()))})


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
