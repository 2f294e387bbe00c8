"""Tests for the vectors shipped with a corpus (assistant.index.shipped_vectors) and their use by the build."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import REPO, TXT_NAME, TXT_TEXT, FakeEmbedder

from assistant.index.build import build_index, ingest_configured, live_state
from assistant.index.embedders import create_embedder
from assistant.index.embedding_cache import EmbeddingCache, text_hash
from assistant.index.shipped_vectors import read_shipped, ship_corpus_vectors, shipped_path
from assistant.index.store import read_chunks
from assistant.ingest.ocr import lexicon
from assistant.settings import Settings


class OtherModel(FakeEmbedder):
    name = "another-model"


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


def _fresh(settings: Settings, tmp_path: Path, name: str) -> Settings:
    return Settings.load(corpus_dir=settings.corpus_dir, index_dir=str(tmp_path / name))


def test_a_fresh_index_folder_takes_every_vector_from_the_shipped_file(settings: Settings, tmp_path: Path) -> None:
    shipped = ship_corpus_vectors(settings, embedder=FakeEmbedder())
    assert shipped.passages == 3 and shipped.embedded == 3
    assert shipped.path == shipped_path(settings.corpus_path, FakeEmbedder.name) and shipped.path.is_file()

    fresh = _fresh(settings, tmp_path, "fresh")
    embedder = FakeEmbedder()
    report = build_index(fresh, embedder=embedder, keyword_first=True)
    assert report.shipped == 3 and report.embedded == 0 and report.new_passages == 0
    assert embedder.passages_embedded == 0
    assert live_state(fresh.index_path).complete

    # the vectors are the model's own, bit for bit: the index equals a locally embedded one
    chunks = read_chunks(Path(report.build_dir))
    cache = EmbeddingCache(fresh.index_path / "embedding_cache.sqlite")
    try:
        vectors, _ = cache.embed(embedder, [c.index_text for c in chunks])
    finally:
        cache.close()
    expected = FakeEmbedder().embed_passages([c.index_text for c in chunks])
    assert embedder.passages_embedded == 0
    np.testing.assert_array_equal(vectors, expected)
    assert read_shipped(settings.corpus_path, FakeEmbedder.name).vectors.shape == expected.shape


def test_only_passages_whose_text_changed_are_embedded(settings: Settings, tmp_path: Path) -> None:
    ship_corpus_vectors(settings, embedder=FakeEmbedder())
    (settings.corpus_path / TXT_NAME).write_text(TXT_TEXT.replace("två gånger per år", "fyra gånger per år"))

    fresh = _fresh(settings, tmp_path, "changed")
    embedder = FakeEmbedder()
    report = build_index(fresh, embedder=embedder)
    assert (report.shipped, report.embedded, embedder.passages_embedded) == (2, 1, 1)


def test_vectors_of_another_model_are_not_used(settings: Settings, tmp_path: Path) -> None:
    ship_corpus_vectors(settings, embedder=FakeEmbedder())
    # a file under the other model's name that holds this model's vectors is refused as well
    shipped_path(settings.corpus_path, FakeEmbedder.name).rename(shipped_path(settings.corpus_path, OtherModel.name))
    embedder = OtherModel()
    report = build_index(_fresh(settings, tmp_path, "other"), embedder=embedder)
    assert (report.shipped, report.embedded, embedder.passages_embedded) == (0, 3, 3)


def test_a_damaged_file_only_means_the_passages_are_embedded(settings: Settings, tmp_path: Path) -> None:
    shipped_path(settings.corpus_path, FakeEmbedder.name).write_bytes(b"PK\x03\x04 not a zip")
    embedder = FakeEmbedder()
    report = build_index(_fresh(settings, tmp_path, "damaged"), embedder=embedder)
    assert (report.shipped, report.embedded) == (0, 3)
    assert not any("vectors" in s.file for s in report.skipped)  # the file is no document


def test_writing_again_reuses_the_shipped_vectors_and_drops_passages_that_are_gone(settings: Settings) -> None:
    ship_corpus_vectors(settings, embedder=FakeEmbedder())
    (settings.corpus_path / TXT_NAME).unlink()
    again = ship_corpus_vectors(_fresh(settings, settings.corpus_path.parent, "rewrite"), embedder=FakeEmbedder())
    assert (again.passages, again.embedded) == (2, 0)


def test_the_bundled_corpus_ships_a_vector_for_every_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails when the chunks changed since `assistant ship-vectors` last ran: run it and commit the files.

    The shipped Hunspell verdicts of its OCR repair answer every word the ingest asks about, too.
    """
    answers = lexicon.HunspellAnswers(lexicon.SHIPPED_ANSWERS)
    monkeypatch.setattr(lexicon, "HUNSPELL_ANSWERS", answers)
    settings = Settings.load(environ={}, corpus_dir=str(REPO / "corpus"))
    shipped = read_shipped(settings.corpus_path, create_embedder(settings.embedder).name)
    assert shipped is not None
    corpus = ingest_configured(settings)
    assert answers.given and answers.looked_up == 0
    missing = {text_hash(c.index_text) for c in corpus.chunks} - set(shipped.hashes)
    assert not missing, f"{len(missing)} of {len(corpus.chunks)} passages have no shipped vector"
    assert shipped.vectors.shape[1] == 384 and shipped_path(settings.corpus_path, shipped.model).stat().st_size < 3e6
