"""Helpers of the browser tests: `streamlit run app.py` on a free port of 127.0.0.1 over a corpus the test
chooses, headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, axe-core and screenshots.

A test module imports what it needs (`from browser_app import ...`; tests/ui is on the path when pytest
collects it). The app never reads the repository's own .streamlit/secrets.toml: it gets the test's secrets
file or none, so a developer's login settings cannot change what the tests see.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.child_process import free_port, running_server
from assistant.index.shipped_vectors import SUFFIX

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# The repository's index keeps the vectors of the real corpus's passages; a test's index seeded with it embeds
# only what the test wrote itself (seconds instead of minutes on two cores).
EMBEDDING_CACHE = REPO / "index" / "embedding_cache.sqlite"
START_SECONDS = 60
BLOCKING = ("serious", "critical")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)


@dataclass(frozen=True)
class RunningApp:
    """The app as the browser reaches it, and the files a test reads behind it."""

    url: str
    feedback_db: Path
    log_path: Path


def corpus_of(folder: Path, doc_ids: tuple[str, ...]) -> Path:
    """A corpus folder with the repository's documents `doc_ids` (their manifest entries) and its curated tables."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((REPO / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    entries = [d for d in manifest["documents"] if d["doc_id"] in doc_ids]
    for entry in entries:
        shutil.copy(REPO / "corpus" / entry["file"], folder / entry["file"])
    write_manifest(folder, entries)
    shutil.copytree(REPO / "corpus" / "tables", folder / "tables")  # the roadmap's satsningar (curated)
    for shipped in (REPO / "corpus").glob(f"*{SUFFIX}"):
        shutil.copy(shipped, folder / shipped.name)  # the documents' passages need not be embedded (a fresh clone)
    return folder


def write_manifest(folder: Path, entries: list[dict]) -> None:
    (folder / "manifest.json").write_text(json.dumps({"documents": entries}, ensure_ascii=False), encoding="utf-8")


@contextmanager
def running_app(
    root: Path, corpus: Path, env: Mapping[str, str] | None = None, secrets: str = "", port: int = 0
) -> Iterator[RunningApp]:
    """`streamlit run app.py` over `corpus`, its index and feedback file in `root`, until the block ends.

    `env` adds settings (ASSISTANT_LLM …); `secrets` is the text of the app's secrets.toml (none if empty);
    `port` is a free port the caller chose (e.g. named in the secrets' redirect_uri), else one is found.
    """
    index_dir = root / "index"
    index_dir.mkdir(parents=True, exist_ok=True)
    if EMBEDDING_CACHE.is_file():
        shutil.copy(EMBEDDING_CACHE, index_dir / EMBEDDING_CACHE.name)
    secrets_file = root / "secrets.toml"
    if secrets:
        secrets_file.write_text(secrets, encoding="utf-8")
    feedback_db = root / "feedback.sqlite"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    environment.update(
        {
            "ASSISTANT_CONFIG_FILE": str(root / "no-config.toml"),
            "ASSISTANT_CORPUS_DIR": str(corpus),
            "ASSISTANT_INDEX_DIR": str(index_dir),
            "ASSISTANT_FEEDBACK_DB": str(feedback_db),
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "ANONYMIZED_TELEMETRY": "False",
            **(env or {}),
        }
    )
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"]
    command += ["--secrets.files", str(secrets_file)]  # only the test's secrets (a missing file: none)
    log_path = root / "streamlit.log"
    health = f"http://127.0.0.1:{port}/_stcore/health"
    try:
        with running_server(command, health, START_SECONDS, cwd=REPO, env=environment, log_path=log_path):
            yield RunningApp(f"http://127.0.0.1:{port}/", feedback_db, log_path)
    finally:
        _print_tracebacks(log_path)


def _print_tracebacks(log_path: Path) -> None:
    # A failing browser test shows only the page; the app's own traceback is in its log, which CI throws away.
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if "Traceback" in text:
        print(f"The app logged a traceback ({log_path}):\n{text[-6000:]}")


@contextmanager
def chromium_page(width: int = 1300, height: int = 900):
    """A fresh page of headless Chromium in Swedish; the browser is closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
        try:
            yield context.new_page()
        finally:
            browser.close()


def install_axe() -> Path:
    """axe-core as pinned in tests/ui/axe/package-lock.json, installed with npm on first use."""
    if not AXE_SCRIPT.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install axe-core for the accessibility checks")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=AXE_DIR, check=True, timeout=300)
    return AXE_SCRIPT


def check_accessibility(page, axe_script: Path, where: str) -> None:
    """axe-core on the page as it is: no serious or critical violation (WCAG 2.1 A and AA rules)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }"""
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {where}:\n" + json.dumps(blocking, ensure_ascii=False, indent=2)


def screenshot(page, folder: Path, name: str, full_page: bool = True) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000, path


def screenshot_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """E2E_SCREENSHOTS if set, else a tmp folder of the test run."""
    folder = Path(os.environ.get("E2E_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_for_row(db: Path, sql: str, accept: Callable[[tuple], bool], seconds: float = 15) -> tuple:
    """The first row of `sql` in the SQLite file `db` that `accept`s, waiting for the app to write it."""
    deadline = time.monotonic() + seconds
    rows: list = []
    while time.monotonic() < deadline:
        if db.exists():
            with sqlite3.connect(db) as connection:
                rows = connection.execute(sql).fetchall()
            found = [row for row in rows if accept(row)]
            if found:
                return found[0]
        time.sleep(0.2)
    pytest.fail(f"no matching row of {sql!r} in {db} after {seconds} s: {rows}")
