"""Tests for assistant.child_process: a server child is waited for until it answers, and always stopped."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.child_process import ServerDidNotStart, free_port, running_server, stop, wait_until_healthy


def _python(code: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], **popen)


def test_a_server_is_yielded_once_it_answers_and_stopped_when_the_block_ends(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    log = tmp_path / "server.log"
    with running_server(command, f"http://127.0.0.1:{port}/", 60, cwd=tmp_path, env={}, log_path=log) as server:
        assert server.process.poll() is None
        assert server.start_seconds > 0
    assert server.process.returncode == -signal.SIGTERM
    assert "GET / HTTP" in log.read_text(encoding="utf-8")  # the child's output went to the log


def test_a_child_that_exits_before_answering_is_a_swedish_error_with_its_log(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "import sys; print('porten är upptagen'); sys.exit(3)"]
    log = tmp_path / "server.log"
    with pytest.raises(ServerDidNotStart) as raised:
        with running_server(command, f"http://127.0.0.1:{free_port()}/", 60, cwd=tmp_path, env={}, log_path=log):
            pytest.fail("the block must not run")
    assert raised.value.user_message == "Servern startade inte: den avslutades med kod 3."
    assert "porten är upptagen" in raised.value.cause


def test_a_child_that_never_answers_is_an_error_and_is_ended_by_sigterm() -> None:
    child = _python("import time; time.sleep(120)")
    url = f"http://127.0.0.1:{free_port()}/"
    try:
        with pytest.raises(ServerDidNotStart) as raised:
            wait_until_healthy(child, url, within_seconds=0.5)
        assert raised.value.user_message == f"Servern startade inte: den svarade inte på {url} inom 0.5 s."
    finally:
        assert stop(child) == -signal.SIGTERM


def test_a_child_that_ignores_sigterm_is_killed_after_the_grace_period() -> None:
    code = (
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('klar', flush=True); time.sleep(120)"
    )
    child = _python(code, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "klar"  # SIGTERM is ignored from here on
    assert stop(child, grace_seconds=0.5) == -signal.SIGKILL
    child.stdout.close()
    assert stop(child) == -signal.SIGKILL  # stopping a stopped child only reads its exit code
