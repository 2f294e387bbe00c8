"""Faults: kill -9 mid-build, two builds at once, the index lost or damaged in use, the embedder missing or failing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FakeEmbedder

from assistant.core import Assistant
from assistant.errors import BuildInProgressError, EmbedderError, IndexDamagedError, IndexMissingError
from assistant.index import store as index_store
from assistant.index.build import build_index
from assistant.settings import Settings

TESTS = Path(__file__).resolve().parents[1]  # the folder of conftest.py, which the child imports
REPO = TESTS.parent
DAMAGED = "Indexet saknas eller är skadat"
QUESTION = "Hur ofta följer distriktssköterskorna upp hemsjukvården?"
NEW_DOCUMENT = "ambulans-2024.md"

# A build in its own process whose embedder hangs on the second batch, after announcing it in a file.
CHILD_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path[:0] = [{tests!r}, {repo!r}]
    from conftest import FakeEmbedder
    from assistant.index.build import build_index
    from assistant.settings import Settings

    class HangingEmbedder(FakeEmbedder):
        def embed_passages(self, texts):
            if self.passage_calls >= 1:
                Path({marker!r}).write_text("embedding", encoding="utf-8")
                time.sleep(600)
            return super().embed_passages(texts)

    build_index(Settings.load(), embedder=HangingEmbedder())
    """
)


@pytest.fixture
def settings(tiny_corpus: Path) -> Settings:
    return Settings.load(corpus_dir=str(tiny_corpus))


def add_long_document(corpus: Path) -> None:
    """A document of many passages, so the child's embedding runs over several batches."""
    sections = [
        f"## Station {n}\n\nAmbulansstation {n} i Sörmland får en ny helikopterplatta och fler sjuksköterskor. "
        + "Bemanningen planeras tillsammans med kommunerna i länet. " * 15
        for n in range(40)
    ]
    (corpus / NEW_DOCUMENT).write_text("# Ambulanssjukvård\n\n" + "\n\n".join(sections), encoding="utf-8")


@contextmanager
def build_hanging_in_child(settings: Settings) -> Iterator[subprocess.Popen]:
    """A build in another process, held mid-embedding (its first batch is already in the cache)."""
    marker = Path(settings.index_dir).parent / f"embedding-started-{time.monotonic_ns()}"
    script = CHILD_BUILD.format(tests=str(TESTS), repo=str(REPO), marker=str(marker))
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": settings.corpus_dir, "ASSISTANT_INDEX_DIR": settings.index_dir}
    child = subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            if child.poll() is not None:
                pytest.fail(f"the child build ended early: {child.stderr.read().decode(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail("the child build never reached its second embedding batch")
            time.sleep(0.05)
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stderr.close()


def live_snapshot(settings: Settings) -> tuple[Path, list[str]]:
    build_dir = index_store.current_build_dir(settings.index_path)
    return build_dir, sorted(c.chunk_id for c in index_store.read_chunks(build_dir))


def test_kill_9_during_a_build_leaves_the_live_index_live_and_complete(
    settings: Settings, tiny_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    first = build_index(settings, embedder=fake_embedder)
    before = live_snapshot(settings)
    add_long_document(tiny_corpus)

    with build_hanging_in_child(settings) as child:
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL

    assert live_snapshot(settings) == before
    assert index_store.current_build_dir(settings.index_path) == Path(first.build_dir)
    # The build folder is made only after the embedding: a build killed mid-embedding leaves nothing behind.
    assert [p.name for p in (settings.index_path / "builds").iterdir()] == [Path(first.build_dir).name]
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert assistant.search("distriktssköterskorna hemsjukvården", k=1)[0].doc_id == "hemsjukvard-2021"
    assert all(p.doc_id != "ambulans-2024" for p in assistant.search("ambulansstation helikopterplatta", k=5))
    assert "två gånger per år" in assistant.ask(QUESTION).answer

    # The lock died with the killed process: a new build runs, goes live and clears the abandoned folder.
    report = assistant.rebuild()
    assert report.documents == 4
    assert [p.name for p in (settings.index_path / "builds").iterdir()] == [Path(report.build_dir).name]
    assert assistant.search("ambulansstation helikopterplatta", k=1)[0].doc_id == "ambulans-2024"


def test_a_second_build_while_another_process_builds_refuses_at_once(
    settings: Settings, tiny_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    build_index(settings, embedder=fake_embedder)
    add_long_document(tiny_corpus)
    with build_hanging_in_child(settings):
        with pytest.raises(BuildInProgressError) as raised:
            build_index(settings, embedder=fake_embedder)
    assert raised.value.user_message == "En annan indexering pågår redan. Vänta tills den är klar och försök igen."
    assert fake_embedder.passages_embedded == 3  # only the first build embedded anything


# -- the index lost or damaged while an Assistant is open ----------------------------------------


def delete_index_folder(settings: Settings) -> None:
    shutil.rmtree(settings.index_path)


def garble_vector_database(settings: Settings) -> None:
    database = index_store.current_build_dir(settings.index_path) / "chroma" / "chroma.sqlite3"
    database.write_bytes(b"not a database " * 1000)


def garble_pointer(settings: Settings) -> None:
    (settings.index_path / index_store.CURRENT_POINTER).write_text("{not json", encoding="utf-8")


def delete_passages_file(settings: Settings) -> None:
    (index_store.current_build_dir(settings.index_path) / "chunks.jsonl").unlink()


DAMAGE = {
    "index folder deleted": delete_index_folder,
    "vector database overwritten": garble_vector_database,
    "current.json garbled": garble_pointer,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_in_use_gives_a_clear_message_and_rebuild_recovers(
    damage: str, settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert "två gånger per år" in assistant.ask(QUESTION).answer
    DAMAGE[damage](settings)

    for _ in range(3):  # the same clear message every time, no retry storm and no crash
        with pytest.raises(IndexDamagedError) as raised:
            assistant.ask(QUESTION)
        assert raised.value.user_message.startswith(DAMAGED)
        assert "assistant ingest --force" in raised.value.user_message
        assert isinstance(raised.value, IndexMissingError)  # handlers for a missing index also catch it

    assistant.rebuild()
    assert "två gånger per år" in assistant.ask(QUESTION).answer


@pytest.mark.parametrize("damage", [*DAMAGE, "passages file deleted"])
def test_opening_a_damaged_index_rebuilds_it(damage: str, settings: Settings, fake_embedder: FakeEmbedder) -> None:
    build_index(settings, embedder=fake_embedder)
    {**DAMAGE, "passages file deleted": delete_passages_file}[damage](settings)
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert "två gånger per år" in assistant.ask(QUESTION).answer


def test_damaged_index_without_an_embedder_says_so_instead_of_crashing(
    settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(settings, embedder=fake_embedder)
    garble_vector_database(settings)
    with pytest.raises(IndexDamagedError) as raised:
        Assistant.from_config(Settings.load(corpus_dir=settings.corpus_dir, embedder="sentence-transformers:/saknas"))
    assert raised.value.user_message.startswith(DAMAGED)
    assert "/saknas" in raised.value.user_message  # and why it cannot be rebuilt right now


def test_a_rebuild_by_another_process_is_followed(
    settings: Settings, tiny_corpus: Path, fake_embedder: FakeEmbedder
) -> None:
    reader = Assistant.from_config(settings, embedder=fake_embedder)
    old_build = reader.retriever.build_dir
    (tiny_corpus / "ny-rapport.md").write_text(
        "# Ambulanssjukvård\n\nAmbulanserna i Sörmland får nya helikoptrar.\n", encoding="utf-8"
    )
    Assistant.from_config(settings, embedder=fake_embedder).rebuild()
    assert not old_build.exists()  # the switch removed the folder the reader had open
    assert reader.search("helikoptrar ambulanserna", k=1)[0].doc_id == "ny-rapport"
    assert reader.retriever.build_dir != old_build


# -- the embedding model missing or failing -------------------------------------------------------


@pytest.mark.parametrize(
    ("embedder", "named"),
    [("sentence-transformers:/modeller/finns-inte", "/modeller/finns-inte"), ("nanoe6", "nanoe6")],
)
def test_missing_embedding_model_is_named_and_keyword_search_still_answers(
    embedder: str, named: str, settings: Settings, fake_embedder: FakeEmbedder
) -> None:
    build_index(settings, embedder=fake_embedder)
    assistant = Assistant.from_config(Settings.load(corpus_dir=settings.corpus_dir, embedder=embedder))
    assert named in assistant.embedder_error
    assert assistant.retriever.embedder is None
    assert assistant.search("distriktssköterskorna hemsjukvården", k=1)[0].doc_id == "hemsjukvard-2021"
    assert "två gånger per år" in assistant.ask(QUESTION).answer


def test_missing_embedding_model_and_no_index_names_the_model(settings: Settings) -> None:
    with pytest.raises(IndexMissingError) as raised:
        Assistant.from_config(Settings.load(corpus_dir=settings.corpus_dir, embedder="sentence-transformers:/borta"))
    assert "Det finns inget index" in raised.value.user_message
    assert "/borta" in raised.value.user_message


class FailingEmbedder(FakeEmbedder):
    """Embeds the first build, then fails on every call, as a crashed model server would."""

    broken = False

    def embed_passages(self, texts):
        if self.broken:
            raise RuntimeError("model process crashed")
        return super().embed_passages(texts)

    def embed_query(self, text):
        if self.broken:
            raise RuntimeError("model process crashed")
        return super().embed_query(text)


def test_failing_embedding_model_keyword_search_answers_and_a_build_fails_clearly(
    settings: Settings, tiny_corpus: Path
) -> None:
    embedder = FailingEmbedder()
    assistant = Assistant.from_config(settings, embedder=embedder)
    live = live_snapshot(settings)
    embedder.broken = True

    assert "två gånger per år" in assistant.ask(QUESTION).answer
    assert assistant.search("fysioterapeuter", k=1)[0].ranks == {"keyword": 1}

    add_long_document(tiny_corpus)
    with pytest.raises(EmbedderError) as raised:
        assistant.rebuild()
    assert raised.value.user_message == (
        "Inbäddningsmodellen fake-hash-embedder fungerade inte under indexeringen; "
        "det tidigare indexet används fortfarande."
    )
    assert "model process crashed" in raised.value.cause
    assert live_snapshot(settings) == live
    assert "två gånger per år" in assistant.ask(QUESTION).answer
