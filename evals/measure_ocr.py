"""Measure the OCR repair step on the corpus.

Run as ``.venv/bin/python evals/measure_ocr.py`` from the repository root.
Prints the out-of-lexicon rate of the OCR document before and after repair,
the clean documents' own rate (same lexicon check), their ratio, precision on
the hand-checked repair sample and how many hand-checked untouched tokens stay
untouched.  Reads only files inside the repository.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.ingest.ocr.repair import OcrRepairer, OcrRepairResult  # noqa: E402
from assistant.ingest.ocr.tokens import alphabetic_tokens  # noqa: E402

CORPUS = REPO / "corpus"
OCR_DOCUMENT = CORPUS / "socialstyrelsen-uppfoljning-omstallningen-god-och-nara-vard-2025.txt"
REPAIR_SAMPLE = REPO / "evals" / "ocr_repair_sample.jsonl"
UNTOUCHED_SAMPLE = REPO / "evals" / "ocr_untouched_sample.jsonl"
#: Hand-checked compound words (one occurrence of each) that only compound repair can fix.
COMPOUND_SAMPLE = REPO / "evals" / "ocr_compound_sample.jsonl"

RATIO_TARGET = 1.5
PRECISION_TARGET = 0.97


@dataclass(frozen=True)
class OcrMeasurement:
    """All figures reported by this script."""

    rate_before: float
    rate_after: float
    rate_clean: float
    precision: float
    repair_sample_size: int
    compound_precision: float
    compound_sample_size: int
    untouched_kept: int
    untouched_size: int
    seconds_build: float
    seconds_repair: float

    @property
    def ratio(self) -> float:
        """Rate after repair relative to the clean documents' rate."""
        return self.rate_after / self.rate_clean if self.rate_clean else float("inf")


def clean_texts() -> list[str]:
    """The clean reference documents (every corpus .txt/.md except the OCR one)."""
    return [
        path.read_text(encoding="utf-8")
        for path in sorted(CORPUS.iterdir())
        if path.suffix in {".txt", ".md"} and path != OCR_DOCUMENT
    ]


def load_jsonl(path: Path) -> list[dict[str, object]]:
    """Read a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def unknown_rate(texts: list[str], repairer: OcrRepairer) -> float:
    """Share of alphabetic tokens (over all texts) that are not known words."""
    tokens = [token for text in texts for token in alphabetic_tokens(text)]
    unknown = sum(1 for token in tokens if not repairer.is_known_word(token))
    return unknown / len(tokens) if tokens else 0.0


def output_at(result: OcrRepairResult, text: str, offset: int, token: str) -> str:
    """What the repaired text holds in place of the input token at ``offset``."""
    if text[offset : offset + len(token)] != token:
        raise ValueError(f"sample token {token!r} not found at offset {offset}")
    for repair in result.repairs:
        if repair.start == offset:
            return repair.repaired
    return token


def repair_precision(result: OcrRepairResult, text: str, path: Path = REPAIR_SAMPLE) -> tuple[float, int]:
    """Share of a hand-checked sample's tokens whose output equals ``expected``."""
    sample = load_jsonl(path)
    correct = sum(
        1 for item in sample if output_at(result, text, int(item["offset"]), str(item["token"])) == item["expected"]
    )
    return correct / len(sample), len(sample)


def untouched_kept(result: OcrRepairResult, text: str) -> tuple[int, int]:
    """How many hand-checked correct tokens the repairer leaves as they are."""
    sample = load_jsonl(UNTOUCHED_SAMPLE)
    kept = sum(
        1 for item in sample if output_at(result, text, int(item["offset"]), str(item["token"])) == item["token"]
    )
    return kept, len(sample)


def measure() -> OcrMeasurement:
    """Build the repairer, repair the OCR document and compute all figures."""
    references = clean_texts()
    started = time.perf_counter()
    repairer = OcrRepairer(references)
    ocr_text = OCR_DOCUMENT.read_text(encoding="utf-8")
    built = time.perf_counter()
    result = repairer.repair(ocr_text)
    repaired = time.perf_counter()
    precision, sample_size = repair_precision(result, ocr_text)
    compound_precision, compound_size = repair_precision(result, ocr_text, COMPOUND_SAMPLE)
    kept, untouched_size = untouched_kept(result, ocr_text)
    # The rates use one lexicon without the clean documents' vocabulary, which
    # would otherwise make the clean documents' own rate zero by construction.
    lexicon = OcrRepairer()
    return OcrMeasurement(
        rate_before=unknown_rate([ocr_text], lexicon),
        rate_after=unknown_rate([result.text], lexicon),
        rate_clean=unknown_rate(references, lexicon),
        precision=precision,
        repair_sample_size=sample_size,
        compound_precision=compound_precision,
        compound_sample_size=compound_size,
        untouched_kept=kept,
        untouched_size=untouched_size,
        seconds_build=built - started,
        seconds_repair=repaired - built,
    )


def main() -> int:
    """Print the figures; exit status 1 when a target is missed."""
    m = measure()
    print(f"out-of-lexicon rate, OCR document before repair: {m.rate_before:.4f}")
    print(f"out-of-lexicon rate, OCR document after repair:  {m.rate_after:.4f}")
    print(f"out-of-lexicon rate, clean documents:            {m.rate_clean:.4f}")
    print(f"ratio after/clean: {m.ratio:.2f} (target <= {RATIO_TARGET})")
    print(
        f"precision on repair sample: {m.precision:.3f} "
        f"({round(m.precision * m.repair_sample_size)}/{m.repair_sample_size}, "
        f"target >= {PRECISION_TARGET})"
    )
    print(
        f"precision on compound sample: {m.compound_precision:.3f} "
        f"({round(m.compound_precision * m.compound_sample_size)}/{m.compound_sample_size}, "
        f"target >= {PRECISION_TARGET})"
    )
    print(f"untouched sample kept: {m.untouched_kept}/{m.untouched_size}")
    print(f"time: build {m.seconds_build:.1f} s, repair {m.seconds_repair:.1f} s")
    ok = (
        m.ratio <= RATIO_TARGET
        and m.precision >= PRECISION_TARGET
        and m.compound_precision >= PRECISION_TARGET
        and m.untouched_kept == m.untouched_size
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
