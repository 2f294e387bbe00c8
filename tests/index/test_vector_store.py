"""Tests for assistant.index.vector_store: Chroma as a local PersistentClient and over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.index.build import build_index
from assistant.index.vector_store import VectorStore, chunk_metadata, drop_collection, open_client
from assistant.models import Chunk
from assistant.retrieval.hybrid import SearchFilters
from assistant.settings import Settings


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


CHUNKS = [
    Chunk("hem:1", "hem", "Hemsjukvård", "Inledning", "Hemsjukvård i kommunen.", 0, 23, 1, "rapport", 2021),
    Chunk("hem:2", "hem", "Hemsjukvård", "Uppföljning", "Uppföljning varje år.", 24, 45, 2, "rapport", 2021),
    Chunk("rehab:1", "rehab", "Rehabilitering", "Mål", "Team runt patienten.", 0, 20, None, "färdplan", 2023),
    Chunk("okand:1", "okand", "Okänd", "", "Utan år.", 0, 8, None, "", None),
]
VECTORS = np.vstack([unit(1, 0, 0, 0), unit(1, 1, 0, 0), unit(0, 0, 1, 0), unit(0, 0, 0, 1)])


def test_chunk_metadata_leaves_out_missing_values() -> None:
    assert chunk_metadata(CHUNKS[0]) == {
        "doc_id": "hem",
        "kind": "rapport",
        "section": "Inledning",
        "year": 2021,
        "page": 1,
    }
    assert chunk_metadata(CHUNKS[3]) == {"doc_id": "okand", "kind": "", "section": ""}


def test_open_client_needs_a_path_or_url() -> None:
    with pytest.raises(ValueError):
        open_client()


def check_store(client) -> None:
    store = VectorStore.create(client, "passages-test", CHUNKS, VECTORS)
    assert store.count() == 4
    hits = store.search(unit(1, 0, 0, 0), k=2)
    assert [cid for cid, _ in hits] == ["hem:1", "hem:2"]
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
    assert hits[1][1] == pytest.approx(0.7071, abs=1e-3)  # cosine of 45 degrees
    by_doc = store.search(unit(1, 0, 0, 0), k=5, where={"doc_id": {"$in": ["rehab"]}})
    assert [cid for cid, _ in by_doc] == ["rehab:1"]
    assert by_doc[0][1] == pytest.approx(0.0, abs=1e-4)
    by_year = store.search(unit(0, 0, 0, 1), k=5, where={"year": 2021})
    assert sorted(cid for cid, _ in by_year) == ["hem:1", "hem:2"]
    where = SearchFilters(kinds=("färdplan", "rapport"), years=(2023,)).chroma_where()
    assert [cid for cid, _ in store.search(unit(1, 0, 0, 0), k=5, where=where)] == ["rehab:1"]
    assert len(store.search(unit(0, 1, 0, 0), k=10)) == 4  # k larger than the collection
    reopened = VectorStore(client, "passages-test")
    assert reopened.count() == 4
    drop_collection(client, "passages-test")
    drop_collection(client, "passages-test")  # dropping twice is harmless
    assert "passages-test" not in [c.name for c in client.list_collections()]


def test_persistent_client_create_search_filter(tmp_path: Path) -> None:
    client = open_client(tmp_path / "chroma")
    check_store(client)


def test_persistent_store_survives_a_new_client(tmp_path: Path) -> None:
    VectorStore.create(open_client(tmp_path / "chroma"), "passages-kvar", CHUNKS, VECTORS)
    store = VectorStore(open_client(tmp_path / "chroma"), "passages-kvar")
    assert store.search(unit(0, 0, 1, 0), k=1)[0][0] == "rehab:1"


def test_empty_collection_returns_no_hits(tmp_path: Path) -> None:
    store = VectorStore.create(open_client(tmp_path / "chroma"), "passages-tom", [], np.zeros((0, 4)))
    assert store.search(unit(1, 0, 0, 0), k=3) == []


def test_search_is_exact_and_the_same_from_every_new_client(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = [Chunk(f"d:{i}", "d", "T", "S", f"Text {i}.", 0, 1, None, "rapport", 2021) for i in range(300)]
    VectorStore.create(open_client(tmp_path / "chroma"), "passages-exakt", chunks, vectors)
    query = unit(*rng.normal(size=16))
    expected = [f"d:{i}" for i in np.argsort(-(vectors @ query))[:40]]
    for _ in range(2):  # a new process opens the store with a new client
        store = VectorStore(open_client(tmp_path / "chroma"), "passages-exakt")
        assert [cid for cid, _ in store.search(query, k=40)] == expected


# --- a real Chroma server ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory):
    binary = Path(sys.executable).parent / "chroma"
    if not binary.exists():
        pytest.skip(f"no chroma executable next to {sys.executable}")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data.parent / f"chroma-{port}.log", "wb")
    process = subprocess.Popen(
        [str(binary), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"chroma run exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma server did not answer its heartbeat within 60 s")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.mark.server
def test_http_client_create_search_filter(chroma_url: str, tmp_path: Path) -> None:
    client = open_client(tmp_path / "unused", url=chroma_url)
    check_store(client)
    assert not (tmp_path / "unused").exists()


@pytest.mark.server
def test_build_and_search_against_a_chroma_server(chroma_url: str, tiny_corpus: Path, fake_embedder) -> None:
    settings = Settings.load(corpus_dir=str(tiny_corpus), chroma_url=chroma_url)
    assert settings.chroma_url == chroma_url
    report = build_index(settings, embedder=fake_embedder)
    assert report.documents == 3
    assert not (Path(report.build_dir) / "chroma").exists()
    client = open_client(url=chroma_url)
    collection = f"passages-{Path(report.build_dir).name}"
    assert collection in [c.name for c in client.list_collections()]

    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    top = assistant.search("videobesöken ökar på vårdcentralerna", k=1)[0]
    assert top.doc_id == "digital-vard-sormland-2024"
    assert top.ranks == {"keyword": 1, "vector": 1}
    filtered = assistant.search("vård", k=5, filters=SearchFilters(doc_ids=("hemsjukvard-2021",)))
    assert [p.doc_id for p in filtered] == ["hemsjukvard-2021"]
    vector_only = assistant.retriever.vector_search("vård", k=5, filters=SearchFilters(years=(2023,)))
    assert [p.doc_id for p in vector_only] == ["rehab-fardplan-2023"]

    rebuilt = build_index(settings, embedder=fake_embedder, force=True)
    names = [c.name for c in client.list_collections()]
    assert f"passages-{Path(rebuilt.build_dir).name}" in names
    assert collection not in names  # the previous build's collection is dropped on the server
    drop_collection(client, f"passages-{Path(rebuilt.build_dir).name}")
