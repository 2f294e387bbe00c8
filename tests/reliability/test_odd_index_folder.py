"""An index folder whose name holds characters a URI reads (#, ?, %) and spaces: the build, search and table
tools all work in it, and nothing is created beside it (issue #14: the tools silently answered nothing)."""

from __future__ import annotations

from pathlib import Path

from assistant.core import Assistant
from assistant.index.build import build_index
from assistant.index.store import current_build_dir, read_json
from assistant.settings import Settings
from assistant.tables.store import DB_NAME, read_table


def test_build_search_and_tables_in_a_folder_named_with_uri_characters(
    tiny_corpus: Path, tmp_path: Path, fake_embedder
) -> None:
    parent = tmp_path / "drift"
    parent.mkdir()
    index_dir = parent / "index #1 ?mode=rw %41 b"
    (tiny_corpus / "ordlista.md").write_text(
        "# Ordlista\n\nNämnden för samverkan kring socialtjänst och vård (NSV) beslutar om färdplanen.\n",
        encoding="utf-8",
    )
    settings = Settings.load(corpus_dir=str(tiny_corpus), index_dir=str(index_dir))
    build_index(settings, embedder=fake_embedder)
    build_dir = current_build_dir(index_dir)
    counts = read_json(build_dir / "meta.json")["tables"]
    assert counts.get("glossary", 0) >= 1
    for table, count in counts.items():
        assert len(read_table(build_dir / DB_NAME, table)) == count
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert assistant.search("hemsjukvård i hemmet", k=1)[0].doc_id == "hemsjukvard-2021"
    assert assistant.tables.term("NSV").found
    assert sorted(p.name for p in parent.iterdir()) == [index_dir.name]
