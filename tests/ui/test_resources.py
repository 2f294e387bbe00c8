"""Tests for assistant.ui.resources: the shared Assistant over the background build, its progress and errors."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FakeEmbedder
from streamlit.testing.v1 import AppTest

from assistant.errors import AssistantError
from assistant.index import background_build
from assistant.index.build import build_index, live_state
from assistant.index.build_progress import EMBED, read_progress
from assistant.retrieval.hybrid import SearchFilters
from assistant.settings import Settings
from assistant.ui import resources

OPENED = SimpleNamespace(name="the shared assistant")


def _open() -> None:
    import streamlit as st

    from assistant.ui import resources

    settings = resources.current_settings()
    st.session_state["opened"] = resources.open_assistant(settings)
    st.markdown("after the assistant")
    resources.show_build_notice(settings)


def _run() -> AppTest:
    app = AppTest.from_function(_open, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


class GatedEmbedder(FakeEmbedder):
    """The fake embedder, registered as `test-gated`: embeds only after the test opens the gate."""

    instances: list[GatedEmbedder] = []
    gate = threading.Event()

    def __init__(self) -> None:
        super().__init__()
        GatedEmbedder.instances.append(self)

    def embed_passages(self, texts):
        assert GatedEmbedder.gate.wait(60), "the test never opened the gate"
        return super().embed_passages(texts)


@pytest.fixture
def gated(app_env, monkeypatch: pytest.MonkeyPatch) -> type[GatedEmbedder]:
    """The app's embedder waits for GatedEmbedder.gate; every build_index call is counted."""
    from assistant.index import embedders

    GatedEmbedder.instances, GatedEmbedder.gate = [], threading.Event()
    monkeypatch.setitem(embedders._REGISTRY, "test-gated", lambda _argument: GatedEmbedder())
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-gated")
    yield GatedEmbedder
    GatedEmbedder.gate.set()


def _statuses(app: AppTest) -> list[str]:
    return [s.label for s in app.status]


def test_without_an_index_the_page_waits_for_the_keyword_only_build_then_opens(app_env) -> None:
    app = _run()
    assert any(label.startswith("Indexet är klart för") for label in _statuses(app)), _statuses(app)
    assert "3 dokument, 3 passager" in " ".join(_statuses(app))
    assert app.session_state["opened"].ask("Hur ofta följer distriktssköterskorna upp hemsjukvården?").citations
    assert "after the assistant" in [m.value for m in app.markdown]


def test_a_session_that_ends_neither_stops_nor_restarts_the_build(gated, isolated_environment, monkeypatch) -> None:
    calls = []
    real_build = background_build.build_index
    monkeypatch.setattr(background_build, "build_index", lambda *a, **k: calls.append(1) or real_build(*a, **k))
    first = _run()  # a tab opens, sees the keyword-only build, and closes: its session is over
    assert "Indexet är klart för nyckelordssökning: 3 dokument, 3 passager." in _statuses(first)
    assert resources.KEYWORD_ONLY_NOTICE in _statuses(first)
    worker = background_build.ensure_started(Settings.load())
    assert worker.alive  # the build outlived the session that started it
    assert read_progress(isolated_environment).phase == EMBED

    second = _run()  # another tab: the same build's progress, no second build
    assert resources.KEYWORD_ONLY_NOTICE in _statuses(second)
    assert not any(label.startswith("Indexet byggs") for label in _statuses(second))
    assert len(calls) == 1

    gated.gate.set()
    worker.join(60)
    assert live_state(isolated_environment).complete
    # each passage embedded once, by the one build: never restarted
    assert sum(e.passages_embedded for e in gated.instances) == 3
    third = _run()
    assert resources.KEYWORD_ONLY_NOTICE not in _statuses(third)
    assert len(calls) == 1
    hits = third.session_state["opened"].search("hemsjukvården", k=3)
    assert any("vector" in p.ranks for p in hits)  # the open Assistant went hybrid by itself


def test_a_script_run_stopped_during_the_first_build_leaves_the_build_running(app_env, monkeypatch) -> None:
    from assistant.index import build

    gate, reached = threading.Event(), threading.Event()
    real_tables = build.build_tables

    def gated_tables(*args, **kwargs):
        reached.set()
        assert gate.wait(60), "the test never opened the gate"
        return real_tables(*args, **kwargs)

    monkeypatch.setattr(build, "build_tables", gated_tables)
    calls = []
    real_build = background_build.build_index
    monkeypatch.setattr(background_build, "build_index", lambda *a, **k: calls.append(1) or real_build(*a, **k))
    app = AppTest.from_function(_open, default_timeout=3)
    with pytest.raises(RuntimeError, match="timed out"):
        app.run()  # the tab waits for the first build, then its script run is stopped (as a closed tab)
    assert reached.wait(60)
    worker = background_build.ensure_started(Settings.load())
    assert worker.alive and not live_state(Settings.load().index_path).searchable
    gate.set()
    worker.join(60)
    assert live_state(Settings.load().index_path).complete and len(calls) == 1
    assert "after the assistant" in [m.value for m in _run().markdown]
    assert len(calls) == 1


def test_a_failed_vector_build_says_so_keeps_keyword_answers_and_can_be_retried(app_env, monkeypatch) -> None:
    from assistant.index import embedders

    class Broken(FakeEmbedder):
        def embed_passages(self, texts):
            raise RuntimeError("model file truncated")

    monkeypatch.setitem(embedders._REGISTRY, "test-broken", lambda _argument: Broken())
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-broken")
    app = _run()
    background_build.ensure_started(Settings.load()).join(60)
    app.run()
    assert not app.exception, app.exception
    failed = [label for label in _statuses(app) if label.startswith("Vektorsökningen kunde inte byggas")]
    assert failed and "Inbäddningsmodellen" in failed[0] and "truncated" not in failed[0]
    assert app.session_state["opened"].ask("Hur ofta följer distriktssköterskorna upp hemsjukvården?").citations

    monkeypatch.setitem(embedders._REGISTRY, "test-broken", lambda _argument: FakeEmbedder())  # fixed; retry
    app.button(key="retry-vector-build").click().run()
    background_build.ensure_started(Settings.load()).join(60)
    assert live_state(Settings.load().index_path).complete


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (AssistantError("Dokumentmappen saknas.", "no such folder /x"), "Dokumentmappen saknas."),
        (RuntimeError("no such folder /x"), "Indexeringen misslyckades"),
    ],
)
def test_a_first_build_that_fails_stops_the_page_with_a_swedish_message(
    app_env, monkeypatch, caplog, error, shown
) -> None:
    def failing_build(settings, embedder=None, progress=None, force=False, keyword_first=False):
        raise error

    monkeypatch.setattr(background_build, "build_index", failing_build)
    app = _run()
    [message] = [e.value for e in app.error]
    assert message.startswith(shown)
    assert "after the assistant" not in [m.value for m in app.markdown]  # st.stop()
    assert "no such folder /x" in caplog.text and "no such folder" not in message
    assert [b.label for b in app.button] == ["Försök bygga indexet igen"]


def test_an_existing_index_is_opened_without_building(tiny_corpus, fake_embedder, monkeypatch) -> None:
    build_index(Settings.load(corpus_dir=str(tiny_corpus)), embedder=fake_embedder)
    monkeypatch.setattr(background_build, "build_index", lambda *a, **k: pytest.fail("built again"))
    monkeypatch.setattr(resources, "_cached_assistant", lambda settings: OPENED)
    app = _run()
    assert not app.status
    assert app.session_state["opened"] is OPENED


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


def test_the_catalogue_of_a_build_switched_away_and_removed_is_read_from_the_live_one(
    tiny_corpus, fake_embedder
) -> None:
    from assistant.core import Assistant

    settings = Settings.load(corpus_dir=str(tiny_corpus))
    first = build_index(settings, embedder=fake_embedder)
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    second = build_index(settings, embedder=fake_embedder, force=True)  # the first build's folder is removed
    assert not Path(first.build_dir).exists() and assistant.retriever.build_dir == Path(first.build_dir)

    build_dir, entries = resources.live_catalog(assistant)

    assert build_dir == str(second.build_dir) == str(assistant.retriever.build_dir)
    assert len(entries) == second.documents


def _chat_page() -> None:
    from assistant.ui import chat

    chat.render()


def test_a_failure_on_the_chat_page_is_a_swedish_message(app_env, monkeypatch) -> None:
    from assistant.ui.page_guard import PAGE_FAILED

    def broken(settings):
        raise RuntimeError("boom")

    monkeypatch.setattr(resources, "open_assistant", broken)
    app = AppTest.from_function(_chat_page, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [PAGE_FAILED]
