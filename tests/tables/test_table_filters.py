"""Table answers honour the search filters (assistant/tables/filtering.py, used by routing.py)."""

from __future__ import annotations

from assistant.retrieval.filters import SearchFilters
from assistant.tables.filtering import document_accepted, within_filters
from assistant.tables.routing import route_question

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_rows_of_a_document_the_filters_exclude_are_not_answered_from(tools):
    question = "Vad är täljare och nämnare för måttet Andel SIP, kommun?"
    assert route_question(question, tools, filters=SearchFilters(doc_ids=("bilagor-projektrapport",)))
    assert route_question(question, tools, filters=SearchFilters(doc_ids=("fardplan-2025",))) == []
    assert route_question(question, tools, filters=SearchFilters(kinds=("färdplan",))) == []
    satsning = "När startade Besökskort?"
    assert route_question(satsning, tools, filters=SearchFilters(years=(2025,)))
    assert route_question(satsning, tools, filters=SearchFilters(years=(2023,))) == []


def test_glossary_answers_honour_the_filters(tools):
    everywhere = route_question("Vad betyder LRS?", tools)
    sources = {c.doc_id for c in everywhere[0].citations}
    kept = sorted(sources)[0]
    routed = route_question("Vad betyder LRS?", tools, filters=SearchFilters(doc_ids=(kept,)))
    assert {c.doc_id for c in routed[0].citations} == {kept}
    others = tuple(d for d in tools.documents if d not in sources)
    assert route_question("Vad betyder LRS?", tools, filters=SearchFilters(doc_ids=others)) == []


def test_a_satsnings_description_row_goes_with_its_document(tools):
    question = "När pågår Tillsammans för barnens bästa?"
    both = route_question(question, tools)[0]
    assert {c.doc_id for c in both.citations} == {"fardplan-2025", "bilagor-projektrapport"}
    plan_only = route_question(question, tools, filters=SearchFilters(doc_ids=("fardplan-2025",)))[0]
    assert {c.doc_id for c in plan_only.citations} == {"fardplan-2025"} and len(plan_only.rows) == 1


def test_a_count_counts_only_the_rows_the_filters_let_through(tools):
    question = "Hur många mått har indikatorbiblioteket?"
    assert route_question(question, tools, filters=SearchFilters(kinds=("färdplan",))) == []


def test_an_unknown_document_has_no_kind_or_year():
    assert document_accepted(SearchFilters(doc_ids=("a",)), "a", {})
    assert not document_accepted(SearchFilters(kinds=("bilaga",)), "a", {})
    assert document_accepted(None, "a", {}) and document_accepted(SearchFilters(), "a", {})


def test_without_filters_the_result_is_unchanged(tools):
    result = tools.initiative("Besökskort")
    assert within_filters(result, None, tools.documents) is result
    assert within_filters(result, SearchFilters(), tools.documents) is result
