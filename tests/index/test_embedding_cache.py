"""Tests for assistant.index.embedding_cache: unchanged texts are never embedded twice."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.index.embedding_cache import EmbeddingCache

TEXTS = ["Hemsjukvård i kommunen.", "Rehabilitering i hemmet.", "Digitala vårdmöten i Sörmland."]


def test_first_embed_embeds_everything(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    vectors, embedded = cache.embed(fake_embedder, TEXTS)
    cache.close()
    assert embedded == 3
    assert fake_embedder.passages_embedded == 3
    assert vectors.shape == (3, 64)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(vectors, fake_embedder.embed_passages(TEXTS))


def test_second_embed_of_the_same_texts_embeds_none(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    first, _ = cache.embed(fake_embedder, TEXTS)
    calls = fake_embedder.passage_calls
    second, embedded = cache.embed(fake_embedder, TEXTS)
    cache.close()
    assert embedded == 0
    assert fake_embedder.passage_calls == calls
    np.testing.assert_array_equal(first, second)


def test_cache_survives_reopening(tmp_path: Path, fake_embedder) -> None:
    first = EmbeddingCache(tmp_path / "cache.sqlite")
    first.embed(fake_embedder, TEXTS)
    first.close()
    second = EmbeddingCache(tmp_path / "cache.sqlite")
    _, embedded = second.embed(fake_embedder, list(reversed(TEXTS)))
    second.close()
    assert embedded == 0
    assert fake_embedder.passages_embedded == 3


def test_changed_text_embeds_only_that_text(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    cache.embed(fake_embedder, TEXTS)
    changed = [TEXTS[0], "Rehabilitering i hemmet och på vårdcentralen.", TEXTS[2]]
    vectors, embedded = cache.embed(fake_embedder, changed)
    cache.close()
    assert embedded == 1
    assert fake_embedder.passages_embedded == 4
    np.testing.assert_allclose(vectors[1], fake_embedder.embed_passages([changed[1]])[0])


def test_vectors_come_back_in_input_order(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    cache.embed(fake_embedder, TEXTS[:1])
    vectors, embedded = cache.embed(fake_embedder, [TEXTS[2], TEXTS[0], TEXTS[1]])
    cache.close()
    assert embedded == 2
    expected = fake_embedder.embed_passages([TEXTS[2], TEXTS[0], TEXTS[1]])
    np.testing.assert_allclose(vectors, expected)


def test_other_model_does_not_reuse_vectors(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    cache.embed(fake_embedder, TEXTS)
    fake_embedder.name = "another-model"
    _, embedded = cache.embed(fake_embedder, TEXTS)
    cache.close()
    assert embedded == 3


def test_batches_and_progress(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    seen: list[tuple[int, int]] = []
    texts = [f"Passage nummer {i} om nära vård." for i in range(5)]
    _, embedded = cache.embed(fake_embedder, texts, batch_size=2, progress=lambda d, t: seen.append((d, t)))
    cache.close()
    assert embedded == 5
    assert fake_embedder.passage_calls == 3
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_no_texts(tmp_path: Path, fake_embedder) -> None:
    cache = EmbeddingCache(tmp_path / "sub" / "cache.sqlite")
    vectors, embedded = cache.embed(fake_embedder, [])
    cache.close()
    assert embedded == 0
    assert len(vectors) == 0
    assert fake_embedder.passage_calls == 0


def test_a_text_given_twice_is_embedded_once(tmp_path, fake_embedder):
    from assistant.index.embedding_cache import EmbeddingCache

    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    vectors, embedded = cache.embed(fake_embedder, ["samma text", "annan text", "samma text"])
    cache.close()
    assert embedded == 2
    assert fake_embedder.passages_embedded == 2
    assert (vectors[0] == vectors[2]).all()
