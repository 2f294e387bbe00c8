"""End to end in headless Chromium: `streamlit run app.py` on two real documents, as a person uses it.

The answers come from a language model stand-in (tests/llm_stub_server.py) that takes STUB_SECONDS per
reply, so the test can see the chat while an answer is being made; its text carries bold, LaTeX and an
address, which the app must show as inert text. axe-core (npm, pinned in tests/ui/axe/package.json) checks
every page and a chat with an answer; screenshots of each page are saved (E2E_SCREENSHOTS or the test's
tmp folder).
"""

from __future__ import annotations

import json
import os
import re
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from llm_stub_server import LLMStubServer, RecordedRequest, Reply  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
DOCUMENTS = ("fardplan-2025", "nsv-beslut-2023", "bilagor-projektrapport")  # bilagor: the indicator library
QUESTION = "Vilka fokusområden finns i färdplanen?"
FIRST_LINE = "Färdplanens fokusområden är fem"
STUB_SECONDS = 4.0
START_SECONDS = 60
STEP_MS = 30_000
BLOCKING = ("serious", "critical")

pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def _stub_reply(request: RecordedRequest) -> Reply:
    # Cites the first source from the roadmap (the prompt numbers them "[n]", then "> Källa: <title> …"), in
    # text with Markdown bold, LaTeX and an address that the app must not make a link.
    prompt = "\n".join(request.texts_of("user"))
    found = re.search(r"\[(\d+)\]\n> Källa: Färdplan", prompt)
    n = found.group(1) if found else "1"
    return Reply(
        f"{FIRST_LINE} [{n}]. De beskrivs **fetstilt** med $x^2$ och på https://evil.example/logga-in [{n}].\n"
        f"- Hälsofrämjande och förebyggande arbete [{n}]"
    )


@pytest.fixture(scope="module")
def llm_stub() -> Iterator[LLMStubServer]:
    stub = LLMStubServer().start()
    stub.set_fault("slow", slow_seconds=STUB_SECONDS)
    stub.script(*([_stub_reply] * 50))
    yield stub
    stub.stop()


@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe-core as pinned in tests/ui/axe/package-lock.json, installed with npm on first use."""
    if not AXE_SCRIPT.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install axe-core for the accessibility checks")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=AXE_DIR, check=True, timeout=300)
    return AXE_SCRIPT


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("E2E_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, llm_stub: LLMStubServer) -> Iterator[tuple[str, Path]]:
    """The app on a free port of 127.0.0.1 over two real documents, a fresh index and the model stand-in."""
    root = tmp_path_factory.mktemp("e2e")
    corpus = root / "corpus"
    corpus.mkdir()
    manifest = json.loads((REPO / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    entries = [d for d in manifest["documents"] if d["doc_id"] in DOCUMENTS]
    for entry in entries:
        shutil.copy(REPO / "corpus" / entry["file"], corpus / entry["file"])
    (corpus / "manifest.json").write_text(json.dumps({"documents": entries}, ensure_ascii=False), encoding="utf-8")
    shutil.copytree(REPO / "corpus" / "tables", corpus / "tables")  # the roadmap's satsningar (curated)
    port = _free_port()
    feedback_db = root / "feedback.sqlite"
    env = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    env.update(
        {
            "ASSISTANT_CONFIG_FILE": str(root / "no-config.toml"),
            "ASSISTANT_CORPUS_DIR": str(corpus),
            "ASSISTANT_INDEX_DIR": str(root / "index"),
            "ASSISTANT_FEEDBACK_DB": str(feedback_db),
            "ASSISTANT_LLM": "openai:stub-model",
            "ASSISTANT_LLM_BASE_URL": f"{llm_stub.url}/v1",
            "ASSISTANT_LLM_TIMEOUT": "20",
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            "ANONYMIZED_TELEMETRY": "False",
        }
    )
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none"]
    log_path = root / "streamlit.log"
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


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="sv-SE")
        try:
            yield context.new_page()
        finally:
            browser.close()


def test_a_conversation_is_asked_locked_shown_at_its_answer_rated_kept_and_opened_in_the_document(
    app_url, browser_page, axe_script: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    url, feedback_db = app_url
    page = browser_page
    page.goto(url)
    # The first visit builds the index (with a progress bar) before the chat appears.
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_be_visible(timeout=90_000)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("button", name="Skicka frågan")).to_be_attached()  # Streamlit's labels in Swedish
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_attached()
    _check_accessibility(page, axe_script, "chat-empty")
    _screenshot(page, screenshots, "01-fraga-tom")

    chat_input = page.get_by_test_id("stChatInputTextArea")
    chat_input.fill(QUESTION)
    chat_input.press("Enter")
    # While the answer is being made: the input is locked and the welcome with its suggestions is gone.
    expect(chat_input).to_be_disabled(timeout=3_000)
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_have_count(0, timeout=3_000)
    time.sleep(1.0)
    assert chat_input.is_disabled(), "a second question could be typed while the first was answered"
    _screenshot(page, screenshots, "02-fraga-svarar")

    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer.get_by_text("Källor", exact=True)).to_be_visible(timeout=STEP_MS)
    expect(chat_input).to_be_enabled(timeout=STEP_MS)
    first_line = answer.get_by_text(FIRST_LINE)
    expect(first_line).to_be_in_viewport(timeout=5_000)
    time.sleep(1.0)  # still there once the page has settled (Streamlit keeps a chat at its bottom)
    expect(first_line).to_be_in_viewport()
    _screenshot(page, screenshots, "03-fraga-svar", full_page=False)

    # The model's text is inert: no link, no bold, no LaTeX; the address names its domain.
    text = answer.get_by_test_id("stMarkdownContainer").first
    expect(text).to_contain_text("(adress till evil.example)")
    expect(text).to_contain_text("**fetstilt**")
    assert text.locator("a, strong, .katex").count() == 0, text.inner_html()
    assert page.locator("a[href*='evil.example']").count() == 0
    expect(answer.get_by_text("Färdplan för Nära vård i Sörmland").first).to_be_visible()
    _check_accessibility(page, axe_script, "chat-answer")

    # Feedback: a rating, a reason and a comment, confirmed on the page and stored with the answer.
    answer.get_by_role("radio", name="Inte bra").click()
    expect(answer.get_by_text("Tack för återkopplingen!")).to_be_visible(timeout=STEP_MS)
    answer.get_by_text("Fel källa", exact=True).click()
    answer.get_by_label("Kommentar (valfri)").fill("Sidan saknas i källan")
    answer.get_by_role("button", name="Skicka kommentar").click()
    expect(answer.get_by_text("Tack, din kommentar är sparad.")).to_be_visible(timeout=STEP_MS)
    row = _wait_for_feedback(feedback_db, lambda r: r[4] == "Sidan saknas i källan")
    _screenshot(page, screenshots, "04-fraga-aterkoppling")

    # A reload reopens the conversation, which is in the sidebar's list.
    assert "samtal=" in page.url, page.url
    page.reload()
    expect(page.get_by_test_id("stChatMessage").first).to_contain_text(QUESTION, timeout=STEP_MS)
    expect(page.get_by_role("group", name="Din fråga")).to_have_count(1)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name=QUESTION)).to_be_visible()
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_have_count(0)

    # "Öppna i dokumentet" shows the whole document with the cited passage marked, in view.
    page.get_by_test_id("stChatMessage").nth(1).get_by_role("link", name="Öppna i dokumentet").first.click()
    cited = page.locator(".st-key-cited-passage")
    expect(cited).to_be_visible(timeout=STEP_MS)
    expect(cited).to_contain_text("Citerad passage")
    expect(cited).to_be_in_viewport(timeout=5_000)
    assert "/las?" in page.url and "dokument=fardplan-2025" in page.url, page.url
    expect(page.get_by_text("Innehåll (")).to_be_visible()
    _check_accessibility(page, axe_script, "document")
    _screenshot(page, screenshots, "05-las-dokument", full_page=False)

    question, answer_text, citations, rating, comment, reason = row
    assert (question, rating, reason) == (QUESTION, "down", "fel källa")
    assert FIRST_LINE in answer_text
    assert any(c["doc_id"] == "fardplan-2025" for c in json.loads(citations))


@pytest.mark.parametrize(
    ("path", "heading", "name"),
    [
        ("indikatorer", "Indikatorer", "06-indikatorer"),
        ("satsningar", "Satsningar", "07-satsningar"),
        ("dokument", "Dokument", "08-dokument"),
    ],
)
def test_every_page_passes_axe_and_is_photographed(
    app_url, browser_page, axe_script: Path, screenshots: Path, path: str, heading: str, name: str
) -> None:
    from playwright.sync_api import expect

    url, _ = app_url
    page = browser_page
    page.goto(url + path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=90_000)
    page.wait_for_timeout(1500)
    _check_accessibility(page, axe_script, path)
    _screenshot(page, screenshots, name)
    if path == "satsningar":
        # Grouped by insatsområde; a row opens the satsning's whole record with its source.
        expect(page.get_by_role("heading", name="Tidslinje")).to_be_visible()
        grid = page.get_by_test_id("stDataFrame").first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # the first row's selection cell
        record = page.locator(".st-key-initiative-record")
        expect(record).to_be_visible(timeout=STEP_MS)
        expect(record.get_by_text("Källa", exact=True)).to_be_visible()
        _check_accessibility(page, axe_script, "satsning-record")
        record.scroll_into_view_if_needed()
        _screenshot(page, screenshots, "07b-satsning-post", full_page=False)


def _check_accessibility(page, axe_script: Path, where: str) -> None:
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


def _screenshot(page, folder: Path, name: str, full_page: bool = True) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000, path


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


def _wait_for_feedback(feedback_db: Path, accept, seconds: float = 15) -> tuple:
    deadline = time.monotonic() + seconds
    rows: list = []
    while time.monotonic() < deadline:
        if feedback_db.exists():
            with sqlite3.connect(feedback_db) as connection:
                rows = connection.execute(
                    "SELECT question, answer, citations, rating, comment, reason FROM feedback"
                ).fetchall()
            if rows and accept(rows[0]):
                return rows[0]
        time.sleep(0.2)
    pytest.fail(f"no matching feedback row in {feedback_db} after {seconds} s: {rows}")
