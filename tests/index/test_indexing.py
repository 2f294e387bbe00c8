"""Tests for assistant.index.build and assistant.index.store: builds, incremental updates, lock, atomic switch."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from conftest import PDF_NAME, TXT_NAME, TXT_TEXT

from assistant.core import Assistant
from assistant.errors import BuildInProgressError, IndexMissingError
from assistant.index import store as index_store
from assistant.index.build import build_index
from assistant.index.keyword_index import KeywordIndex
from assistant.ingest.corpus import SkippedDocument
from assistant.settings import PROJECT_ROOT, Settings


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


def test_build_then_search_finds_the_right_document(settings: Settings, fake_embedder) -> None:
    report = build_index(settings, embedder=fake_embedder)
    assert report.documents == 3
    assert report.chunks == 3
    assert report.embedded == 3
    assert report.up_to_date is False
    assert report.skipped == []
    build_dir = Path(report.build_dir)
    assert build_dir.parent == settings.index_path / "builds"
    assert index_store.current_build_dir(settings.index_path) == build_dir
    for name in ("meta.json", "chunks.jsonl", "documents.json", "keyword", "chroma"):
        assert (build_dir / name).exists(), name
    meta = json.loads((build_dir / "meta.json").read_text(encoding="utf-8"))
    assert meta["embedder"] == "fake-hash-embedder"
    assert meta["collection"] == f"passages-{build_dir.name}"

    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert assistant.search("distriktssköterskorna hemsjukvården", k=1)[0].doc_id == "hemsjukvard-2021"
    assert assistant.search("fysioterapeuter arbetsterapeuter", k=1)[0].doc_id == "rehab-fardplan-2023"
    assert assistant.search("videobesöken vårdcentralerna", k=1)[0].doc_id == "digital-vard-sormland-2024"


def test_build_writes_document_summaries(settings: Settings, fake_embedder) -> None:
    report = build_index(settings, embedder=fake_embedder)
    summaries = json.loads((Path(report.build_dir) / "documents.json").read_text(encoding="utf-8"))
    by_id = {s["doc_id"]: s for s in summaries}
    assert set(by_id) == {"hemsjukvard-2021", "rehab-fardplan-2023", "digital-vard-sormland-2024"}
    assert by_id["digital-vard-sormland-2024"]["title"] == "Digital vård i Sörmland"
    assert by_id["hemsjukvard-2021"]["passages"] == 1


def test_index_is_never_written_to_the_repository_index(settings: Settings, fake_embedder) -> None:
    assert not settings.index_path.resolve().is_relative_to(PROJECT_ROOT)
    build_index(settings, embedder=fake_embedder)
    assert (settings.index_path / "current.json").is_file()


def test_unchanged_corpus_is_up_to_date_without_embedding(settings: Settings, fake_embedder) -> None:
    first = build_index(settings, embedder=fake_embedder)
    embedded_before = fake_embedder.passages_embedded
    second = build_index(settings, embedder=fake_embedder)
    assert second.up_to_date is True
    assert second.embedded == 0
    assert second.build_dir == first.build_dir
    assert second.documents == 3
    assert fake_embedder.passages_embedded == embedded_before
    assert len(list((settings.index_path / "builds").iterdir())) == 1


def test_force_rebuilds_but_reuses_cached_vectors(settings: Settings, fake_embedder) -> None:
    first = build_index(settings, embedder=fake_embedder)
    forced = build_index(settings, embedder=fake_embedder, force=True)
    assert forced.up_to_date is False
    assert forced.build_dir != first.build_dir
    assert forced.embedded == 0
    assert not Path(first.build_dir).exists()  # older builds are removed after the switch


def test_changing_one_document_reembeds_only_its_chunks(settings: Settings, tiny_corpus: Path, fake_embedder) -> None:
    build_index(settings, embedder=fake_embedder)
    changed = TXT_TEXT.replace("rapporterar avvikelser till nämnden", "rapporterar avvikelser till socialnämnden")
    (tiny_corpus / TXT_NAME).write_text(changed, encoding="utf-8")
    before = fake_embedder.passages_embedded
    report = build_index(settings, embedder=fake_embedder)
    assert report.up_to_date is False
    assert report.embedded == 1
    assert fake_embedder.passages_embedded - before == 1
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert assistant.search("socialnämnden", k=1)[0].doc_id == "hemsjukvard-2021"


def test_build_lock_held_makes_a_second_build_fail_at_once(settings: Settings, fake_embedder) -> None:
    with index_store.build_lock(settings.index_path):
        started = time.perf_counter()
        with pytest.raises(BuildInProgressError) as raised:
            build_index(settings, embedder=fake_embedder)
        assert time.perf_counter() - started < 2.0
    assert "pågår" in raised.value.user_message
    assert fake_embedder.passages_embedded == 0
    # The lock is released afterwards.
    assert build_index(settings, embedder=fake_embedder).documents == 3


def test_failed_build_leaves_the_previous_index_live(
    settings: Settings, tiny_corpus: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_index(settings, embedder=fake_embedder)
    (tiny_corpus / TXT_NAME).write_text(TXT_TEXT.replace("nämnden", "kommunstyrelsen"), encoding="utf-8")

    def broken_build(cls, chunk_ids, texts):
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(KeywordIndex, "build", classmethod(broken_build))
        with pytest.raises(RuntimeError, match="disk full"):
            build_index(settings, embedder=fake_embedder)

    assert index_store.current_build_dir(settings.index_path) == Path(first.build_dir)
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    hits = assistant.search("distriktssköterskorna", k=1)
    assert hits[0].doc_id == "hemsjukvard-2021"
    assert "nämnden" in hits[0].text
    # The next build succeeds and clears the half-built directory.
    report = build_index(settings, embedder=fake_embedder)
    assert [p.name for p in (settings.index_path / "builds").iterdir()] == [Path(report.build_dir).name]


def test_unlisted_file_is_reported(settings: Settings, fake_embedder) -> None:
    report = build_index(settings, embedder=fake_embedder)
    assert report.unlisted == [PDF_NAME]


def test_bad_file_is_skipped_with_a_swedish_reason(settings: Settings, tiny_corpus: Path, fake_embedder) -> None:
    (tiny_corpus / "trasig-rapport.pdf").write_bytes(random.Random(3).randbytes(2048))
    report = build_index(settings, embedder=fake_embedder)
    assert report.skipped == [
        SkippedDocument("trasig-rapport.pdf", "trasig-rapport.pdf: PDF-filen är trasig och kan inte läsas.")
    ]
    assert report.documents == 3
    assert report.chunks == 3
    assert "trasig-rapport.pdf" in report.unlisted
    meta = json.loads((Path(report.build_dir) / "meta.json").read_text(encoding="utf-8"))
    assert meta["skipped"][0]["file"] == "trasig-rapport.pdf"


def test_too_large_file_is_skipped(settings: Settings, tiny_corpus: Path, fake_embedder) -> None:
    (tiny_corpus / "jattestor.txt").write_text("vård " * 300_000, encoding="utf-8")  # 1.8 MB
    report = build_index(Settings.load(corpus_dir=str(tiny_corpus), max_file_mb=1), embedder=fake_embedder)
    assert [s.file for s in report.skipped] == ["jattestor.txt"]
    assert "1 MB" in report.skipped[0].reason
    assert report.documents == 3


def test_no_index_yet_is_an_index_missing_error(settings: Settings) -> None:
    with pytest.raises(IndexMissingError) as raised:
        index_store.current_build_dir(settings.index_path)
    assert "assistant ingest" in raised.value.user_message


def test_pointer_to_an_incomplete_build_is_an_index_missing_error(settings: Settings) -> None:
    build_dir = index_store.new_build_dir(settings.index_path)
    index_store.switch_to(settings.index_path, build_dir)
    with pytest.raises(IndexMissingError, match="meta.json"):
        index_store.current_build_dir(settings.index_path)


def test_switch_to_replaces_the_pointer_and_removes_old_builds(tmp_path: Path) -> None:
    old = index_store.new_build_dir(tmp_path)
    (old / "meta.json").write_text("{}", encoding="utf-8")
    index_store.switch_to(tmp_path, old)
    new = index_store.new_build_dir(tmp_path)
    (new / "meta.json").write_text("{}", encoding="utf-8")
    index_store.switch_to(tmp_path, new)
    assert json.loads((tmp_path / "current.json").read_text(encoding="utf-8")) == {"build": new.name}
    assert index_store.current_build_dir(tmp_path) == new
    assert not old.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".current")] == []


def test_chunks_roundtrip(settings: Settings, fake_embedder) -> None:
    report = build_index(settings, embedder=fake_embedder)
    chunks = index_store.read_chunks(Path(report.build_dir))
    assert {c.doc_id for c in chunks} == {"hemsjukvard-2021", "rehab-fardplan-2023", "digital-vard-sormland-2024"}
    pdf_chunk = next(c for c in chunks if c.doc_id == "digital-vard-sormland-2024")
    assert pdf_chunk.page == 1
    assert pdf_chunk.year == 2024
    assert "Sjukvården i Sörmland" in pdf_chunk.text


def test_an_index_from_an_older_pipeline_is_rebuilt_when_opened(settings: Settings, fake_embedder) -> None:
    first = build_index(settings, embedder=fake_embedder)
    meta_path = Path(first.build_dir) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["pipeline_version"]  # as written before the version was recorded
    meta["fingerprint"] = "older"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    embedded_before = fake_embedder.passages_embedded

    assistant = Assistant.from_config(settings, embedder=fake_embedder)

    assert assistant.retriever.build_dir != Path(first.build_dir)
    assert fake_embedder.passages_embedded == embedded_before  # vectors came from the cache
    assert assistant.search("nämnden", k=1)
