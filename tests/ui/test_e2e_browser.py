"""End to end in headless Chromium: `streamlit run app.py` on two real documents, ask, open a source, rate."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
DOCUMENTS = ("fardplan-2025", "nsv-beslut-2023")
QUESTION = "Vilka fokusområden finns i färdplanen?"
START_SECONDS = 60
STEP_MS = 30_000

pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Two real documents of the corpus with their manifest entries: realistic, and quick to embed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    manifest = json.loads((REPO / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    entries = [d for d in manifest["documents"] if d["doc_id"] in DOCUMENTS]
    for entry in entries:
        shutil.copy(REPO / "corpus" / entry["file"], corpus / entry["file"])
    (corpus / "manifest.json").write_text(json.dumps({"documents": entries}, ensure_ascii=False), encoding="utf-8")
    return corpus


@pytest.fixture
def app_url(small_corpus: Path, tmp_path: Path, isolated_environment: Path) -> Iterator[tuple[str, Path]]:
    """The app served on a free port of 127.0.0.1 with a fresh index; its URL and feedback file."""
    port = _free_port()
    feedback_db = tmp_path / "feedback.sqlite"
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(small_corpus),
        "ASSISTANT_INDEX_DIR": str(isolated_environment),
        "ASSISTANT_FEEDBACK_DB": str(feedback_db),
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "ANONYMIZED_TELEMETRY": "False",
    }
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"]
    log_path = tmp_path / "streamlit.log"
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", server, log_path)
            yield f"http://127.0.0.1:{port}/", feedback_db
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def test_ask_open_a_source_and_rate_the_answer_in_a_real_browser(app_url, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, feedback_db = app_url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        page = browser.new_page(viewport={"width": 1300, "height": 1800}, locale="sv-SE")
        try:
            page.goto(url)
            # The first visit builds the index (with a progress bar) before the chat appears.
            expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_be_visible(timeout=90_000)

            chat_input = page.get_by_test_id("stChatInputTextArea")
            chat_input.fill(QUESTION)
            chat_input.press("Enter")
            answer = page.get_by_test_id("stChatMessage").nth(1)
            expect(answer.get_by_text("Källor", exact=True)).to_be_visible(timeout=STEP_MS)
            expect(answer.get_by_text("[1]").first).to_be_visible()
            expect(answer.get_by_text("Färdplan för Nära vård i Sörmland").first).to_be_visible()

            answer.get_by_text("Visa omgivande text").first.click()
            details = answer.get_by_test_id("stExpanderDetails").first
            expect(details).to_be_visible(timeout=STEP_MS)
            assert len(details.inner_text().strip()) > 100, details.inner_text()

            answer.get_by_role("radio", name="Thumbs up").click()
            expect(answer.get_by_text("Skicka kommentar")).to_be_visible(timeout=STEP_MS)
            row = _wait_for_feedback(feedback_db)
            page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
        finally:
            browser.close()

    question, answer_text, citations, rating = row
    assert (question, rating) == (QUESTION, "up")
    assert answer_text.strip()
    assert any(c["doc_id"] == "fardplan-2025" for c in json.loads(citations))
    assert (tmp_path / "chat.png").stat().st_size > 10_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log_path.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"streamlit did not answer on {url} within {START_SECONDS} s:\n{log_path.read_text(encoding='utf-8')}")


def _wait_for_feedback(feedback_db: Path, seconds: float = 15) -> tuple[str, str, str, str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if feedback_db.exists():
            with sqlite3.connect(feedback_db) as connection:
                rows = connection.execute("SELECT question, answer, citations, rating FROM feedback").fetchall()
            if rows:
                return rows[0]
        time.sleep(0.2)
    pytest.fail(f"no feedback row in {feedback_db} after {seconds} s")
