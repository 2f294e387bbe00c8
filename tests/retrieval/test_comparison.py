"""Questions that ask two sides (places or documents) are split into one part per side; others are not."""

import pytest

from assistant.models import DocumentInfo
from assistant.retrieval.comparison import DocumentCatalogue, DocumentNames, comparison_parts

INFO = {
    "rapport": DocumentInfo("rapport", "Projektrapport Nära vård i Sörmland", "r.md", "FoU i Sörmland"),
    "bilagor": DocumentInfo("bilagor", "Bilagor till Projektrapport Nära vård i Sörmland (med Indikatorer)", "b.txt"),
    "fardplan": DocumentInfo("fardplan", "Färdplan för Nära vård i Sörmland", "f.txt"),
    "beslut": DocumentInfo("beslut", "Godkännande av slutrapport Nära vård", "n.md", kind="beslut"),
    "dalarna": DocumentInfo("dalarna", "Slutredovisning av kommunernas arbete 2022 – Dalarna län", "d.txt"),
    "nationell": DocumentInfo("nationell", "Uppföljning av omställningen", "s.txt", "Socialstyrelsen"),
}
SORMLAND = ("rapport", "bilagor", "fardplan")
# Every report speaks of "uppföljning"; the färdplan is named in two documents besides its own.
WORDS = {doc: {"uppföljningen", "vård"} for doc in INFO}
WORDS["fardplan"] |= {"färdplanen"}
WORDS["rapport"] |= {"färdplanen"}
DOCUMENTS = DocumentCatalogue.of(INFO, WORDS)


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


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        (
            "Vad är skillnaden mellan färdplanen och projektrapporten när det gäller hemsjukvård?",
            ("Vad är färdplanen när det gäller hemsjukvård?", "Vad är projektrapporten när det gäller hemsjukvård?"),
        ),
        (
            "Hur ser hemsjukvården ut i Dalarna respektive Sörmland?",
            ("Hur ser hemsjukvården ut i Dalarna?", "Hur ser hemsjukvården ut Sörmland?"),
        ),
        ("Compare Sörmland and Dalarna on mobile teams.", ("Sörmland on mobile teams.", "Dalarna on mobile teams.")),
        ("Jämför Dalarnas och Sörmlands arbete med SIP", ("Dalarnas arbete med SIP", "Sörmlands arbete med SIP")),
    ],
)
def test_each_side_is_asked_without_the_words_that_tie_it_to_the_other(question, texts):
    assert tuple(p.text for p in comparison_parts(question, DOCUMENTS)) == texts


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
        "Enligt Socialstyrelsen, hur går omställningen i Sörmland?",  # a clause that only names the source
        "I Dalarna: vad säger Socialstyrelsens uppföljning?",
        "Hur följs färdplanen upp, och vem ansvarar för uppföljningen?",  # most documents speak of uppföljning
        "Jämför Sörmland med Dalarna.",  # nothing asked of either
    ],
)
def test_a_question_that_asks_one_thing_is_not_split(question):
    assert comparison_parts(question, DOCUMENTS) == ()


def test_a_document_is_named_by_its_places_publisher_and_the_head_word_of_its_title():
    names = DocumentNames.of(INFO["nationell"])
    assert names.named_by("Socialstyrelsens") == "document" and names.named_by("uppföljningen") == "document"
    assert not names.named_by("uppföljningsbar")
    assert DocumentNames.of(INFO["dalarna"]).named_by("Dalarnas") == "place"
    assert DocumentNames.of(INFO["bilagor"]).named_by("bilagan") and DocumentNames.of(INFO["bilagor"]).named_by(
        "bilaga"
    )
    beslut = DocumentNames.of(INFO["beslut"])
    assert beslut.named_by("godkännandet") and not beslut.named_by("godkänna") and not beslut.named_by("godkänns")


def test_a_head_word_most_documents_use_names_none_of_them():
    assert DOCUMENTS.names["nationell"].named_by("Socialstyrelsens")
    assert not DOCUMENTS.names["nationell"].named_by("uppföljningen")
    assert DOCUMENTS.names["fardplan"].named_by("färdplanen")  # used by three of six documents


def test_a_source_named_beside_compared_places_is_where_both_are_looked_up():
    parts = comparison_parts("Vad skriver Socialstyrelsen om Dalarna jämfört med Sörmland?", DOCUMENTS)
    assert [p.label for p in parts] == ["Dalarna", "Sörmland"]
    assert [p.doc_ids for p in parts] == [("nationell",), ("nationell",)]
    assert parts[0].text == "Vad skriver Socialstyrelsen om Dalarna?"


def test_more_sides_than_an_answer_can_hold_are_not_split():
    question = "Jämför färdplanen, bilagan, projektrapporten och slutredovisningen om hemsjukvård"
    assert comparison_parts(question, DOCUMENTS) == ()


@pytest.mark.slow
def test_a_comparison_is_answered_side_by_side_from_each_sides_documents(full_assistant):
    from assistant.retrieval.hybrid import SearchFilters

    answer = full_assistant.ask("Hur arbetar man med mobila team i Sörmland jämfört med Dalarna?")
    assert not answer.abstained
    assert "#### Sörmland" in answer.answer and "#### Dalarna" in answer.answer
    cited = {c.doc_id for c in answer.citations}
    assert "dalarna-slutredovisning-2022" in cited and cited - {"dalarna-slutredovisning-2022"}
    dalarna = answer.answer.split("#### Dalarna")[1]
    markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", dalarna)}
    assert markers and all(answer.citations[m - 1].doc_id == "dalarna-slutredovisning-2022" for m in markers)
    # A filter that leaves one side (by document, kind or year) answers the question whole, from what it leaves.
    for filters in (
        SearchFilters(doc_ids=("dalarna-slutredovisning-2022",)),
        SearchFilters(kinds=("redovisning",)),
        SearchFilters(years=(2025,)),
    ):
        only = full_assistant.ask("Hur arbetar man med mobila team i Sörmland jämfört med Dalarna?", filters=filters)
        assert "#### Sörmland" not in only.answer and "#### Dalarna" not in only.answer, filters
        assert all(filters.accepts_document(full_assistant.tables.documents[c.doc_id]) for c in only.citations)
