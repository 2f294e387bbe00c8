"""Questions that ask two sides (places or documents) are split into one part per side; others are not."""

import pytest

from assistant.models import DocumentInfo
from assistant.retrieval.comparison import DocumentNames, comparison_parts

DOCUMENTS = {
    "rapport": DocumentInfo("rapport", "Projektrapport Nära vård i Sörmland", "r.md", "FoU i Sörmland"),
    "bilagor": DocumentInfo("bilagor", "Bilagor till Projektrapport Nära vård i Sörmland (med Indikatorer)", "b.txt"),
    "fardplan": DocumentInfo("fardplan", "Färdplan för Nära vård i Sörmland", "f.txt"),
    "beslut": DocumentInfo("beslut", "Godkännande av slutrapport Nära vård", "n.md", kind="beslut"),
    "dalarna": DocumentInfo("dalarna", "Slutredovisning av kommunernas arbete 2022 – Dalarna län", "d.txt"),
    "nationell": DocumentInfo("nationell", "Uppföljning av omställningen", "s.txt", "Socialstyrelsen"),
}
SORMLAND = ("rapport", "bilagor", "fardplan")


def test_two_places_compared_become_two_parts_without_each_other():
    parts = comparison_parts("Hur arbetar man med digitala vårdmöten i Sörmland jämfört med Dalarna?", DOCUMENTS)
    assert [p.label for p in parts] == ["Sörmland", "Dalarna"]
    assert [set(p.doc_ids) for p in parts] == [set(SORMLAND), {"dalarna"}]
    assert "Dalarna" not in parts[0].text and "jämfört" not in parts[0].text
    assert "Sörmland" not in parts[1].text and "digitala vårdmöten" in parts[1].text


def test_and_between_the_places_goes_with_the_place_left_out():
    parts = comparison_parts("Jämför arbetet med mobila team i Sörmland och i Dalarna", DOCUMENTS)
    assert parts[1].text == "arbetet med mobila team i Dalarna"
    assert parts[0].text == "arbetet med mobila team i Sörmland"


def test_two_documents_asked_in_clauses_of_their_own_are_labelled_by_title():
    question = "Vad står det om hemsjukvård i färdplanen, och vad föreslås enligt bilagan?"
    parts = comparison_parts(question, DOCUMENTS)
    assert [p.doc_ids for p in parts] == [("fardplan",), ("bilagor",)]
    assert parts[1].label == "Bilagor till Projektrapport Nära vård i Sörmland"  # the bracket is left out
    assert "bilagan" not in parts[0].text and "färdplanen" not in parts[1].text


def test_a_document_of_a_place_named_beside_it_is_the_narrower_side():
    question = "Vad säger projektrapporten om Sörmlands primärvård, och hur ser det ut i Dalarna?"
    parts = comparison_parts(question, DOCUMENTS)
    assert [p.doc_ids for p in parts] == [("rapport",), ("dalarna",)]


@pytest.mark.parametrize(
    "question",
    [
        "Vilka forum för samverkan finns i Sörmland?",  # one side
        "Vilket datum står på NSV:s godkännande i kommunens färdplan?",  # two names, one thing asked
        "När beslutades färdplanen och vem fattade beslutet?",  # "beslutades" is no decision document
        "Vad säger Socialstyrelsens uppföljning om Dalarnas mobila team?",  # one clause, nothing compared
    ],
)
def test_a_question_that_asks_one_thing_is_not_split(question):
    assert comparison_parts(question, DOCUMENTS) == ()


def test_a_document_is_named_by_its_places_publisher_and_the_head_word_of_its_title():
    names = DocumentNames.of(DOCUMENTS["nationell"])
    assert names.named_by("Socialstyrelsens") and names.named_by("uppföljningen")
    assert not names.named_by("uppföljningsbar")
    assert DocumentNames.of(DOCUMENTS["dalarna"]).named_by("Dalarnas")
    assert DocumentNames.of(DOCUMENTS["bilagor"]).named_by("bilagan")
    assert not DocumentNames.of(DOCUMENTS["beslut"]).named_by("beslutades")


def test_more_sides_than_an_answer_can_hold_are_not_split():
    question = "Jämför Sörmland, Dalarna, Socialstyrelsens uppföljning och beslutets godkännande"
    assert comparison_parts(question, DOCUMENTS) == ()


@pytest.mark.slow
def test_a_comparison_is_answered_side_by_side_from_each_sides_documents(full_assistant):
    from assistant.retrieval.hybrid import SearchFilters

    answer = full_assistant.ask("Hur arbetar man med mobila team i Sörmland jämfört med Dalarna?")
    assert not answer.abstained
    assert "**Sörmland:**" in answer.answer and "**Dalarna:**" in answer.answer
    cited = {c.doc_id for c in answer.citations}
    assert "dalarna-slutredovisning-2022" in cited and cited - {"dalarna-slutredovisning-2022"}
    dalarna = answer.answer.split("**Dalarna:**")[1]
    markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", dalarna)}
    assert markers and all(answer.citations[m - 1].doc_id == "dalarna-slutredovisning-2022" for m in markers)
    # A filter that leaves one side answers the question whole, from that side's documents.
    only = full_assistant.ask(
        "Hur arbetar man med mobila team i Sörmland jämfört med Dalarna?",
        filters=SearchFilters(doc_ids=("dalarna-slutredovisning-2022",)),
    )
    assert "**Sörmland:**" not in only.answer
    assert {c.doc_id for c in only.citations} <= {"dalarna-slutredovisning-2022"}
