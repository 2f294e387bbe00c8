"""A server the project runs as a child process (`streamlit run app.py` for the benchmark and the tests): started,
waited for until its health check answers, and stopped (terminate, a grace period, then kill) when the block ends.

The standard library's subprocess does each step; no library joins them without pulling in more than it saves
(mirakuru needs psutil, and the run path stays small).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError

GRACE_SECONDS = 10
_POLL_SECONDS = 0.1
_LOG_TAIL_CHARS = 4000


class ServerDidNotStart(AssistantError):
    """The child exited, or its health check did not answer in time; the cause ends with its log's tail."""


@dataclass(frozen=True)
class RunningServer:
    """The child process, and the seconds from its start until its health check answered."""

    process: subprocess.Popen
    start_seconds: float


@contextmanager
def running_server(
    command: Sequence[str],
    health_url: str,
    within_seconds: float,
    cwd: Path,
    env: Mapping[str, str],
    log_path: Path | None = None,
    grace_seconds: float = GRACE_SECONDS,
) -> Iterator[RunningServer]:
    """`command` as a child process until the block ends, once `health_url` answers 200 (its output goes to
    `log_path`, else nowhere). ServerDidNotStart when the child exits first or does not answer within
    `within_seconds`; it is stopped either way (stop)."""
    with open(log_path or os.devnull, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=dict(env), stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(process, health_url, within_seconds, log_path)
            yield RunningServer(process, time.perf_counter() - started)
        finally:
            stop(process, grace_seconds)


def wait_until_healthy(
    process: subprocess.Popen, health_url: str, within_seconds: float, log_path: Path | None = None
) -> None:
    """Return once `health_url` answers 200; ServerDidNotStart when `process` exits first or time runs out."""
    deadline = time.monotonic() + within_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerDidNotStart(
                f"Servern startade inte: den avslutades med kod {process.returncode}.",
                f"{process.args} exited with {process.returncode}{_tail(log_path)}",
            )
        try:
            with urllib.request.urlopen(health_url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(_POLL_SECONDS)
    raise ServerDidNotStart(
        f"Servern startade inte: den svarade inte på {health_url} inom {within_seconds:g} s.",
        f"nothing answered on {health_url} within {within_seconds} s{_tail(log_path)}",
    )


def stop(process: subprocess.Popen, grace_seconds: float = GRACE_SECONDS) -> int:
    """End the child: SIGTERM, up to `grace_seconds` to exit, then SIGKILL; its exit code (negative: the signal)."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now (the system picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _tail(log_path: Path | None) -> str:
    if log_path is None or not log_path.is_file():
        return ""
    return ":\n" + log_path.read_text(encoding="utf-8", errors="replace")[-_LOG_TAIL_CHARS:]
