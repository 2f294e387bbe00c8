"""The app's login against a real OIDC provider (oidc-provider-mock on this machine), in headless Chromium.

The app runs with a secrets.toml of the test's own that points `[auth]` at the provider: a visitor sees only
the login page, logs in through the provider's form, comes back logged in, asks, rates the answer, and the
conversation (and through its answer the rating) is stored under the user's e-mail; "Logga ut" leads back to
the login page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_app import (
    RunningApp,
    check_accessibility,
    chromium_page,
    corpus_of,
    free_port,
    install_axe,
    needs_chromium,
    running_app,
    screenshot,
    screenshot_folder,
    wait_for_row,
)
from oidc_provider_mock import User, run_server_in_thread

pytestmark = [pytest.mark.server, pytest.mark.browser, needs_chromium]

EMAIL = "anna.andersson@regionsormland.se"
SUBJECT = "5f3a0c2e-anna"
QUESTION = "Vem beslutar om Nära vård i Sörmland?"
STEP_MS = 30_000


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    anna = User(sub=SUBJECT, claims={"email": EMAIL, "name": "Anna Andersson"})
    with run_server_in_thread(user_claims=[anna]) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, provider: str) -> Iterator[RunningApp]:
    root = tmp_path_factory.mktemp("login")
    corpus = corpus_of(root / "corpus", ("nsv-beslut-2023",))
    port = free_port()
    secrets = (
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "en-lang-slumpad-hemlighet-for-testets-kaka"\n'
        'client_id = "nara-vard-appen"\n'
        'client_secret = "hemligt"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    with running_app(root, corpus, secrets=secrets, port=port) as running:
        yield running


def test_a_visitor_logs_in_at_the_provider_and_their_conversation_is_stored_under_their_e_mail(
    app: RunningApp, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from playwright.sync_api import expect

    with chromium_page() as page:
        page.goto(app.url)
        # Not logged in: the login page and nothing else (no chat, no sidebar with pages).
        login = page.get_by_role("button", name="Logga in")
        expect(login).to_be_visible(timeout=STEP_MS)
        expect(page.get_by_text("Logga in med ditt konto i regionen")).to_be_visible()
        expect(page.get_by_test_id("stChatInputTextArea")).to_have_count(0)
        expect(page.get_by_test_id("stSidebar")).to_have_count(0)
        expect(page.locator("html")).to_have_attribute("lang", "sv")
        check_accessibility(page, install_axe(), "login")
        folder = screenshot_folder(tmp_path_factory)
        screenshot(page, folder, "09-logga-in")

        login.click()
        # The provider's own login form (oidc-provider-mock): Anna is one of its users.
        expect(page.get_by_text("Authorize Client")).to_be_visible(timeout=STEP_MS)
        assert page.url.startswith("http://localhost:"), page.url
        page.get_by_role("button", name=SUBJECT).click()

        # Back in the app, logged in: the chat, and who is logged in in the sidebar.
        chat_input = page.get_by_test_id("stChatInputTextArea")
        expect(chat_input).to_be_visible(timeout=90_000)  # the first visit also builds the index
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Inloggad som Anna Andersson")).to_be_visible()
        expect(sidebar.get_by_role("button", name="Logga ut")).to_be_visible()

        chat_input.fill(QUESTION)
        chat_input.press("Enter")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        expect(answer.get_by_text("Källor", exact=True)).to_be_visible(timeout=STEP_MS)
        answer.get_by_role("radio", name="Bra svar").click()
        expect(answer.get_by_text("Tack för återkopplingen!")).to_be_visible(timeout=STEP_MS)
        expect(sidebar.get_by_role("button", name=QUESTION)).to_be_visible(timeout=STEP_MS)
        screenshot(page, folder, "10-inloggad", full_page=False)

        owner, answer_id = wait_for_row(
            app.feedback_db,
            "SELECT c.user_id, t.answer_id FROM conversations c JOIN conversation_turns t USING (conversation_id)",
            lambda row: True,
        )
        assert owner == f"login:{EMAIL}"
        rated = wait_for_row(
            app.feedback_db, "SELECT answer_id, rating, user_id FROM feedback", lambda row: row[1] == "up"
        )
        assert rated == (answer_id, "up", f"login:{EMAIL}")  # Anna's rating of the answer in her conversation

        # Logging out leads back to the login page (through the provider's end of the session).
        sidebar.get_by_role("button", name="Logga ut").click()
        end_session = page.get_by_role("button", name="End session")
        end_session.or_(page.get_by_role("button", name="Logga in")).first.wait_for(timeout=STEP_MS)
        if end_session.count():
            end_session.click()
        expect(page.get_by_role("button", name="Logga in")).to_be_visible(timeout=STEP_MS)
        expect(page.get_by_test_id("stChatInputTextArea")).to_have_count(0)
