"""assistant.ingest.table_text: two-column tables that PDF extraction flattened into alternating lines
are rejoined row by row."""

from __future__ import annotations

from assistant.ingest.mapped_text import MappedText
from assistant.ingest.table_text import rejoin_alternating_tables

FLATTENED = (
    "Av tabell 1 framgår urvalet.\n"
    "Tabell 1. Tre indikatorer för målen\n"
    "Indikator\n"
    "Nyckelord (mål)\n"
    "Förtroende för hälso- och sjukvården\n"
    "Tillgänglig, Kontinuitet\n"
    "Medicinsk bedömning inom tre dagar\n"
    "Tillgänglig\n"
    "Överbeläggningar och utlokaliseringar\n"
    "Tillgänglig, Stärker hälsan\n"
    "Från och med i år har indikatorn ändrats.\n"
)


def test_rows_are_rejoined_under_their_header():
    rejoined = rejoin_alternating_tables(MappedText.of(FLATTENED)).text
    assert "Indikator | Nyckelord (mål)\n" in rejoined
    assert "Förtroende för hälso- och sjukvården | Tillgänglig, Kontinuitet\n" in rejoined
    assert "Överbeläggningar och utlokaliseringar | Tillgänglig, Stärker hälsan\n" in rejoined
    assert rejoined.endswith("Från och med i år har indikatorn ändrats.\n")


def test_rejoined_text_still_maps_to_the_original():
    mapped = rejoin_alternating_tables(MappedText.of(FLATTENED))
    row = mapped.text.index("Medicinsk bedömning")
    assert FLATTENED[mapped.original_offset(row) :].startswith("Medicinsk bedömning")


def test_prose_after_a_caption_is_left_alone():
    prose = "Tabell 2. Kostnader\nKostnaderna ökade under året.\nDe minskade sedan igen, enligt rapporten.\n"
    assert rejoin_alternating_tables(MappedText.of(prose)).text == prose
