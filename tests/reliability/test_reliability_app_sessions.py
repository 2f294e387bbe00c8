"""Ten browser-less sessions against the running app (`streamlit run app.py`) get the answers one session gets.

Each session speaks Streamlit's own websocket protocol (BackMsg / ForwardMsg protobufs on
/_stcore/stream): it loads the page, finds the chat input and submits questions, like a browser.
AppTest cannot do this: its sessions share one process-wide runtime and cannot run in parallel.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.child_process import free_port, running_server

pytestmark = [pytest.mark.server, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
SESSIONS = 10
START_SECONDS = 120
RUN_SECONDS = 180
QUESTIONS = (
    "Hur ofta följer distriktssköterskorna upp hemsjukvården?",
    "Vem delar ansvaret för hemsjukvården?",
    "Vilka arbetar tillsammans i teamet runt patienten?",
    "Vad kostar en ny bil i Stockholm?",
)


@pytest.fixture
def app_port(tiny_corpus: Path, tmp_path: Path, isolated_environment: Path) -> Iterator[int]:
    """The app served by `streamlit run` on 127.0.0.1, over the tiny corpus with the bundled embedder."""
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(tiny_corpus),
        "ASSISTANT_INDEX_DIR": str(isolated_environment),
        "ASSISTANT_FEEDBACK_DB": str(tmp_path / "feedback.sqlite"),
        "HF_HUB_OFFLINE": "1",
    }
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    health = f"http://127.0.0.1:{port}/_stcore/health"
    log = tmp_path / "streamlit.log"
    with running_server(command, health, START_SECONDS, cwd=REPO, env=env, log_path=log, grace_seconds=20):
        yield port


class Session:
    """One browser-less session: a websocket to the app that reruns the script like a browser does."""

    def __init__(self, websocket) -> None:
        self._socket = websocket
        self.page_script_hash = ""
        self.chat_input_id = ""

    def load(self) -> list[str]:
        """Run the page as on first load; returns the Markdown it showed."""
        return self._rerun([])

    def ask(self, question: str) -> list[str]:
        """Submit a question in the chat input; returns the Markdown the page showed."""
        from streamlit.proto.Common_pb2 import ChatInputValue
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        assert self.chat_input_id, "the page showed no chat input"
        return self._rerun([WidgetState(id=self.chat_input_id, chat_input_value=ChatInputValue(data=question))])

    def _rerun(self, widgets) -> list[str]:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ClientState_pb2 import ClientState
        from streamlit.proto.WidgetStates_pb2 import WidgetStates

        state = ClientState(page_script_hash=self.page_script_hash, widget_states=WidgetStates(widgets=widgets))
        self._socket.send(BackMsg(rerun_script=state).SerializeToString())
        return self._until_finished()

    def _until_finished(self) -> list[str]:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        shown: list[str] = []
        deadline = time.monotonic() + RUN_SECONDS
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(self._socket.recv(timeout=RUN_SECONDS))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = message.new_session.page_script_hash or self.page_script_hash
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "markdown":
                    shown.append(element.markdown.body)
                elif element.WhichOneof("type") == "chat_input":
                    self.chat_input_id = element.chat_input.id
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    # The app reruns itself (the chat locks its input, then answers): a browser waits for
                    # the run that finishes, and so does the session; what that run shows is the page.
                    shown = []
                    continue
                return shown
        raise TimeoutError("the app did not finish the run")


def answers_of_a_session(port: int, questions: tuple[str, ...]) -> dict[str, list[str]]:
    """What the page showed after each question, in one session of its own."""
    from websockets.sync.client import connect

    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as websocket:
        session = Session(websocket)
        session.load()
        return {question: session.ask(question) for question in questions}


def test_ten_sessions_against_the_running_app_get_the_answers_one_session_gets(
    app_port: int, isolated_environment: Path
) -> None:
    from assistant.index.build import live_state

    answers_of_a_session(app_port, QUESTIONS[:1])  # the first session starts the build
    # The first answers come from the keyword-only build; compare sessions once the vectors are in too.
    deadline = time.monotonic() + RUN_SECONDS
    while not live_state(isolated_environment).complete:
        assert time.monotonic() < deadline, "the hybrid build was never published"
        time.sleep(0.5)
    alone = answers_of_a_session(app_port, QUESTIONS)
    assert any("två gånger per år" in body for body in alone[QUESTIONS[0]]), alone[QUESTIONS[0]]

    orders = [QUESTIONS[i % len(QUESTIONS) :] + QUESTIONS[: i % len(QUESTIONS)] for i in range(SESSIONS)]
    with ThreadPoolExecutor(SESSIONS) as pool:
        together = list(pool.map(lambda order: answers_of_a_session(app_port, order), orders))

    for shown in together:
        for question in QUESTIONS:
            assert newest_turn(question, shown[question]) == newest_turn(question, alone[question]), question


def newest_turn(question: str, bodies: list[str]) -> list[str]:
    """The Markdown after the newest showing of the question: its answer and sources, not the history."""
    from assistant.ui.text import plain

    shown_question = plain(question)
    assert shown_question in bodies, bodies
    last = len(bodies) - 1 - bodies[::-1].index(shown_question)
    return bodies[last + 1 :]
