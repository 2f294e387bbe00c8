"""Tests for assistant.answer.selection: reading on after the best unit, antecedents, sub-headings."""

from __future__ import annotations

from assistant.answer.selection import bring_antecedents, expand_lists, is_label, select_units
from assistant.answer.units import Unit
from assistant.models import Passage


def _unit(text: str, position: int, score: float = 0.0, passage: int = 0, bullet: bool = False) -> Unit:
    return Unit(text, passage, position, frozenset(text.lower().split()), bullet, score=score)


def _passage() -> Passage:
    return Passage("c", "d", "Titel", "Avsnitt", "…", None, 1.0)


def test_the_sentences_after_the_best_one_come_along_before_units_from_elsewhere():
    units = [
        _unit("I studien undersöktes faktorer för införandet.", 0, score=1.0),
        _unit("Faktorerna gällde förberedelser och digital teknik.", 1, score=0.1),
        _unit("Patientens perspektiv var också viktigt.", 2, score=0.1),
        _unit("En helt annan mening om något annat.", 0, score=0.9, passage=1),
    ]
    ranked = sorted(units, key=lambda u: -u.score)
    chosen = select_units(ranked, "list", [_passage(), _passage()], units)
    assert [u.text for u in chosen[:3]] == [u.text for u in units[:3]]


def test_a_sentence_that_refers_back_brings_its_antecedent():
    units = [
        _unit("Digitalisering och kompetensförsörjning genomsyrar allt arbete.", 0),
        _unit("De ska ses som verktyg.", 1),
    ]
    chosen = [units[1]]
    bring_antecedents(chosen, units)
    assert chosen[0].text == "Digitalisering och kompetensförsörjning genomsyrar allt arbete. De ska ses som verktyg."
    alone = [_unit("Det finns tre målområden.", 4)]
    bring_antecedents(alone, [_unit("Rubrik", 3), *alone])
    assert alone[0].text == "Det finns tre målområden."  # "Det finns" is no reference back


def test_sub_headings_are_not_list_items_of_a_heading():
    heading = _unit("Översyn av samverkansdokument", 0)
    units = [heading, _unit("Bakgrund", 1), _unit("Dokumenten tolkas olika i länet.", 2), _unit("Syfte", 3)]
    assert is_label(units[1]) and not is_label(units[2])
    expand_lists([heading], units, "fact")
    assert heading.items == ["Dokumenten tolkas olika i länet."]
