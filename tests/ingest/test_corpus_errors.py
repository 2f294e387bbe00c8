"""A damaged manifest.json or a corpus with nothing to read: one Swedish message, exit code 2, the index untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import AssistantError, CorpusError, EmptyCorpusError, ManifestError
from assistant.index import embedders, store
from assistant.index.build import build_index
from assistant.ingest.corpus import ingest_corpus
from assistant.ingest.manifest import read_manifest
from assistant.settings import Settings


def _entry(**fields) -> dict:
    return {"doc_id": "a", "file": "a.txt", "title": "A", **fields}


MANIFESTS: dict[str, tuple[bytes, str]] = {
    "bad json": (b'{"documents": [', "ogiltig JSON på rad 1, kolumn 16"),
    "a list instead of an object": (b"[]", 'ska vara ett JSON-objekt med en lista "documents"'),
    "documents not a list": (b'{"documents": {"a": 1}}', 'ska vara ett JSON-objekt med en lista "documents"'),
    "an entry that is not an object": (b'{"documents": ["a.txt"]}', 'post 1 i "documents" är inte ett JSON-objekt'),
    "missing title": (json.dumps({"documents": [{"doc_id": "a", "file": "a.txt"}]}).encode(), 'saknar fältet "title"'),
    "missing doc_id": (json.dumps({"documents": [{"file": "a.txt", "title": "A"}]}).encode(), 'saknar fältet "doc_id"'),
    "a number as title": (json.dumps({"documents": [_entry(title=5)]}).encode(), 'saknar fältet "title"'),
    "a list as publisher": (json.dumps({"documents": [_entry(publisher=[])]}).encode(), '"publisher" ska vara en text'),
    "a path as file": (json.dumps({"documents": [_entry(file="../a.txt")]}).encode(), '"file" ska vara ett filnamn'),
    "bad lost_headings": (json.dumps({"documents": [_entry(lost_headings=[1])]}).encode(), '"lost_headings" ska vara'),
    "cp1252 instead of utf-8": (
        json.dumps({"documents": [_entry(title="Färdplan")]}, ensure_ascii=False).encode("cp1252"),
        "filen är inte sparad som UTF-8",
    ),
    "one id twice": (
        json.dumps({"documents": [_entry(), _entry(file="b.txt")]}).encode(),
        "dokument-id 'a' används av både a.txt och b.txt",
    ),
    "one file twice": (
        json.dumps({"documents": [_entry(), _entry(doc_id="b")]}).encode(),
        "filen a.txt står i två poster",
    ),
}


@pytest.mark.parametrize("case", list(MANIFESTS))
def test_a_malformed_manifest_is_one_swedish_message_naming_the_file(case: str, tmp_path: Path) -> None:
    content, problem = MANIFESTS[case]
    (tmp_path / "a.txt").write_text("Text om hemsjukvård.", encoding="utf-8")
    (tmp_path / "manifest.json").write_bytes(content)
    with pytest.raises(ManifestError) as raised:
        read_manifest(tmp_path)
    message = raised.value.user_message
    assert message.startswith(f"{tmp_path / 'manifest.json'}: ")
    assert problem in message
    assert message.endswith(
        "Rätta manifestet och kör `assistant ingest` igen; det tidigare indexet används under tiden."
    )


def test_a_manifest_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_bytes(b"\xef\xbb\xbf" + json.dumps({"documents": [_entry()]}).encode())
    assert read_manifest(tmp_path)["a.txt"].doc_id == "a"


def test_an_empty_corpus_says_so(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"documents": []}', encoding="utf-8")
    with pytest.raises(EmptyCorpusError) as raised:
        ingest_corpus(tmp_path, 1000)
    assert "innehåller inga dokument (.txt, .md eller .pdf)" in raised.value.user_message


def test_a_corpus_where_every_file_is_skipped_lists_each_reason(tmp_path: Path) -> None:
    (tmp_path / "tom.txt").write_bytes(b"")
    (tmp_path / "bild.txt").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "lank.txt").symlink_to("/etc/hostname")
    with pytest.raises(EmptyCorpusError) as raised:
        ingest_corpus(tmp_path, 1000)
    lines = raised.value.user_message.splitlines()
    assert lines[0] == f"Inget dokument i {tmp_path} kunde läsas in; alla filer hoppades över:"
    assert lines[1:4] == [
        "  bild.txt: filen ser ut att vara binär, inte text.",
        "  lank.txt: är en symbolisk länk; länkar följs aldrig. Kopiera in själva filen i stället.",
        "  tom.txt: filen är tom.",
    ]


def test_a_missing_corpus_folder_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as raised:
        ingest_corpus(tmp_path / "saknas", 1000)
    assert "finns inte" in raised.value.user_message and "ASSISTANT_CORPUS_DIR" in raised.value.user_message


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, fake_embedder) -> None:
    monkeypatch.setitem(embedders._REGISTRY, "test-fake", lambda _argument: fake_embedder)
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-fake")


@pytest.mark.parametrize("damage", ["bad json", "a list instead of an object", "missing title", "empty corpus"])
def test_ingest_command_reports_and_leaves_the_live_index_alone(
    damage: str, tiny_corpus: Path, cli_env, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings.load(corpus_dir=str(tiny_corpus))
    live = build_index(settings).build_dir
    if damage == "empty corpus":
        for path in tiny_corpus.iterdir():
            if path.suffix != ".json":
                path.write_bytes(b"")
    else:
        (tiny_corpus / "manifest.json").write_bytes(MANIFESTS[damage][0])
    capsys.readouterr()
    assert main(["ingest", "--corpus", str(tiny_corpus), "--force"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("Fel: ") and "Traceback" not in err
    assert str(store.current_build_dir(settings.index_path)) == live


def test_every_corpus_error_is_an_assistant_error() -> None:
    assert issubclass(ManifestError, AssistantError) and issubclass(EmptyCorpusError, CorpusError)
