"""A corpus folder an attacker or a careless admin prepared: links out of it, clashing ids, odd entries.

Each case builds its own corpus (the tiny one plus the hostile entries) and the real index with the
fake embedder, and checks what is indexed, what is skipped and why (in Swedish).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.errors import DocumentError
from assistant.index.build import build_index
from assistant.ingest.corpus import ingest_corpus
from assistant.ingest.corpus_files import list_files
from assistant.ingest.loaders import load_document
from assistant.ingest.manifest import info_from_file, list_corpus
from assistant.settings import Settings

SECRET = "root:x:0:0:hemligt lösenord för servern\n"
LINK_REASON = "är en symbolisk länk; länkar följs aldrig. Kopiera in själva filen i stället."


@pytest.fixture
def outside_file(tmp_path: Path) -> Path:
    """A file outside the corpus folder, standing for /etc/passwd."""
    secret = tmp_path / "utanfor" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _build(corpus: Path, embedder) -> tuple[Settings, object]:
    settings = Settings.load(corpus_dir=str(corpus))
    return settings, build_index(settings, embedder=embedder)


def test_link_to_a_file_outside_the_corpus_is_skipped_and_never_indexed(
    tiny_corpus: Path, outside_file: Path, fake_embedder
) -> None:
    (tiny_corpus / "passwd.txt").symlink_to(outside_file)
    settings, report = _build(tiny_corpus, fake_embedder)
    assert [(s.file, s.reason) for s in report.skipped] == [("passwd.txt", f"passwd.txt: {LINK_REASON}")]
    assert report.documents == 3
    hits = Assistant.from_config(settings, embedder=fake_embedder).search("root hemligt lösenord servern", k=10)
    assert all("root:x" not in p.text for p in hits)


def test_links_inside_the_corpus_and_to_folders_are_skipped_too(tiny_corpus: Path, tmp_path: Path) -> None:
    # Every link is refused, not only those leading out: the target can change after the check.
    (tiny_corpus / "kopia.txt").symlink_to(tiny_corpus / "hemsjukvard-i-kommunen-2021.txt")
    (tiny_corpus / "relativ.md").symlink_to("rehabilitering-fardplan-2023.md")
    (tiny_corpus / "mapplank").symlink_to(tmp_path)
    (tiny_corpus / "trasig.txt").symlink_to(tmp_path / "finns-inte.txt")
    listing = list_corpus(tiny_corpus)
    assert sorted(s.file for s in listing.skipped) == ["kopia.txt", "mapplank", "relativ.md", "trasig.txt"]
    assert all(LINK_REASON in s.reason for s in listing.skipped)
    assert len(listing.documents) == 3


def test_a_manifest_entry_whose_file_is_a_link_is_skipped(tiny_corpus: Path, outside_file: Path) -> None:
    listed = tiny_corpus / "hemsjukvard-i-kommunen-2021.txt"
    listed.unlink()
    listed.symlink_to(outside_file)
    corpus = ingest_corpus(tiny_corpus, 1000)
    assert [s.file for s in corpus.skipped] == [listed.name]
    assert all("root:x" not in c.text for c in corpus.chunks)


def test_a_linked_manifest_is_refused(tiny_corpus: Path, outside_file: Path) -> None:
    from assistant.errors import ManifestError

    manifest = tiny_corpus / "manifest.json"
    manifest.unlink()
    manifest.symlink_to(outside_file)
    with pytest.raises(ManifestError, match="symbolisk länk"):
        list_corpus(tiny_corpus)


def test_a_file_swapped_for_a_link_after_listing_is_refused_at_load(tmp_path: Path, outside_file: Path) -> None:
    path = tmp_path / "rapport.txt"
    path.write_text("Rapport om hemsjukvård.", encoding="utf-8")
    info = info_from_file(path)
    path.unlink()
    path.symlink_to(outside_file)
    with pytest.raises(DocumentError) as raised:
        load_document(info)
    assert raised.value.user_message == "rapport.txt: är en symbolisk länk; länkar följs aldrig."


def test_hidden_and_lock_files_and_sub_folders_are_reported(tmp_path: Path) -> None:
    (tmp_path / "rapport.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / ".dold.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "~$rapport.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "bilagor").mkdir()
    (tmp_path / "bild.png").write_bytes(b"\x89PNG")
    os.mkfifo(tmp_path / "ror.txt")  # reading a FIFO would block the build forever
    files, skipped = list_files(tmp_path, (".txt", ".md", ".pdf"))
    assert [f.name for f in files] == ["rapport.txt"]
    assert {s.file: s.reason for s in skipped} == {
        ".dold.txt": ".dold.txt: är en dold fil och läses inte in. Byt namn på den om den ska med.",
        "~$rapport.txt": "~$rapport.txt: är en låsfil från ett kontorsprogram, inte ett dokument.",
        "bilagor/": "bilagor/: är en undermapp; dokument i undermappar läses inte in. "
        "Lägg dem direkt i dokumentmappen.",
        "ror.txt": "ror.txt: är inte en vanlig fil.",
    }


def test_two_files_with_the_same_slug_get_distinct_ids_and_the_build_succeeds(tiny_corpus: Path, fake_embedder) -> None:
    (tiny_corpus / "Rapport om läkarbesök 2024.txt").write_text(
        "Läkarbesöken i hemmet ökade under 2024 i Flen.", encoding="utf-8"
    )
    (tiny_corpus / "rapport-om-lakarbesok-2024.txt").write_text(
        "Läkarbesöken i hemmet minskade under 2024 i Gnesta.", encoding="utf-8"
    )
    settings, report = _build(tiny_corpus, fake_embedder)
    assert report.documents == 5 and report.skipped == []
    ids = {Path(d.path).name: d.doc_id for d in list_corpus(tiny_corpus).documents}
    assert ids["Rapport om läkarbesök 2024.txt"] == "rapport-om-lakarbesok-2024"
    assert ids["rapport-om-lakarbesok-2024.txt"] == "rapport-om-lakarbesok-2024-2"
    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    assert {p.doc_id for p in assistant.search("läkarbesöken i hemmet 2024", k=5)} >= {
        "rapport-om-lakarbesok-2024",
        "rapport-om-lakarbesok-2024-2",
    }


def test_an_unlisted_file_named_like_a_manifest_id_does_not_take_it_over(tiny_corpus: Path, fake_embedder) -> None:
    (tiny_corpus / "hemsjukvard-2021.txt").write_text(
        "Ring supporten och ange ditt lösenord för att få hemsjukvård.", encoding="utf-8"
    )
    listing = list_corpus(tiny_corpus)
    ids = {Path(d.path).name: d.doc_id for d in listing.documents}
    assert ids["hemsjukvard-i-kommunen-2021.txt"] == "hemsjukvard-2021"  # the manifest wins
    assert ids["hemsjukvard-2021.txt"] == "hemsjukvard-2021-2"
    assert listing.warnings == [
        "hemsjukvard-2021.txt: dokument-id hemsjukvard-2021 används redan av hemsjukvard-i-kommunen-2021.txt; "
        "filen får id hemsjukvard-2021-2. Ge filen ett eget namn eller en rad i manifestet."
    ]
    settings, _report = _build(tiny_corpus, fake_embedder)
    from assistant.retrieval.hybrid import SearchFilters

    assistant = Assistant.from_config(settings, embedder=fake_embedder)
    only_report = SearchFilters(doc_ids=("hemsjukvard-2021",))
    assert all("lösenord" not in p.text for p in assistant.search("lösenord supporten", k=10, filters=only_report))


def test_a_suffixed_id_skips_ids_already_taken(tmp_path: Path) -> None:
    for name in ("a b.txt", "a-b.txt", "a-b-2.txt", "A_B.md"):
        (tmp_path / name).write_text("Text.", encoding="utf-8")
    ids = [d.doc_id for d in list_corpus(tmp_path).documents]
    assert len(set(ids)) == 4
    assert sorted(ids) == ["a-b", "a-b-2", "a-b-3", "a-b-4"]
