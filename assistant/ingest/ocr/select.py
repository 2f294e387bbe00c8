"""Decide which documents need OCR repair and hand the cleaning stage a repair function."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from assistant.models import Document

Repair = Callable[[str], list[tuple[int, int, str]]]

log = logging.getLogger(__name__)


def ocr_repair_for(documents: Sequence[Document]) -> Callable[[Document], Repair | None]:
    """A chooser: for each document, a repair function when it is OCR-damaged, else None.

    A document is repaired when the manifest marks it as OCR, or when it is unlisted and its
    rate of non-words says it is damaged. The clean documents serve as the preferred vocabulary.
    """
    from assistant.ingest.ocr.damage import looks_ocr_damaged
    from assistant.ingest.ocr.repair import OcrRepairer

    damaged = {id(d) for d in documents if d.info.ocr or (not d.info.from_manifest and looks_ocr_damaged(d.text))}
    if not damaged:
        return lambda document: None
    repairer = OcrRepairer([d.text for d in documents if id(d) not in damaged])

    def repair(text: str) -> list[tuple[int, int, str]]:
        result = repairer.repair(text)
        log.info("OCR repair changed %d tokens", len(result.repairs))
        return [(r.start, r.end, r.repaired) for r in result.repairs]

    return lambda document: repair if id(document) in damaged else None
