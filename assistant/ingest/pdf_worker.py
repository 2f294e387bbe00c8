"""Child-process side of PDF extraction: read one PDF under memory and CPU caps, print JSON.

Run as a script (`python pdf_worker.py FILE MEMORY_MB CPU_SECONDS`), not imported through the
package: importing `assistant` would load Chroma and the embedder into the child.
Only the standard library and pypdf are used here.
"""

from __future__ import annotations

import json
import resource
import sys


def apply_caps(memory_mb: int, cpu_seconds: int) -> None:
    """Cap the address space and CPU time of this process before any PDF byte is parsed."""
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # A backstop for the parent's wall-clock timeout: the child dies even if the parent was killed.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def extract(path: str) -> dict:
    """Pages and metadata of the PDF, or {"error": kind, "detail": ...}."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _opens_without_password(reader):
            return {"error": "encrypted", "detail": "needs a password"}
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
    except MemoryError:
        return {"error": "memory", "detail": "MemoryError"}
    except LimitReachedError as exc:
        return {"error": "limit", "detail": repr(exc)}
    except (FileNotDecryptedError, DependencyError) as exc:
        return {"error": "encrypted", "detail": repr(exc)}
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file cannot be used
        return {"error": "broken", "detail": repr(exc)}
    return {
        "pages": pages,
        "title": str(metadata.title or "") if metadata else "",
        "author": str(metadata.author or "") if metadata else "",
        "created": str(metadata.get("/CreationDate") or "") if metadata else "",
    }


def _opens_without_password(reader) -> bool:
    # Many PDFs are "encrypted" only against editing, with an empty password for reading.
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - missing crypto support or a real password: unreadable
        return False


def main(argv: list[str]) -> int:
    path, memory_mb, cpu_seconds = argv[1], int(argv[2]), int(argv[3])
    apply_caps(memory_mb, cpu_seconds)
    try:
        result = extract(path)
        output = json.dumps(result, ensure_ascii=False)
    except MemoryError:
        output = json.dumps({"error": "memory", "detail": "MemoryError while encoding"})
    sys.stdout.buffer.write(output.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
