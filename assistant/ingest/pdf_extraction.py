"""Extract a PDF's text in a child process with a time cap and a memory cap.

A PDF nobody checked can be a decompression bomb or make the parser loop; in a child process
either one costs at most the caps, and the build goes on with the other documents.
"""

from __future__ import annotations

import json
import logging
import math
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import DocumentError
from assistant.settings import SETTINGS, Settings

log = logging.getLogger(__name__)

WORKER = Path(__file__).resolve().with_name("pdf_worker.py")


def _declared_default(name: str):
    return next(s.default for s in SETTINGS if s.name == name)


@dataclass(frozen=True)
class PdfLimits:
    """How long (wall clock) and how much memory (address space) reading one PDF may take."""

    seconds: float = _declared_default("pdf_timeout_s")
    memory_mb: int = _declared_default("pdf_memory_mb")

    @classmethod
    def from_settings(cls, settings: Settings) -> PdfLimits:
        return cls(seconds=settings.pdf_timeout_s, memory_mb=settings.pdf_memory_mb)


@dataclass(frozen=True)
class PdfText:
    """The text of each page and the PDF's own metadata."""

    pages: list[str]
    title: str = ""
    author: str = ""
    created: str = ""


def extract_pdf(path: Path, limits: PdfLimits | None = None) -> PdfText:
    """Read a PDF in a capped child process; DocumentError with a Swedish reason when it cannot."""
    limits = limits or PdfLimits()
    command = [
        sys.executable,
        "-I",  # no user site, no PYTHON* variables, script folder not on sys.path
        str(WORKER),
        str(path),
        str(limits.memory_mb),
        str(math.ceil(limits.seconds) + 1),
    ]
    try:
        finished = subprocess.run(command, capture_output=True, timeout=limits.seconds, check=False)
    except subprocess.TimeoutExpired as exc:
        raise _refusal(path, "timeout", f"killed after {limits.seconds} s", limits) from exc
    result = _parse_output(finished)
    if "error" in result:
        raise _refusal(path, result["error"], result.get("detail", ""), limits)
    return PdfText(
        pages=list(result["pages"]),
        title=result.get("title", ""),
        author=result.get("author", ""),
        created=result.get("created", ""),
    )


def _parse_output(finished: subprocess.CompletedProcess) -> dict:
    stderr = finished.stderr.decode("utf-8", "replace")
    if finished.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return {"error": "timeout", "detail": f"signal {-finished.returncode}"}
    if finished.returncode != 0:
        kind = "memory" if "MemoryError" in stderr or "Cannot allocate memory" in stderr else "broken"
        return {"error": kind, "detail": f"exit {finished.returncode}: {stderr[-500:]}"}
    try:
        return json.loads(finished.stdout.decode("utf-8"))
    except ValueError:
        return {"error": "broken", "detail": f"unreadable worker output; stderr: {stderr[-500:]}"}


def _refusal(path: Path, kind: str, detail: str, limits: PdfLimits) -> DocumentError:
    name = path.name
    reasons = {
        "encrypted": "PDF-filen är krypterad och kan inte läsas.",
        "broken": "PDF-filen är trasig och kan inte läsas.",
        "limit": "PDF-filen packar upp till orimligt mycket data och lästes inte.",
        "memory": f"PDF-filen kräver mer minne än gränsen på {limits.memory_mb} MB och lästes inte.",
        "timeout": f"PDF-filen tog längre tid att läsa än gränsen på {limits.seconds:g} sekunder.",
    }
    log.warning("PDF %s refused (%s): %s", name, kind, detail)
    return DocumentError(f"{name}: {reasons.get(kind, reasons['broken'])}", f"{kind}: {detail}")
