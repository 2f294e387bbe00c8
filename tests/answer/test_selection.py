"""Tests for assistant.answer.selection: reading on after the best unit, antecedents, sub-headings."""

from __future__ import annotations

from assistant.answer.selection import (
    bring_antecedents,
    expand_lists,
    heading_lines,
    is_label,
    label_headings,
    select_units,
)
from assistant.answer.units import Unit
from assistant.models import Passage


def _unit(text: str, position: int, score: float = 0.0, passage: int = 0, bullet: bool = False) -> Unit:
    return Unit(text, passage, position, frozenset(text.lower().split()), bullet, score=score)


def _passage(section: str = "Avsnitt") -> Passage:
    return Passage("c", "d", "Titel", section, "…", None, 1.0)


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


def test_a_short_line_brings_what_follows_up_to_a_question_the_document_asks_of_its_own():
    short = _unit("Målbilden sträcker sig till 2035.", 0)
    units = [
        short,
        _unit("Fokusområden arbetas fram.", 1),
        _unit("Hur vet vi att vi gör rätt saker?", 2),
        _unit("Mätetal tas fram.", 3),
    ]

    expand_lists([short], units, "fact")

    assert short.items == ["Fokusområden arbetas fram."]


def test_a_sentence_that_ends_its_line_without_a_full_stop_brings_nothing_after_it():
    first = _unit("Socialchefsnätverket beslutade om att tillsätta lokala processledare.", 0)
    unended = Unit(
        "Projektet tog fram en uppdragsbeskrivning (bilaga 1)", 0, 1, frozenset({"projektet"}), continues=True
    )
    units = [
        first,
        unended,
        _unit("Närvårdscoordinatorer och Sjukhuscoordinatorer", 2),
        _unit("Inom samverkansstrukturen finns tre närvårdscoordinatorer.", 3),
    ]

    expand_lists([first, unended], units, "fact")

    assert unended.items == []


def test_what_a_short_line_brings_does_not_end_with_a_lead_in_whose_list_did_not_fit():
    short = _unit("Övergripande arbetsgång illustreras i figur 1.", 0)
    run_on_list = "leda mot den gemensamma målbilden " + "prioritera om gemensamma arbeten och satsningar " * 8
    units = [short, _unit("Samverkansstrukturen säkerställer nära vård genom att:", 1), _unit(run_on_list, 2)]

    expand_lists([short], units, "fact")

    assert short.items == []


def test_a_heading_is_never_an_answer_line_of_its_own():
    passages = [_passage("Bilaga 4 › Egenmonitorering › Tidplan")]
    tidplan = _unit("Tidplan", 0)
    tidplan.items = ["Oktober 2020 till december 2023."]
    said = label_headings(
        [tidplan], heading_lines([tidplan, _unit("Oktober 2020 till december 2023.", 1)], passages), passages
    )
    assert [(u.text, u.items) for u in said] == [("Tidplan: Oktober 2020 till december 2023.", [])]


def test_a_heading_labels_the_chosen_unit_after_it_and_an_empty_heading_above_a_heading_goes():
    units = [
        _unit("Metod", 0),
        _unit("Syfte", 1),
        _unit("Att beskriva hur arbetet gick.", 2),
        _unit("Karolina Ehnsjö och Cajsa Åkerholm", 3),
        _unit("En sista mening.", 4),
    ]
    said = label_headings(list(units), heading_lines(units, [_passage()]), [_passage()])
    assert [u.text for u in said] == [
        "Syfte: Att beskriva hur arbetet gick.",
        "Karolina Ehnsjö och Cajsa Åkerholm",  # a value, not a label: longer than one
        "En sista mening.",
    ]


def test_a_short_line_that_list_items_follow_is_the_heading_of_the_list():
    units = [
        _unit("Värdegrund i samverkan kring Nära vård", 0),
        _unit("Vi arbetar i team utifrån individens behov och fokus", 1, bullet=True),
        _unit("Vi hjälps åt.", 2, bullet=True),
    ]
    said = label_headings(units[:2], heading_lines(units, [_passage()]), [_passage()])
    assert [u.text for u in said] == [
        "Värdegrund i samverkan kring Nära vård: Vi arbetar i team utifrån individens behov och fokus"
    ]


def test_a_heading_with_nothing_after_it_goes_only_when_it_names_its_section():
    passages = [_passage("Rapport › Bakgrund")]
    units = [_unit("Första meningen här.", 0), _unit("Bakgrund", 1)]
    assert [u.text for u in label_headings(list(units), heading_lines(units, passages), passages)] == [
        "Första meningen här."
    ]
    units = [_unit("Första meningen här.", 0), _unit("Riket 96 %", 1)]
    assert [u.text for u in label_headings(list(units), heading_lines(units, passages), passages)] == [
        "Första meningen här.",
        "Riket 96 %",
    ]


def test_the_best_unit_is_read_on_into_the_next_chunk_of_its_section():
    from assistant.answer.selection import read_on

    def chunk(start: int, end: int, section: str = "Ekonomi") -> Passage:
        return Passage("c", "d", "Titel", section, "…", None, 1.0, start=start, end=end)

    units = [
        _unit("Regionen har gjort en ekonomisk genomlysning.", 0, passage=0),
        _unit("Detta har resulterat i förslag om minskad hyrpersonal.", 0, passage=1),
        _unit("Åtgärderna ska minska kostnaderna.", 1, passage=1),
    ]
    assert read_on(units[0], units, [chunk(0, 100), chunk(101, 200)], 2) == units[1:]
    assert read_on(units[0], units, [chunk(0, 100), chunk(101, 200, "Ett nytt avsnitt")], 2) == []
    assert read_on(units[0], units, [chunk(0, 100), chunk(400, 500)], 2) == []  # not the next chunk


def test_the_best_list_item_is_read_on_to_its_own_further_sentences_but_not_into_the_next_item():
    units = [
        _unit("Kompetensförsörjning: Regionen rekryterar aktivt.", 0, score=1.0, bullet=True),
        _unit("Att uppnå en stabil bemanning bidrar till kontinuitet.", 1, score=0.1, bullet=True),
        _unit("Digitalisering: Tjänsterna utvecklas.", 2, score=0.1, bullet=True),
        _unit("En mening om något helt annat.", 0, score=0.9, passage=1),
    ]
    units[1].continues = True
    ranked = sorted(units, key=lambda u: -u.score)
    chosen = select_units(ranked, "definition", [_passage(), _passage()], units)
    assert [u.text for u in chosen[:2]] == [units[0].text, units[1].text]
    assert units[2] not in chosen[:2]


def test_a_sentence_cut_at_a_chunks_end_takes_its_continuation_which_is_not_said_again():
    from assistant.answer.selection import continue_across_chunks

    passages = [
        Passage("c", "d", "Titel", "Ekonomi", "…", None, 1.0, start=0, end=100),
        Passage("c", "d", "Titel", "Ekonomi", "…", None, 1.0, start=101, end=200),
    ]
    cut = _unit("Regionen gjorde en genomlysning som", 0, passage=0)
    rest = _unit("ledde till förslag om minskad hyrpersonal.", 0, passage=1)
    chosen = [cut, rest]
    continue_across_chunks(chosen, [cut, rest], passages)
    assert [u.text for u in chosen] == [
        "Regionen gjorde en genomlysning som ledde till förslag om minskad hyrpersonal."
    ]


def _value_list() -> list[Unit]:
    """A lead-in and its items, the third item's second sentence a unit of its own."""
    return [
        _unit("Värdegrunden består av följande:", 0),
        _unit("Vi arbetar i team.", 1, bullet=True),
        _unit("Vi är likvärdiga parter.", 2, bullet=True),
        Unit("Vi informerar varandra.", 0, 3, frozenset(), True, continues=True),
        _unit("Vi hjälps åt.", 4, bullet=True),
    ]


def test_a_list_item_of_two_sentences_is_one_item():
    units = _value_list()
    lead_in = units[0]
    expand_lists([lead_in], units, "list")
    assert lead_in.items == ["Vi arbetar i team.", "Vi är likvärdiga parter. Vi informerar varandra.", "Vi hjälps åt."]


def test_the_second_sentence_of_an_item_said_already_is_not_joined_to_the_item_before():
    units = _value_list()
    lead_in = units[0]
    expand_lists([units[2], lead_in], units, "fact")  # "Vi är likvärdiga parter." is said on its own, first
    assert lead_in.items == ["Vi arbetar i team.", "Vi hjälps åt."]


def test_an_item_said_on_its_own_after_its_lead_in_stands_in_its_list_in_the_documents_order():
    units = _value_list()
    lead_in = units[0]
    expand_lists([lead_in, units[2]], units, "list")
    assert lead_in.items == ["Vi arbetar i team.", "Vi är likvärdiga parter. Vi informerar varandra.", "Vi hjälps åt."]


def test_in_a_list_answer_an_item_said_on_its_own_after_the_first_item_stands_in_the_list():
    units = _value_list()
    first = units[1]
    expand_lists([first, units[2]], units, "list")
    assert first.items == ["Vi är likvärdiga parter. Vi informerar varandra.", "Vi hjälps åt."]
