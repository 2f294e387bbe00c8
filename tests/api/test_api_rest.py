"""The REST API under /v1/ driven with httpx against uvicorn on 127.0.0.1: every route gives what the library gives."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant.api.schemas import TableResult
from assistant.core import Assistant
from assistant.feedback import FeedbackStore
from assistant.retrieval.filters import SearchFilters
from assistant.settings import Settings

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index, api_assistant, api_url

pytestmark = pytest.mark.server

QUESTION = "Vad är syftet med studien om ALMA, det akutgeriatriska mobila teamet i Nyköping?"
FOLLOW_UP = "vilken period gäller den?"


def test_ask_gives_the_librarys_answer_with_structured_citations(api_url: str, api_assistant: Assistant) -> None:
    expected = api_assistant.ask(QUESTION)
    response = httpx.post(f"{api_url}/v1/ask", json={"question": QUESTION})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["answer"] == expected.answer
    assert not body["abstained"] and body["backend"] == "extractive"
    assert "[1]" in body["answer"]
    assert [c["chunk_id"] for c in body["citations"]] == [c.chunk_id for c in expected.citations]
    first, cited = body["citations"][0], expected.citations[0]
    assert first["number"] == 1
    assert (first["doc_id"], first["title"], first["section"], first["page"]) == (
        cited.doc_id,
        cited.title,
        cited.section,
        cited.page,
    )
    assert first["quote"] == cited.quote and first["label"] == cited.label
    assert body["resolved_question"] == QUESTION and not body["is_followup"]


def test_a_follow_up_is_resolved_with_the_chat_history(api_url: str, api_assistant: Assistant) -> None:
    first = httpx.post(f"{api_url}/v1/ask", json={"question": QUESTION}).json()
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first["answer"]}]
    response = httpx.post(f"{api_url}/v1/ask", json={"question": FOLLOW_UP, "history": history})
    body = response.json()
    assert body["is_followup"], body
    assert "ALMA" in body["resolved_question"]
    assert body["answer"] == api_assistant.ask(FOLLOW_UP, history=history).answer


def test_search_honours_the_filters(api_url: str, api_assistant: Assistant) -> None:
    question = "Vilka satsningar pågår?"
    body = httpx.post(f"{api_url}/v1/search", json={"question": question, "k": 3}).json()
    expected = api_assistant.search(question, k=3)
    assert [p["chunk_id"] for p in body["passages"]] == [p.chunk_id for p in expected]
    assert [p["rank"] for p in body["passages"]] == [1, 2, 3]
    only = {"doc_ids": ["nsv-beslut-2023"]}
    body = httpx.post(f"{api_url}/v1/search", json={"question": question, "k": 5, "filters": only}).json()
    assert body["passages"] and {p["doc_id"] for p in body["passages"]} == {"nsv-beslut-2023"}


def test_the_indicator_library_and_one_measure(api_url: str, api_assistant: Assistant) -> None:
    listing = httpx.get(f"{api_url}/v1/indicators").json()
    assert listing == TableResult.of(api_assistant.tables.measures()).model_dump()
    assert listing["found"] and len(listing["rows"]) == len(listing["sources"]) > 5
    tillsammans = httpx.get(f"{api_url}/v1/indicators", params={"malomrade": "Tillsammans"}).json()
    assert 0 < len(tillsammans["rows"]) < len(listing["rows"])
    assert {row["Målområde"] for row in tillsammans["rows"]} == {"Tillsammans"}
    measure = httpx.get(f"{api_url}/v1/indicators/Kontinuitet 1").json()
    assert measure == TableResult.of(api_assistant.tables.measure("Kontinuitet 1")).model_dump()
    assert {"Fält": "Titel", "Uppgift": "Kontinuitetsindex primärvårdsläkare, kronisk sjukdom"} in measure["rows"]


def test_an_unknown_measure_is_a_404_naming_the_closest(api_url: str) -> None:
    response = httpx.get(f"{api_url}/v1/indicators/Kontinuitetsindx primärvård")
    assert response.status_code == 200  # misspellings are tolerated
    response = httpx.get(f"{api_url}/v1/indicators/xyzzy")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("Hittade inget mått som matchar ”xyzzy”. Närmast:")


def test_satsningar_with_derived_status_and_filters(api_url: str, api_assistant: Assistant) -> None:
    everything = httpx.get(f"{api_url}/v1/initiatives").json()
    assert everything == TableResult.of(api_assistant.tables.initiatives()).model_dump()
    statuses = {row["Status"] for row in everything["rows"]}
    assert len(statuses) > 1
    ongoing = httpx.get(f"{api_url}/v1/initiatives", params={"status": "pågående"}).json()
    assert ongoing["rows"] and all(row["Status"].startswith("pågående") for row in ongoing["rows"])
    assert len(ongoing["rows"]) < len(everything["rows"])
    name = everything["rows"][0]["Satsning"]
    one = httpx.get(f"{api_url}/v1/initiatives/{name}").json()
    assert one == TableResult.of(api_assistant.tables.initiative(name)).model_dump()


def test_decisions_core_indicators_and_documents(api_url: str, api_assistant: Assistant) -> None:
    decisions = httpx.get(f"{api_url}/v1/decisions").json()
    assert decisions["found"] and decisions == TableResult.of(api_assistant.tables.decisions()).model_dump()
    by_year = httpx.get(f"{api_url}/v1/decisions", params={"year": 2022}).json()
    assert by_year == TableResult.of(api_assistant.tables.decisions(year=2022)).model_dump()
    core = httpx.get(f"{api_url}/v1/core-indicators").json()
    assert core == TableResult.of(api_assistant.tables.core_indicators()).model_dump()
    documents = httpx.get(f"{api_url}/v1/documents").json()["documents"]
    assert sorted(d["doc_id"] for d in documents) == sorted(api_assistant.tables.documents)
    assert all(d["passages"] > 0 and d["title"] for d in documents)


def test_feedback_lands_in_the_apps_store(api_url: str) -> None:
    answer = httpx.post(f"{api_url}/v1/ask", json={"question": QUESTION}).json()
    response = httpx.post(
        f"{api_url}/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "up", "comment": " Bra svar "}
    )
    assert response.status_code == 200 and response.json()["saved"]
    [saved] = FeedbackStore(Settings.load().feedback_db).all()
    assert (saved.answer_id, saved.rating, saved.comment) == (answer["answer_id"], "up", "Bra svar")
    assert saved.user_id == "lokal"  # no access control: the local caller
    assert saved.question == QUESTION and saved.answer == answer["answer"] and saved.backend == "extractive"
    assert [c.chunk_id for c in saved.citations][: len(answer["citations"])] == [
        c["chunk_id"] for c in answer["citations"]
    ]
    httpx.post(
        f"{api_url}/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "down", "reason": "fel källa"}
    )
    [saved] = FeedbackStore(Settings.load().feedback_db).all()
    assert (saved.rating, saved.reason) == ("down", "fel källa")
    wrong = httpx.post(f"{api_url}/v1/feedback", json={"answer_id": answer["answer_id"], "reason": "tråkigt"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "body.reason"
    unknown = httpx.post(f"{api_url}/v1/feedback", json={"answer_id": "nope", "rating": "up"})
    assert unknown.status_code == 404 and "Svaret finns inte" in unknown.json()["detail"]


def test_ten_concurrent_clients_get_the_answers_of_serial_calls(api_url: str) -> None:
    questions = [
        QUESTION,
        "Vilka fokusområden finns i färdplanen?",
        "Vad är måttet Kontinuitet 1?",
        "Vilka satsningar pågår inom kompetensförsörjning?",
        "Vad beslutade NSV?",
        "Vad kostar en ny bil i Stockholm?",
        "Vad är en SIP?",
        "What is the goal for Nära vård in Sörmland?",
        "Vilka satsningar startar 2025?",
        "Vad är FoUiS?",
    ]

    def ask(question: str) -> dict:
        with httpx.Client(base_url=api_url, timeout=60) as client:
            body = client.post("/v1/ask", json={"question": question}).json()
        return {k: v for k, v in body.items() if k != "answer_id"}

    serial = {q: ask(q) for q in questions}
    with ThreadPoolExecutor(max_workers=10) as pool:
        concurrent = list(pool.map(lambda q: (q, ask(q)), questions * 2))
    assert all(body == serial[q] for q, body in concurrent)
    assert len({body["answer"] for body in serial.values()}) == len(questions)


def test_filters_reach_the_library(api_url: str, api_assistant: Assistant) -> None:
    only = {"doc_ids": ["fardplan-2025"]}
    body = httpx.post(f"{api_url}/v1/ask", json={"question": QUESTION, "filters": only}).json()
    expected = api_assistant.ask(QUESTION, filters=SearchFilters(doc_ids=("fardplan-2025",)))
    assert body["answer"] == expected.answer
    assert {c["doc_id"] for c in body["citations"]} <= {"fardplan-2025"}
