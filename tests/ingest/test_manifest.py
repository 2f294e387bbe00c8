"""Tests for assistant.ingest.manifest: manifest entries, unlisted files and their fallback metadata."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import MD_NAME, PDF_NAME, TXT_NAME

from assistant.ingest.manifest import discover_documents, info_from_file, read_manifest, slugify


def test_manifest_entries_carry_their_metadata(tiny_corpus: Path) -> None:
    entries = read_manifest(tiny_corpus)
    assert set(entries) == {TXT_NAME, MD_NAME}
    txt = entries[TXT_NAME]
    assert txt.doc_id == "hemsjukvard-2021"
    assert txt.title == "Hemsjukvård i kommunen"
    assert txt.publisher == "Kommunen"
    assert txt.date == "2021-05-01"
    assert txt.year == 2021
    assert txt.kind == "rapport"
    assert txt.language == "sv"
    assert txt.page_marks == "formfeed"
    assert txt.from_manifest is True
    assert txt.path == str(tiny_corpus / TXT_NAME)


def test_unlisted_file_is_found_with_a_warning(tiny_corpus: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="assistant.ingest.manifest"):
        infos = discover_documents(tiny_corpus)
    assert [Path(i.path).name for i in infos] == sorted([TXT_NAME, MD_NAME, PDF_NAME])
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"{PDF_NAME} saknas i manifestet; metadata tas från filen."]
    unlisted = next(i for i in infos if Path(i.path).name == PDF_NAME)
    assert unlisted.from_manifest is False
    assert unlisted.doc_id == "digital-vard-sormland-2024"
    assert unlisted.title == "Digital vard sormland 2024"
    assert unlisted.date == "2024"
    assert unlisted.year == 2024
    assert unlisted.kind == "okänd"
    listed = [i for i in infos if i.from_manifest]
    assert {i.doc_id for i in listed} == {"hemsjukvard-2021", "rehab-fardplan-2023"}


def test_manifest_entry_without_file_is_warned_about(tiny_corpus: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tiny_corpus / TXT_NAME).unlink()
    with caplog.at_level(logging.WARNING, logger="assistant.ingest.manifest"):
        infos = discover_documents(tiny_corpus)
    assert TXT_NAME not in [Path(i.path).name for i in infos]
    assert any(r.getMessage() == f"Manifestet nämner {TXT_NAME} men filen finns inte." for r in caplog.records)


def test_unsupported_files_and_folders_are_ignored(tiny_corpus: Path) -> None:
    (tiny_corpus / "anteckningar.docx").write_bytes(b"PK\x03\x04")
    (tiny_corpus / "bilder").mkdir()
    (tiny_corpus / "bilder" / "inne.txt").write_text("Ska inte med.", encoding="utf-8")
    names = [Path(i.path).name for i in discover_documents(tiny_corpus)]
    assert names == sorted([TXT_NAME, MD_NAME, PDF_NAME])


def test_corpus_without_manifest_takes_all_metadata_from_files(tmp_path: Path) -> None:
    (tmp_path / "Färdplan_Nära_vård_2025.TXT").write_text("Text.", encoding="utf-8")
    infos = discover_documents(tmp_path)
    assert len(infos) == 1
    info = infos[0]
    assert info.doc_id == "fardplan-nara-vard-2025"
    assert info.title == "Färdplan nära vård 2025"
    assert info.date == "2025"
    assert info.from_manifest is False


def test_manifest_optional_fields(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    manifest = {
        "documents": [
            {"doc_id": "a", "file": "a.txt", "title": "A", "date": 2019, "ocr": True, "page_marks": "leading-space"}
        ]
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    info = read_manifest(tmp_path)["a.txt"]
    assert info.date == "2019"
    assert info.year == 2019
    assert info.ocr is True
    assert info.page_marks == "leading-space"
    assert info.publisher == ""


def test_info_from_file_without_year(tmp_path: Path) -> None:
    info = info_from_file(tmp_path / "minnesanteckningar-pensionarsrad.md")
    assert info.date == ""
    assert info.year is None
    assert info.title == "Minnesanteckningar pensionarsrad"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Färdplan Nära vård 2025", "fardplan-nara-vard-2025"),
        ("__Öppna  jämförelser__", "oppna-jamforelser"),
        ("Socialstyrelsen – Uppföljning (2025)", "socialstyrelsen-uppfoljning-2025"),
        ("§§§", "dokument"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
