"""In headless Chromium: a keyboard user keeps their place while the app redraws itself as the vectors go live.

On a first start the app answers by keyword while the passages are embedded, shows a notice meanwhile, and
reruns itself once the vectors are live (assistant/ui/resources.py). The corpus here carries a document of
its own that is not in the shipped vectors, so that phase lasts while the keys are pressed: one tab has its
focus on the notice itself (which goes away), another a half-typed question in the chat input. Only keys are
used, and nothing waits for the notice to go before they are pressed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_app import RunningApp, chromium_page, corpus_of, needs_chromium, running_app, screenshot_folder

from assistant.ui.resources import KEYWORD_ONLY_NOTICE

pytestmark = [pytest.mark.server, pytest.mark.browser, needs_chromium]

OWN_DOCUMENT = "egen-rapport.txt"
# Passages the app must embed itself (about 0.1–1 s each on two cores): the keyword-only phase outlasts the keys.
OWN_PASSAGES = 60
QUESTION = "Vad beslutade nämnden om slutrapporten?"
STEP_MS = 60_000
TABS = 40
PAGE_START = ("Hoppa till innehållet", "Fråga", "Indikatorer")  # the skip link and the page menu's first links

# What has the focus: its test id and text, whether it lies in the build notice, and whether it is the page.
FOCUSED = """(notice) => {
    const element = document.activeElement;
    const expander = element.closest('[data-testid="stExpander"]');
    return {
        testid: element.getAttribute('data-testid') || '',
        text: (element.innerText || element.getAttribute('aria-label') || '').trim(),
        value: element.value || '',
        in_notice: expander !== null && expander.innerText.includes(notice),
        page: element === document.body || element === null,
    };
}"""


def _own_document(corpus: Path) -> None:
    paragraphs = [
        f"Avsnitt {n}\nHemsjukvården i område {n} planerar insatserna vecka {n} tillsammans med patienten, "
        f"och teamet i område {n} följer upp dem med regionens vårdcentral nummer {n * 7}."
        for n in range(OWN_PASSAGES)
    ]
    (corpus / OWN_DOCUMENT).write_text("\n\n".join(paragraphs), encoding="utf-8")
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    entry = {"doc_id": "egen-rapport", "file": OWN_DOCUMENT, "title": "Egen rapport", "date": "2024", "kind": "rapport"}
    manifest["documents"].append(entry)
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    root = tmp_path_factory.mktemp("focus")
    corpus = corpus_of(root / "corpus", ("nsv-beslut-2023",))
    _own_document(corpus)
    with running_app(root, corpus) as running:
        yield running


def _focused(page) -> dict:
    return page.evaluate(FOCUSED, KEYWORD_ONLY_NOTICE)


def _tab_until(page, wanted) -> list[dict]:
    visited = []
    for _ in range(TABS):
        page.keyboard.press("Tab")
        visited.append(_focused(page))
        if wanted(visited[-1]):
            return visited
    pytest.fail(f"Tab did not reach it in {TABS} steps: {[f['text'][:30] or f['testid'] for f in visited]}")


def test_the_focus_stays_in_place_when_the_vectors_go_live(app: RunningApp, tmp_path_factory) -> None:
    from playwright.sync_api import expect

    with chromium_page() as on_notice:
        browser = on_notice.context.browser
        typing = browser.new_context(viewport={"width": 1300, "height": 900}, locale="sv-SE").new_page()
        for page in (on_notice, typing):
            page.goto(app.url, timeout=STEP_MS)
        for page in (on_notice, typing):
            expect(page.get_by_test_id("stChatInputTextArea")).to_be_enabled(timeout=180_000)
            expect(page.get_by_test_id("stSidebar").get_by_text("Svarsmotor")).to_be_visible(timeout=STEP_MS)
            expect(page.get_by_text(KEYWORD_ONLY_NOTICE)).to_be_visible()  # still keyword-only: the keys come now

        _tab_until(on_notice, lambda f: f["in_notice"])  # the notice's own summary, which is about to go
        _tab_until(typing, lambda f: f["testid"] == "stChatInputTextArea")
        typing.keyboard.type("Vad beslutade nämnden")
        for page in (on_notice, typing):
            assert page.get_by_text(KEYWORD_ONLY_NOTICE).count() == 1, "the vectors went live before the keys"

        for page in (on_notice, typing):
            expect(page.get_by_text(KEYWORD_ONLY_NOTICE)).to_have_count(0, timeout=300_000)
            expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=STEP_MS)
        folder = screenshot_folder(tmp_path_factory)
        on_notice.screenshot(path=str(folder / "12-fokus-efter-vektorerna.png"))

        # The half-typed question keeps its focus: the user types on and asks it.
        assert _focused(typing)["testid"] == "stChatInputTextArea", _focused(typing)
        typing.keyboard.type(QUESTION.removeprefix("Vad beslutade nämnden"))
        assert _focused(typing)["value"] == QUESTION
        typing.keyboard.press("Enter")
        answer = typing.get_by_test_id("stChatMessage").nth(1)
        expect(answer.get_by_text("Källor", exact=True)).to_be_visible(timeout=STEP_MS)

        # The notice went away with the focus on it: the focus is on what followed it, not back at the page's
        # start, so the next Tabs go on from there to the chat input.
        assert not _focused(on_notice)["page"], "the focus went back to the page"
        visited = _tab_until(on_notice, lambda f: f["testid"] == "stChatInputTextArea")
        assert not any(f["text"].endswith(PAGE_START) for f in visited), visited
