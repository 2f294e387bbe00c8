"""Tests for assistant.ui.resources: the shared Assistant, built first with a progress bar, and its errors."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from assistant.errors import AssistantError, BuildInProgressError
from assistant.index.build import BuildReport, build_index
from assistant.retrieval.hybrid import SearchFilters
from assistant.settings import Settings
from assistant.ui import resources

OPENED = SimpleNamespace(name="the shared assistant")


def _open() -> None:
    import streamlit as st

    from assistant.ui import resources

    st.session_state["opened"] = resources.open_assistant(resources.current_settings())
    st.markdown("after the assistant")


def _run() -> AppTest:
    app = AppTest.from_function(_open, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """build_index replaced: the first call meets another session's build, the second succeeds."""
    calls: list[Settings] = []

    def fake_build(settings: Settings, progress=None) -> BuildReport:
        calls.append(settings)
        if len(calls) == 1:
            raise BuildInProgressError("Indexet byggs redan.", "lock held")
        progress(3, 4)
        return BuildReport(build_dir="b", documents=2, chunks=5, embedded=5)

    monkeypatch.setattr(resources, "build_index", fake_build)
    monkeypatch.setattr(resources, "BUILD_WAIT_SECONDS", 0.0)
    monkeypatch.setattr(resources, "_cached_assistant", lambda settings: OPENED)
    return calls


def test_without_an_index_it_is_built_with_progress_waiting_for_another_sessions_build(builds) -> None:
    app = _run()
    assert len(builds) == 2
    assert [s.label for s in app.status] == ["Indexet är klart: 2 dokument, 5 passager."]
    assert app.session_state["opened"] is OPENED
    assert "after the assistant" in [m.value for m in app.markdown]


def test_an_existing_index_is_opened_without_building(tiny_corpus, fake_embedder, monkeypatch, builds) -> None:
    build_index(Settings.load(corpus_dir=str(tiny_corpus)), embedder=fake_embedder)
    app = _run()
    assert builds == [] and not app.status
    assert app.session_state["opened"] is OPENED


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (AssistantError("Dokumentmappen saknas.", "no such folder /x"), "Dokumentmappen saknas."),
        (RuntimeError("no such folder /x"), "Assistenten kunde inte starta."),
    ],
)
def test_an_assistant_that_cannot_open_stops_the_page_with_a_swedish_message(monkeypatch, caplog, error, shown) -> None:
    def failing_build(settings, progress=None):
        raise error

    monkeypatch.setattr(resources, "build_index", failing_build)
    app = _run()
    [message] = [e.value for e in app.error]
    assert message.startswith(shown)
    assert "after the assistant" not in [m.value for m in app.markdown]  # st.stop()
    assert "no such folder /x" in caplog.text and "no such folder" not in message


def test_ask_passes_the_history_and_filters_to_the_assistant() -> None:
    calls = []
    assistant = SimpleNamespace(ask=lambda question, **kwargs: calls.append((question, kwargs)) or "svar")
    filters = SearchFilters(doc_ids=("fardplan-2025",))
    assert resources.ask(assistant, "och i Dalarna?", [("Vad är RSS?", "Ett stöd.")], filters) == "svar"
    assert calls == [("och i Dalarna?", {"history": [("Vad är RSS?", "Ett stöd.")], "filters": filters})]


def test_the_backend_name_is_extractive_unless_the_assistant_says_otherwise() -> None:
    assert resources.backend_name(SimpleNamespace()) == "extractive"
    assert resources.backend_name(SimpleNamespace(backend_name="llm:ollama:qwen2.5:7b")) == "llm:ollama:qwen2.5:7b"


def test_the_feedback_store_is_opened_once_per_path(tmp_path: Path) -> None:
    try:
        first = resources.feedback_store(str(tmp_path / "a.sqlite"))
        assert resources.feedback_store(str(tmp_path / "a.sqlite")) is first
        assert resources.feedback_store(str(tmp_path / "b.sqlite")) is not first
        assert first.path == tmp_path / "a.sqlite"
    finally:
        resources.feedback_store.clear()


def test_current_settings_are_read_from_the_environment_on_every_call(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_CANDIDATES", "7")
    assert resources.current_settings().candidates == 7
    monkeypatch.setenv("ASSISTANT_CANDIDATES", "8")
    assert resources.current_settings().candidates == 8
