"""The API's documentation (/docs, Swagger UI) renders in headless Chromium with no network but the server's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_server import api_settings

from assistant.api.app import create_app
from assistant.api.server import serve_in_thread

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def test_the_docs_page_lists_the_endpoints_offline(tiny_corpus: Path, isolated_environment: Path, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    app = create_app(api_settings(tiny_corpus, isolated_environment))
    with serve_in_thread(app) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            elsewhere: list[str] = []

            def only_the_server(route) -> None:
                if route.request.url.startswith(url):
                    route.continue_()
                else:
                    elsewhere.append(route.request.url)
                    route.abort()

            page.route("**/*", only_the_server)
            page.goto(f"{url}/docs")
            expect(page.get_by_text("Nära vård-assistenten").first).to_be_visible(timeout=30_000)
            expect(page.locator(".opblock-summary-path", has_text="/v1/chat/completions")).to_be_visible()
            expect(page.get_by_text("Ställ en fråga och få ett belagt svar med källor")).to_be_visible()
            page.screenshot(path=str(tmp_path / "docs.png"), full_page=False)
        finally:
            browser.close()
    assert elsewhere == []
