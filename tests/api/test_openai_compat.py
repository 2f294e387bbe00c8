"""The OpenAI-compatible endpoint driven with the real `openai` client: plain, streaming, and a follow-up."""

from __future__ import annotations

import httpx
import openai
import pytest

from assistant.api.openai_compat import MODEL_ID, SOURCES_HEADING, without_sources

pytest_plugins = ["api_fixtures"]  # api_corpus, api_index, api_assistant, api_url

pytestmark = pytest.mark.server

QUESTION = "Vad är syftet med studien om ALMA, det akutgeriatriska mobila teamet i Nyköping?"
FOLLOW_UP = "vilken period gäller den?"


@pytest.fixture
def client(api_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{api_url}/v1", api_key="ingen-nyckel-lokalt", max_retries=0, timeout=60)


def _rest(api_url: str, question: str, history: list[dict] | None = None) -> dict:
    return httpx.post(f"{api_url}/v1/ask", json={"question": question, "history": history or []}).json()


def test_models_lists_the_assistant(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == [MODEL_ID]
    assert client.models.retrieve(MODEL_ID).id == MODEL_ID
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-4o")


def test_a_plain_completion_carries_the_marks_the_source_list_and_the_citations(client, api_url: str) -> None:
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
    rest = _rest(api_url, QUESTION)
    text = completion.choices[0].message.content
    assert completion.choices[0].finish_reason == "stop"
    assert text.startswith(rest["answer"]) and "[1]" in text
    assert f"\n\n{SOURCES_HEADING}\n- [1] {rest['citations'][0]['label']}" in text
    citations = completion.model_extra["citations"]
    assert [c["chunk_id"] for c in citations] == [c["chunk_id"] for c in rest["citations"]]
    assert citations[0]["doc_id"] == rest["citations"][0]["doc_id"] and "quote" in citations[0]
    assert completion.model_extra["nara_vard"]["abstained"] is False


def test_streaming_gives_the_same_text_and_the_citations_in_the_last_chunk(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": QUESTION}]
    plain = client.chat.completions.create(model=MODEL_ID, messages=messages)
    chunks = list(client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True))
    assert len(chunks) > 3
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == plain.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == plain.model_extra["citations"]
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1])


@pytest.mark.parametrize("stream", [False, True])
def test_a_follow_up_with_history_is_answered_as_the_rest_api_answers_it(client, api_url: str, stream: bool) -> None:
    first = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
    messages = [
        {"role": "system", "content": "Du är en hjälpsam assistent."},  # as Open WebUI may send; not read
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": FOLLOW_UP},
    ]
    if stream:
        chunks = list(client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True))
        text = "".join(c.choices[0].delta.content or "" for c in chunks)
        info = chunks[-1].model_extra["nara_vard"]
    else:
        completion = client.chat.completions.create(model=MODEL_ID, messages=messages)
        text, info = completion.choices[0].message.content, completion.model_extra["nara_vard"]
    history = [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": _rest(api_url, QUESTION)["answer"]},
    ]
    rest = _rest(api_url, FOLLOW_UP, history)
    assert rest["is_followup"] and "ALMA" in info["resolved_question"]
    assert info["resolved_question"] == rest["resolved_question"]
    assert text.startswith(rest["answer"])


def test_the_source_list_is_taken_off_an_earlier_answer() -> None:
    answer = "Studien pågår [1] och [2]."
    assert without_sources(f"{answer}\n\n{SOURCES_HEADING}\n- [1] A – B, s. 3\n- [2] C") == answer
    assert without_sources(f"{answer}\n\nSources:\n- [1] A – B, s. 3\n  Obs: källan …\n- [2] C\n") == answer
    assert without_sources("Källor: se nedan.\n\nInget mer.") == "Källor: se nedan.\n\nInget mer."


def test_an_unknown_model_or_a_last_message_that_is_no_question_is_refused(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
    assert "nara-vard-assistenten" in raised.value.response.json()["detail"]
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "assistant", "content": "Hej"}])


def test_text_parts_are_read_as_the_question(client: openai.OpenAI) -> None:
    parts = [{"type": "text", "text": QUESTION}]
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": parts}])
    plain = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
    assert completion.choices[0].message.content == plain.choices[0].message.content


def test_the_stream_is_server_sent_events_ending_with_done(api_url: str) -> None:
    body = {"model": MODEL_ID, "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    with httpx.stream("POST", f"{api_url}/v1/chat/completions", json=body) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line for line in response.iter_lines() if line]
    assert all(line.startswith("data: ") for line in events)
    assert events[-1] == "data: [DONE]" and events.count("data: [DONE]") == 1


def test_an_english_question_gets_an_english_source_heading(client: openai.OpenAI) -> None:
    question = "What is the purpose of the study on ALMA, the mobile geriatric team in Nyköping?"
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": question}])
    text = completion.choices[0].message.content
    assert completion.model_extra["citations"], text
    assert "\n\nSources:\n- [1] " in text and SOURCES_HEADING not in text
