"""The one vocabulary of a measure's fields (assistant/tables/measure_fields.py)."""

from __future__ import annotations

from assistant.tables.measure_fields import (
    ASKED_FIELD_WORDS,
    LACKING_FIELD_STEMS,
    MEASURE_FIELDS,
    MEASURE_LABELS,
    WRITTEN_FIELDS,
)
from assistant.text.folding import fold


def test_keys_and_labels_are_unique():
    assert len(MEASURE_LABELS) == len(MEASURE_FIELDS)
    assert len(set(MEASURE_LABELS.values())) == len(MEASURE_FIELDS)


def test_the_definition_shows_the_fields_in_the_librarys_order():
    assert list(MEASURE_LABELS)[:3] == ["titel", "matt", "matenhet"]
    assert list(MEASURE_LABELS)[-1] == "kommentar"


def test_numerator_and_denominator_are_read_out_of_the_technical_description():
    assert {f.key for f in MEASURE_FIELDS} - {f.key for f in WRITTEN_FIELDS} == {"taljare", "namnare"}


def test_question_words_are_folded_word_starts_of_known_labels():
    for stem, label in LACKING_FIELD_STEMS.items():
        assert stem == fold(stem) and label in MEASURE_LABELS.values()
    assert set(ASKED_FIELD_WORDS) <= set(MEASURE_LABELS.values())
    assert LACKING_FIELD_STEMS["malniva"] == "Målnivå" and "talj" in ASKED_FIELD_WORDS["Täljare"]
