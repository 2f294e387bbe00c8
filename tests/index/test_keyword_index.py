"""Tests for assistant.index.keyword_index: Swedish tokens, decompounding, BM25 search, filters, persistence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.index.keyword_index import KeywordIndex, tokenize, words

DOCS = {
    "samordning": (
        "Samordning mellan huvudmännen följs med en indikator. Varje indikator visar hur samordning fungerar."
    ),
    "hemtjanst": "Hemtjänsten i kommunen ger stöd till äldre personer i hemmet varje dag.",
    "fall": "Fallskador bland äldre förebyggs med balansträning på vårdcentralen.",
    "satsning": "Satsningarna på primärvården ska öka tillgängligheten för invånarna.",
}


@pytest.fixture(scope="module")
def index() -> KeywordIndex:
    return KeywordIndex.build(list(DOCS), list(DOCS.values()))


def test_words_are_lower_case() -> None:
    assert words("Nära Vård, 2035!") == ["nära", "vård", "2035"]


def test_tokenize_folds_diacritics() -> None:
    assert tokenize("vård") == tokenize("vard") == ["vard"]
    assert tokenize("Öppen vård") == tokenize("oppen vard")


def test_tokenize_stems() -> None:
    assert tokenize("satsningar") == tokenize("satsningen") == tokenize("satsning") == ["satsning"]


def test_tokenize_drops_stopwords() -> None:
    assert tokenize("och i att det som") == []
    assert tokenize("vården och omsorgen") == ["vard", "omsorg"]


def test_tokenize_adds_compound_parts_with_a_decompounder(index: KeywordIndex) -> None:
    # The Snowball stemmer cuts "-or": "indikator" -> "indikat".
    assert tokenize("samordningsindikator") == ["samordningsindikat"]
    assert tokenize("samordningsindikator", index.decompounder) == ["samordningsindikat", "samordning", "indikat"]


def test_search_finds_the_matching_document(index: KeywordIndex) -> None:
    hits = index.search("balansträning mot fallskador", k=3)
    assert hits[0][0] == "fall"
    assert len(hits) == 1
    assert hits[0][1] > 0


def test_search_matches_without_diacritics(index: KeywordIndex) -> None:
    assert index.search("hemtjanst for aldre", k=1)[0][0] == "hemtjanst"


def test_search_matches_other_inflections(index: KeywordIndex) -> None:
    assert index.search("satsningen", k=1)[0][0] == "satsning"


def test_search_with_unknown_words_finds_nothing(index: KeywordIndex) -> None:
    assert index.search("fotboll", k=5) == []
    assert index.search("och att", k=5) == []


def test_compound_query_finds_a_document_with_its_parts(index: KeywordIndex) -> None:
    hits = index.search("samordningsindikator", k=2)
    assert hits[0][0] == "samordning"


def test_definite_compound_query_finds_a_document_using_the_inflected_tail() -> None:
    texts = [
        "Samordning mellan huvudmännen följs med indikatorn. Indikatorn visar hur samordning fungerar.",
        "Hemtjänsten i kommunen ger stöd till äldre.",
    ]
    index = KeywordIndex.build(["a", "b"], texts)
    assert [cid for cid, _ in index.search("samordningsindikatorn", k=2)] == ["a"]


def test_samordningsindikatorn_finds_a_document_with_samordning_and_indikator(index: KeywordIndex) -> None:
    hits = index.search("samordningsindikatorn", k=2)
    assert hits and hits[0][0] == "samordning"


def test_allowed_mask_filters_rows(index: KeywordIndex) -> None:
    query = "äldre"
    assert {cid for cid, _ in index.search(query, k=5)} == {"hemtjanst", "fall"}
    mask = np.array([1.0, 0.0, 1.0, 1.0])  # rows: samordning, hemtjanst, fall, satsning
    assert [cid for cid, _ in index.search(query, k=5, allowed=mask)] == ["fall"]
    nothing = np.zeros(4)
    assert index.search(query, k=5, allowed=nothing) == []


def test_k_limits_the_hits(index: KeywordIndex) -> None:
    assert len(index.search("äldre", k=1)) == 1


def test_save_and_load_roundtrip(index: KeywordIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "keyword")
    loaded = KeywordIndex.load(tmp_path / "keyword")
    assert loaded.chunk_ids == list(DOCS)
    for query in ("balansträning", "hemtjanst for aldre", "samordningsindikator", "satsningen"):
        assert loaded.search(query, k=4) == index.search(query, k=4)
    assert loaded.decompounder.counts == index.decompounder.counts
    assert loaded.decompounder.split("samordningsindikator") == ("samordning", "indikator")


def test_a_definite_plural_in_ena_meets_its_other_forms():
    assert len(set(tokenize("målområdena målområden målområde"))) == 1
    assert tokenize("områdena") == tokenize("området")


def test_a_question_spelling_a_hard_c_with_k_finds_the_passage_spelling_it_with_c() -> None:
    texts = ["Inom samverkansstrukturen finns tre närvårdscoordinatorer.", "Regionen har en budget för sjukhusen."]
    index = KeywordIndex.build(["a", "b"], texts)
    assert index.search("hur många närvårdskoordinatorer finns?", k=1)[0][0] == "a"
