"""Tests for the OCR repair step (assistant.ingest.ocr.repair and the modules it ties together)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.ingest.ocr.repair import OcrRepairer, OcrRepairResult  # noqa: E402
from evals import measure_ocr  # noqa: E402

CORPUS = REPO / "corpus"
OCR_DOCUMENT = CORPUS / "socialstyrelsen-uppfoljning-omstallningen-god-och-nara-vard-2025.txt"


@pytest.fixture(scope="module")
def repairer() -> OcrRepairer:
    """A repairer built with the clean corpus documents as reference."""
    return OcrRepairer(measure_ocr.clean_texts())


@pytest.fixture(scope="module")
def document_result(repairer: OcrRepairer) -> OcrRepairResult:
    """The repair of the whole OCR document (computed once)."""
    return repairer.repair(OCR_DOCUMENT.read_text(encoding="utf-8"))


def repaired(repairer: OcrRepairer, text: str) -> str:
    return repairer.repair(text).text


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("f6lja", "följa"),
        ("néra vérd", "nära vård"),
        ("en 6kning av antalet", "en ökning av antalet"),
        ("det &r viktigt", "det är viktigt"),
        ("Uppfoéljning av arbetet", "Uppföljning av arbetet"),
        ("omstéllningen", "omställningen"),
        ("omstillningen", "omställningen"),
        ("hdlso- och sjukvarden", "hälso- och sjukvården"),
        ("frdgan om", "frågan om"),
        ("Forord", "Förord"),
        ("god och nara vard", "god och nära vård"),
    ],
)
def test_damage_patterns(repairer: OcrRepairer, damaged: str, expected: str) -> None:
    assert repaired(repairer, damaged) == expected


def test_a_short_lower_case_token_is_still_repaired_by_a_merged_pair(repairer: OcrRepairer) -> None:
    assert repaired(repairer, "arbetet pad kliniken") == "arbetet på kliniken"


def test_standalone_one_becomes_preposition(repairer: OcrRepairer) -> None:
    text = "omstéllningen 1 hdlso- och sjukvarden"
    assert repaired(repairer, text) == "omställningen i hälso- och sjukvården"


def test_ar_after_number_is_year(repairer: OcrRepairer) -> None:
    assert repaired(repairer, "personer 65 ar och dldre") == "personer 65 år och äldre"
    assert repaired(repairer, "Detta ar viktigt") == "Detta är viktigt"


def test_case_is_kept(repairer: OcrRepairer) -> None:
    assert repaired(repairer, "Néra vérd") == "Nära vård"
    assert repaired(repairer, "OMSTALLNINGEN") == "OMSTÄLLNINGEN"


@pytest.mark.parametrize(
    "text",
    [
        "1 100 invånare",
        "under 2024 och 2025",
        "se https://www.socialstyrelsen.se/statistik-och-data/ för mer",
        "Johanna Jupiter och Louise Strandendahl",
        "Kontakta SKR eller HSL 7 kap. 3 a §",
        "Den 1 juli 2025",
        "Hälsomottagning i Ria-stugan",  # a short name is no merged pair ("Rå")
    ],
)
def test_numbers_urls_names_untouched(repairer: OcrRepairer, text: str) -> None:
    result = repairer.repair(text)
    assert result.text == text
    assert result.repairs == ()


def test_offsets_refer_to_input(repairer: OcrRepairer) -> None:
    text = "Omstéllningen &r en del av néra vérd."
    result = repairer.repair(text)
    assert result.text == "Omställningen är en del av nära vård."
    assert [(r.original, r.repaired) for r in result.repairs] == [
        ("Omstéllningen", "Omställningen"),
        ("&r", "är"),
        ("néra", "nära"),
        ("vérd", "vård"),
    ]
    for repair in result.repairs:
        assert text[repair.start : repair.end] == repair.original


def test_repair_is_deterministic(repairer: OcrRepairer) -> None:
    text = "Malet ar att patienten far en god, nira och samordnad vard."
    assert repairer.repair(text) == repairer.repair(text)


def test_is_known_word(repairer: OcrRepairer) -> None:
    assert repairer.is_known_word("omställningen")
    assert repairer.is_known_word("Förord")
    assert not repairer.is_known_word("omstéllningen")
    assert not repairer.is_known_word("f6lja")


def test_repair_sample_precision(document_result: OcrRepairResult) -> None:
    text = OCR_DOCUMENT.read_text(encoding="utf-8")
    precision, size = measure_ocr.repair_precision(document_result, text)
    assert size == 200
    assert precision >= measure_ocr.PRECISION_TARGET


def test_compound_sample_precision(document_result: OcrRepairResult) -> None:
    text = OCR_DOCUMENT.read_text(encoding="utf-8")
    precision, size = measure_ocr.repair_precision(document_result, text, measure_ocr.COMPOUND_SAMPLE)
    assert size >= 70
    assert precision >= measure_ocr.PRECISION_TARGET


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # The head is productive in the lexicon (kärnkraft, kärnfamilj …), not in the clean documents.
        ("kdrnindikatorer", "kärnindikatorer"),
        ("karnindikatorn", "kärnindikatorn"),
        # A long final part from the lexicon, and a genitive "s" after it.
        ("slutenvardsperioder", "slutenvårdsperioder"),
        ("vardgarantins", "vårdgarantins"),
        ("beddémningen", "bedömningen"),
    ],
)
def test_compound_repairs(repairer: OcrRepairer, damaged: str, expected: str) -> None:
    assert repaired(repairer, damaged) == expected


def test_a_capital_i_read_for_l_in_mid_sentence(repairer: OcrRepairer) -> None:
    assert repaired(repairer, "att traffa Iakare i sarskilt boende") == "att träffa läkare i särskilt boende"
    assert repaired(repairer, "minst ett Iakemedel") == "minst ett läkemedel"
    assert repaired(repairer, "Inom regionen och Inera") == "Inom regionen och Inera"  # words and names stay


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("En fast vrdkontakt ska utses", "En fast vårdkontakt ska utses"),  # a dropped å
        ("enligt verenskommelsen och utifrn den", "enligt överenskommelsen och utifrån den"),
        ("Sveriaes Kommuner och Reaioner", "Sveriges Kommuner och Regioner"),  # g read as a
        ("ger mgjligheten att", "ger möjligheten att"),  # ö read as g
    ],
)
def test_a_dropped_or_misread_letter(repairer: OcrRepairer, damaged: str, expected: str) -> None:
    assert repaired(repairer, damaged) == expected


@pytest.mark.parametrize("word", ["digifysiskt", "hyrstopp", "principalkomponentanalyser"])
def test_unknown_undamaged_compounds_stay(repairer: OcrRepairer, word: str) -> None:
    assert repaired(repairer, word) == word


def test_untouched_sample_stays(document_result: OcrRepairResult) -> None:
    text = OCR_DOCUMENT.read_text(encoding="utf-8")
    kept, size = measure_ocr.untouched_kept(document_result, text)
    assert size == 100
    assert kept == size


def test_hand_checked_samples_are_consistent() -> None:
    """The evaluation files point at the tokens they name."""
    text = OCR_DOCUMENT.read_text(encoding="utf-8")
    for path in (measure_ocr.REPAIR_SAMPLE, measure_ocr.UNTOUCHED_SAMPLE, measure_ocr.COMPOUND_SAMPLE):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            offset, token = int(item["offset"]), item["token"]
            assert text[offset : offset + len(token)] == token


def test_out_of_lexicon_ratio(document_result: OcrRepairResult) -> None:
    lexicon = OcrRepairer()
    clean_rate = measure_ocr.unknown_rate(measure_ocr.clean_texts(), lexicon)
    before = measure_ocr.unknown_rate([OCR_DOCUMENT.read_text(encoding="utf-8")], lexicon)
    after = measure_ocr.unknown_rate([document_result.text], lexicon)
    assert before > 5 * clean_rate
    assert after / clean_rate <= measure_ocr.RATIO_TARGET
