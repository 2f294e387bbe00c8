"""Tests for the OCR repair lexicon (assistant.ingest.ocr.lexicon): folding index, shipped Hunspell verdicts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from assistant.ingest.ocr import lexicon
from assistant.ingest.ocr.lexicon import SHIPPED_ANSWERS, HunspellAnswers, Lexicon
from assistant.text.folding import fold_letters


def test_every_shipped_verdict_is_the_dictionarys_own() -> None:
    """The verdicts a fresh clone repairs with are what the dictionary says: the repair is the same."""
    data = json.loads(gzip.decompress(SHIPPED_ANSWERS.read_bytes()))
    assert data["dictionary_sha256"] == lexicon._dictionary_hash() != ""
    assert data["accepted"] and data["rejected"]
    dictionary = lexicon._hunspell_dictionary()
    assert [bool(dictionary.lookup(w)) for w in data["accepted"]] == [True] * len(data["accepted"])
    assert [bool(dictionary.lookup(w)) for w in data["rejected"]] == [False] * len(data["rejected"])


def test_shipped_verdicts_are_given_without_the_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_hunspell_dictionary", _no_dictionary)
    shipped = tmp_path / "answers.json.gz"
    answers = HunspellAnswers(tmp_path / "none.json.gz")
    answers.given = {"kärnindikatorer": True, "kdrnindikatorer": False}
    assert answers.write(shipped) == 2

    again = HunspellAnswers(shipped)
    assert again.accepts("kärnindikatorer") and not again.accepts("kdrnindikatorer")
    assert again.looked_up == 0


@pytest.mark.parametrize(
    "content", [b"not gzip", gzip.compress(b'{"dictionary_sha256": "another", "accepted": ["kdrn"], "rejected": []}')]
)
def test_a_damaged_file_or_one_from_another_dictionary_is_not_used(tmp_path: Path, content: bytes) -> None:
    shipped = tmp_path / "answers.json.gz"
    shipped.write_bytes(content)
    answers = HunspellAnswers(shipped)
    assert answers.accepts("hemsjukvård") == bool(lexicon._hunspell_dictionary().lookup("hemsjukvård"))
    assert not answers.accepts("kdrn") and answers.looked_up == 2


def test_the_folding_index_finds_what_an_index_of_every_word_finds() -> None:
    words = Lexicon(["särteam", "kärnindikator", "Åre"])
    every: dict[str, set[str]] = {}
    for word in words.words:
        every.setdefault(fold_letters(word), set()).add(word)
    assert {key: set(words._with_key(key)) for key in every} == every
    assert words.matching("kdrnindikator") == ["kärnindikator"]


def _no_dictionary():
    raise AssertionError("the dictionary was loaded")
