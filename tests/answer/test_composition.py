"""Tests for assistant.answer.composition: answer lines, markers and the sentences that go on a line."""

from __future__ import annotations

from assistant.answer.composition import compose_answer
from assistant.answer.units import Unit
from assistant.models import Passage
from assistant.text.sentences import sentence_units

_TEXT = (
    "Fokusområdet genomsyrar arbetet i samverkansstrukturen. Det ska vara tidsatt och följas med indikatorer.\n"
    "Ett fokusområde beslutas av länsstyrgruppen.\n"
    "Syftet med fokusområden är att:\n"
    "- Utforska området tillsammans\n"
    "- Skapa samsyn om fokusområdet"
)


def _units(text: str = _TEXT, passage: int = 0) -> list[Unit]:
    return [
        Unit(unit.text, passage, position, frozenset(unit.text.lower().split()), unit.bullet, continues=unit.continues)
        for position, unit in enumerate(sentence_units(text))
    ]


def _passage(text: str = _TEXT) -> Passage:
    return Passage("c", "d", "Titel", "Avsnitt", text, None, 1.0)


def test_a_sentence_that_goes_on_the_line_before_it_in_the_document_shares_its_answer_line_and_marker():
    units = _units()
    answer = compose_answer(units[:3], [_passage()], english=False, kind="definition")
    assert answer.answer.split("\n") == [
        "Fokusområdet genomsyrar arbetet i samverkansstrukturen. Det ska vara tidsatt och följas med indikatorer. [1]",
        "- Ett fokusområde beslutas av länsstyrgruppen. [1]",
    ]


def test_without_joining_every_sentence_is_a_line_of_its_own():
    units = _units()
    answer = compose_answer(units[:2], [_passage()], english=False, kind="definition", join_continued=False)
    assert answer.answer.split("\n") == [
        "Fokusområdet genomsyrar arbetet i samverkansstrukturen. [1]",
        "- Det ska vara tidsatt och följas med indikatorer. [1]",
    ]


def test_a_sentence_goes_on_a_line_only_after_the_sentence_right_before_it_in_the_same_passage():
    first, second = _units()[:2]
    elsewhere = _units(passage=1)[1]
    skipped = compose_answer([first, elsewhere], [_passage(), _passage()], english=False, kind="fact")
    assert skipped.answer.split("\n")[1] == "- Det ska vara tidsatt och följas med indikatorer. [2]"
    reordered = compose_answer([second, first], [_passage()], english=False, kind="fact")
    assert len(reordered.answer.split("\n")) == 2


def test_a_lead_in_with_its_items_keeps_its_items_under_it():
    units = _units()
    lead_in = units[3]
    lead_in.items = [u.text for u in units[4:]]
    answer = compose_answer([units[2], lead_in], [_passage()], english=False, kind="list")
    assert answer.answer.split("\n") == [
        "Ett fokusområde beslutas av länsstyrgruppen. [1]",
        "- Syftet med fokusområden är att: [1]",
        "  - Utforska området tillsammans",
        "  - Skapa samsyn om fokusområdet",
    ]


def test_a_first_line_with_items_and_lines_after_it_makes_every_line_an_item_so_the_items_stay_its_own():
    units = _units()
    lead_in = units[3]
    lead_in.items = [u.text for u in units[4:]]
    answer = compose_answer([lead_in, units[2]], [_passage()], english=True, kind="list")
    assert answer.answer.split("\n") == [
        "According to the documents (quoted in Swedish):",
        "- Syftet med fokusområden är att: [1]",
        "  - Utforska området tillsammans",
        "  - Skapa samsyn om fokusområdet",
        "- Ett fokusområde beslutas av länsstyrgruppen. [1]",
    ]
