"""End to end in headless Chromium: `streamlit run app.py` on three real documents, as a person uses it.

The answers come from a language model stand-in (tests/llm_stub_server.py) that takes STUB_SECONDS per
reply, so the test can see the chat while an answer is being made; its text carries bold, LaTeX and an
address, which the app must show as inert text. axe-core (npm, pinned in tests/ui/axe/package.json) checks
every page and a chat with an answer; screenshots of each page are saved (E2E_SCREENSHOTS or the test's
tmp folder).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_app import (
    RunningApp,
    check_accessibility,
    chromium_page,
    corpus_of,
    install_axe,
    needs_chromium,
    running_app,
    screenshot,
    screenshot_folder,
    wait_for_row,
)

from assistant.ui.resources import KEYWORD_ONLY_NOTICE

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from llm_stub_server import LLMStubServer, RecordedRequest, Reply  # noqa: E402

DOCUMENTS = ("fardplan-2025", "nsv-beslut-2023", "bilagor-projektrapport")  # bilagor: the indicator library
QUESTION = "Vilka fokusområden finns i färdplanen?"
FIRST_LINE = "Färdplanens fokusområden är fem"
STUB_SECONDS = 4.0
STEP_MS = 30_000
FEEDBACK_ROW = "SELECT question, answer, citations, rating, comment, reason FROM feedback"

pytestmark = [pytest.mark.server, pytest.mark.browser, needs_chromium]


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
    return install_axe()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    return screenshot_folder(tmp_path_factory)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, llm_stub: LLMStubServer) -> Iterator[RunningApp]:
    """The app on a free port of 127.0.0.1 over three real documents, a fresh index and the model stand-in."""
    root = tmp_path_factory.mktemp("e2e")
    llm = {
        "ASSISTANT_LLM": "openai:stub-model",
        "ASSISTANT_LLM_BASE_URL": f"{llm_stub.url}/v1",
        "ASSISTANT_LLM_TIMEOUT": "20",
    }
    with running_app(root, corpus_of(root / "corpus", DOCUMENTS), env=llm) as app:
        yield app


@pytest.fixture
def browser_page():
    with chromium_page() as page:
        yield page


def test_a_conversation_is_asked_locked_shown_at_its_answer_rated_kept_and_opened_in_the_document(
    app_url, browser_page, axe_script: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    url, feedback_db = app_url.url, app_url.feedback_db
    page = browser_page
    page.goto(url)
    # The first visit builds the index (with a progress bar) before the chat appears.
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_be_visible(timeout=90_000)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("button", name="Skicka frågan")).to_be_attached()  # Streamlit's labels in Swedish
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_attached()
    check_accessibility(page, axe_script, "chat-empty")
    screenshot(page, screenshots, "01-fraga-tom")

    chat_input = page.get_by_test_id("stChatInputTextArea")
    chat_input.fill(QUESTION)
    chat_input.press("Enter")
    # While the answer is being made: the input is locked and the welcome with its suggestions is gone.
    expect(chat_input).to_be_disabled(timeout=3_000)
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_have_count(0, timeout=3_000)
    time.sleep(1.0)
    assert chat_input.is_disabled(), "a second question could be typed while the first was answered"
    screenshot(page, screenshots, "02-fraga-svarar")

    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer.get_by_text("Källor", exact=True)).to_be_visible(timeout=STEP_MS)
    expect(chat_input).to_be_enabled(timeout=STEP_MS)
    first_line = answer.get_by_text(FIRST_LINE)
    expect(first_line).to_be_in_viewport(timeout=5_000)
    time.sleep(1.0)  # still there once the page has settled (Streamlit keeps a chat at its bottom)
    expect(first_line).to_be_in_viewport()
    screenshot(page, screenshots, "03-fraga-svar", full_page=False)

    # The model's text is inert: no link, no bold, no LaTeX; the address names its domain.
    text = answer.get_by_test_id("stMarkdownContainer").first
    expect(text).to_contain_text("(adress till evil.example)")
    expect(text).to_contain_text("**fetstilt**")
    assert text.locator("a, strong, .katex").count() == 0, text.inner_html()
    assert page.locator("a[href*='evil.example']").count() == 0
    expect(answer.get_by_text("Färdplan för Nära vård i Sörmland").first).to_be_visible()
    check_accessibility(page, axe_script, "chat-answer")

    # Feedback: a rating, a reason and a comment, confirmed on the page and stored with the answer.
    answer.get_by_role("radio", name="Inte bra").click()
    expect(answer.get_by_text("Tack för återkopplingen!")).to_be_visible(timeout=STEP_MS)
    answer.get_by_text("Fel källa", exact=True).click()
    answer.get_by_label("Kommentar (valfri)").fill("Sidan saknas i källan")
    answer.get_by_role("button", name="Skicka kommentar").click()
    expect(answer.get_by_text("Tack, din kommentar är sparad.")).to_be_visible(timeout=STEP_MS)
    row = wait_for_row(feedback_db, FEEDBACK_ROW, lambda r: r[4] == "Sidan saknas i källan")
    screenshot(page, screenshots, "04-fraga-aterkoppling")

    # A reload reopens the conversation, which is in the sidebar's list.
    assert "samtal=" in page.url, page.url
    page.reload()
    expect(page.get_by_test_id("stChatMessage").first).to_contain_text(QUESTION, timeout=STEP_MS)
    expect(page.get_by_role("group", name="Din fråga")).to_have_count(1)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name=QUESTION)).to_be_visible()
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_have_count(0)
    reopened = page.get_by_test_id("stChatMessage").nth(1)
    expect(reopened.get_by_role("radio", name="Inte bra")).to_be_checked()  # the rating shows as given
    expect(reopened.get_by_label("Kommentar (valfri)")).to_have_value("Sidan saknas i källan")

    # "Öppna i dokumentet" shows the whole document with the cited passage marked, in view.
    page.get_by_test_id("stChatMessage").nth(1).get_by_role("link", name="Öppna i dokumentet").first.click()
    cited = page.locator(".st-key-cited-passage")
    expect(cited).to_be_visible(timeout=STEP_MS)
    expect(cited).to_contain_text("Citerad passage")
    expect(cited).to_be_in_viewport(timeout=5_000)
    assert "/las?" in page.url and "dokument=fardplan-2025" in page.url, page.url
    expect(page.get_by_text("Innehåll (")).to_be_visible()
    check_accessibility(page, axe_script, "document")
    screenshot(page, screenshots, "05-las-dokument", full_page=False)

    question, answer_text, citations, rating, comment, reason = row
    assert (question, rating, reason) == (QUESTION, "down", "fel källa")
    assert FIRST_LINE in answer_text
    assert any(c["doc_id"] == "fardplan-2025" for c in json.loads(citations))


# What the focused element is, whether it lies in the newest answer, and whether keyboard focus shows on it: an
# outline or a ring (box-shadow) on the element, or on the chat input, text or select box it is the field of.
FOCUSED = """() => {
    const element = document.activeElement;
    const framed = element.closest('[data-testid="stChatInput"]')
        || element.closest(
            '[data-baseweb="select"], [data-testid="stTextAreaRootElement"], [data-testid="stTextInputRootElement"]'
        ) || element;
    const style = getComputedStyle(framed);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const ringed = style.boxShadow !== 'none' && style.boxShadow !== '';
    const answers = document.querySelectorAll('[data-testid="stChatMessage"]');
    const newest = answers.length ? answers[answers.length - 1] : null;
    return {
        testid: element.getAttribute('data-testid') || '',
        text: (element.innerText || element.getAttribute('aria-label') || element.placeholder || '').trim(),
        in_answer: newest !== null && newest.contains(element),
        visible: outlined || ringed,
    };
}"""
TABS = 40


def _tab_until(page, wanted, limit: int = TABS) -> list[dict]:
    """Press Tab until the focused element is `wanted`; every element focused on the way (focus shown on each)."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        visited.append(focused)
        assert focused["visible"], f"no visible focus on {focused}"
        if wanted(focused):
            return visited
    pytest.fail(f"Tab did not reach it in {limit} steps: {[f['text'][:30] or f['testid'] for f in visited]}")


def test_the_chat_is_used_with_the_keyboard_alone(app_url, browser_page, screenshots: Path) -> None:
    from playwright.sync_api import expect

    page = browser_page
    page.goto(app_url.url)
    expect(page.get_by_text("Välkommen till Nära vård-assistenten")).to_be_visible(timeout=90_000)
    # The page drawn in full (the sidebar's last part too) before the first key is pressed.
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_enabled()
    expect(page.get_by_test_id("stSidebar").get_by_text("Svarsmotor")).to_be_visible()
    # The app reruns itself once when the vectors go live (the test's own document is embedded on a fresh
    # clone). The focus stays in place through that rerun (focus.keep_focus, tests/ui/test_focus_browser.py
    # presses keys during it); here the keys are pressed in the app that stays, so no rerun races the answer.
    expect(page.get_by_text(KEYWORD_ONLY_NOTICE)).to_have_count(0, timeout=180_000)
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    # From the page's start, Tab reaches the chat input (skip link, page menu, sidebar, suggestions on the way).
    _tab_until(page, lambda f: f["testid"] == "stChatInputTextArea")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer.get_by_text("Källor", exact=True)).to_be_visible(timeout=STEP_MS)
    expect(answer.get_by_text(FIRST_LINE)).to_be_visible()
    expect(page.get_by_test_id("stChatInputTextArea")).to_be_enabled(timeout=STEP_MS)

    # Focus moves to the new answer (as the view does): the next Tabs go through its sources to its feedback.
    expect(answer.locator("[class*='st-key-answer-']")).to_be_focused(timeout=5_000)
    # The focus can move there while the rest of the redraw is still arriving (the feedback and the downloads
    # a few hundred ms later): a Tab pressed then goes from "Kopiera svaret" straight to the chat input. The
    # keys wait for what they will go through, drawn in full.
    expect(answer.get_by_role("link", name="Öppna i dokumentet").first).to_be_visible()
    expect(answer.get_by_role("radio", name="Bra svar")).to_be_visible()
    expect(page.get_by_role("button", name="Ladda ner källorna (CSV)")).to_be_visible()
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    expect(answer.locator("[class*='st-key-answer-']")).to_be_focused()  # still where the app put it
    visited = _tab_until(page, lambda f: f["text"].endswith("Bra svar"))
    assert all(f["in_answer"] for f in visited), visited
    texts = [f["text"] for f in visited]
    assert any(t.endswith(("Öppna i dokumentet", "Visa omgivande text")) for t in texts), texts  # a source's
    screenshot(page, screenshots, "11-tangentbord-fokus", full_page=False)
    page.keyboard.press("Space")  # rates the answer, from the keyboard too
    expect(answer.get_by_text("Tack för återkopplingen!")).to_be_visible(timeout=STEP_MS)
    expect(answer.get_by_role("radio", name="Bra svar")).to_be_checked()
    # And on to the chat input again for the next question, through the comment form the rating opened.
    expect(answer.get_by_role("button", name="Skicka kommentar")).to_be_visible()
    expect(page.locator("[data-stale='true']")).to_have_count(0)
    after_rating = _tab_until(page, lambda f: f["testid"] == "stChatInputTextArea")
    assert any(f["text"].endswith("Skicka kommentar") for f in after_rating), after_rating


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

    url = app_url.url
    page = browser_page
    page.goto(url + path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=90_000)
    page.wait_for_timeout(1500)
    check_accessibility(page, axe_script, path)
    screenshot(page, screenshots, name)
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
        check_accessibility(page, axe_script, "satsning-record")
        record.scroll_into_view_if_needed()
        screenshot(page, screenshots, "07b-satsning-post", full_page=False)
