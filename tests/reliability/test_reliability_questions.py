"""Bad input at question time: empty, huge, SQL-looking, HTML and Markdown, other languages.

Each gets a clear answer or message and no exception; markup from a question or a document is
escaped in the answer and in the sources as the app renders them, and nothing is fetched.
"""

from __future__ import annotations

import re
import socket

import pytest
from conftest import MD_NAME, MD_TEXT, TXT_NAME, TXT_TEXT, FakeEmbedder

from assistant.answer.abstention import ABSTAIN_EN, ABSTAIN_SV
from assistant.core import MAX_QUESTION_CHARS, Assistant, QuestionTooLongError
from assistant.settings import Settings

QUESTION = "Hur ofta följer distriktssköterskorna upp hemsjukvården?"
HOSTILE_DOCUMENT = (
    "# Hälsocentralen på webben\n\n"
    "Hälsocentralen i Gnesta har öppet på lördagar <script>alert('hälsocentralen')</script> från klockan nio.\n\n"
    "Vägbeskrivningen till hälsocentralen i Gnesta finns på kartan ![karta](http://127.0.0.1:9/karta.png) "
    "och via [länken](javascript:alert(1)).\n\n"
    '<img src="http://127.0.0.1:9/spår.gif" onerror="alert(1)"> Hälsocentralen i Gnesta har lördagsöppet.\n'
)
# An unescaped Markdown link or image: [text](target) or ![text](target) with no backslash before the brackets.
UNESCAPED_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """One index for the module: the tiny corpus's text files and a document full of markup."""
    corpus = tmp_path_factory.mktemp("questions-corpus")
    (corpus / TXT_NAME).write_text(TXT_TEXT, encoding="utf-8")
    (corpus / MD_NAME).write_text(MD_TEXT, encoding="utf-8")
    (corpus / "halsocentralen-gnesta.md").write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    settings = Settings.load(
        environ={}, corpus_dir=str(corpus), index_dir=str(tmp_path_factory.mktemp("questions-index"))
    )
    return Assistant.from_config(settings, embedder=FakeEmbedder())


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse and record every outgoing connection during the test."""
    attempts: list[object] = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network use is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def assert_no_live_markup(markdown: str) -> None:
    assert "<" not in markdown, markdown  # every < is &lt;, so no tag reaches the renderer
    assert UNESCAPED_LINK.search(markdown) is None, markdown


def rendered_sources(answer) -> str:
    """The sources as the app renders them (assistant/ui/sources_view.py)."""
    from assistant.retrieval.neighbours import marked_sentences
    from assistant.ui.sources_view import source_label
    from assistant.ui.text import sentences_markdown

    texts = {p.chunk_id: p.text for p in answer.passages}
    parts = []
    for number, citation in enumerate(answer.citations, start=1):
        parts.append(source_label(number, citation))
        parts.append(sentences_markdown(marked_sentences(texts[citation.chunk_id], citation.quote or citation.text)))
    return "\n".join(parts)


@pytest.mark.parametrize("question", ["", "   ", "\n\t", None])
def test_empty_question_gets_a_prompt_to_ask(assistant: Assistant, question) -> None:
    calls = assistant.retriever.embedder.query_calls
    answer = assistant.ask(question)
    assert answer.answer == "Skriv en fråga om Nära vård-dokumenten."
    assert answer.abstained and answer.citations == ()
    assert assistant.retriever.embedder.query_calls == calls  # nothing was searched


def test_hundred_thousand_character_question_is_refused_without_searching(assistant: Assistant) -> None:
    calls = assistant.retriever.embedder.query_calls
    answer = assistant.ask("hemsjukvård " * 9_091)  # 100,001 characters
    assert answer.answer == (f"Frågan är för lång (högst {MAX_QUESTION_CHARS} tecken). Korta ned den och fråga igen.")
    assert assistant.retriever.embedder.query_calls == calls


def test_hundred_thousand_character_search_is_refused_without_searching(assistant: Assistant) -> None:
    # search has the same cap as ask (issue #14: a 1,000,000-character query took 200 s).
    calls = assistant.retriever.embedder.query_calls
    with pytest.raises(QuestionTooLongError) as refused:
        assistant.search(("distriktssköterskorna " * 5_000)[:100_000], k=3)
    assert refused.value.user_message.startswith(f"Frågan är för lång (högst {MAX_QUESTION_CHARS} tecken).")
    assert assistant.retriever.embedder.query_calls == calls
    passages = assistant.search(("distriktssköterskorna " * 100)[:MAX_QUESTION_CHARS], k=3)  # at the cap
    assert passages[0].doc_id == "hemsjukvard-i-kommunen-2021"


@pytest.mark.parametrize(
    "question",
    [
        "'; DROP TABLE embeddings; --",
        "hemsjukvården' OR '1'='1",
        'SELECT * FROM chunks WHERE doc_id = "x"; DELETE FROM chunks;',
        "Robert'); DROP TABLE indicators;-- vad är hemsjukvård?",
        '{"$where": "sleep(1000)"} distriktssköterskorna',
    ],
)
def test_sql_looking_question_is_just_text(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert isinstance(answer.answer, str) and answer.answer
    assert_no_live_markup(answer.answer)
    # The index is untouched: the ordinary question still gets its answer.
    assert "två gånger per år" in assistant.ask(QUESTION).answer
    assert assistant.retriever.vectors.count() == len(assistant.retriever.chunks)


@pytest.mark.parametrize(
    "question",
    [
        "<script>alert('x')</script> Hur ofta följer distriktssköterskorna upp hemsjukvården?",
        "![bild](http://127.0.0.1:9/x.png) Hur ofta följer distriktssköterskorna upp hemsjukvården?",
        '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">',
        "[klicka här](javascript:alert(1)) hemsjukvården",
    ],
)
def test_markup_in_the_question_is_never_rendered_or_fetched(
    assistant: Assistant, no_network: list[object], question: str
) -> None:
    answer = assistant.ask(question)
    assert_no_live_markup(answer.answer)
    assert_no_live_markup(rendered_sources(answer))
    assert no_network == []


def test_markup_in_a_document_is_escaped_in_the_answer_and_the_sources(
    assistant: Assistant, no_network: list[object]
) -> None:
    answer = assistant.ask("När har hälsocentralen i Gnesta öppet på lördagar?")
    assert not answer.abstained
    assert any(c.doc_id == "halsocentralen-gnesta" for c in answer.citations)
    assert "&lt;script&gt;" in answer.answer or "&lt;img" in answer.answer  # the markup is shown, as text
    assert_no_live_markup(answer.answer)
    sources = rendered_sources(answer)
    assert "&lt;script&gt;" in sources
    assert_no_live_markup(sources)
    assert no_network == []


def test_map_sentence_with_an_image_link_is_shown_as_text(assistant: Assistant, no_network: list[object]) -> None:
    answer = assistant.ask("Var finns vägbeskrivningen till hälsocentralen i Gnesta?")
    assert "!\\[karta\\](http://127.0.0.1:9/karta.png)" in answer.answer + rendered_sources(answer)
    assert_no_live_markup(answer.answer)
    assert_no_live_markup(rendered_sources(answer))
    assert no_network == []


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How often do the district nurses follow up home care?", "en"),
        ("Wie oft kontrollieren die Bezirkskrankenschwestern die häusliche Pflege?", "other"),
        ("À quelle fréquence les infirmières suivent-elles les soins à domicile ?", "other"),
        ("Kuinka usein piirisairaanhoitajat seuraavat kotisairaanhoitoa?", "other"),
        ("Как часто медсёстры проверяют уход на дому?", "other"),
        ("كم مرة تتابع الممرضات الرعاية المنزلية؟", "other"),
        ("护士多久跟进一次家庭护理？", "other"),
        ("🏥❓", "other"),
        ("???", "other"),
    ],
)
def test_question_in_another_language_gets_a_clear_answer(assistant: Assistant, question: str, language: str) -> None:
    answer = assistant.ask(question)
    assert answer.answer.strip()
    assert_no_live_markup(answer.answer)
    if language == "en":
        assert answer.answer.startswith(("According to the documents", ABSTAIN_EN))
    elif answer.abstained:
        assert answer.answer.startswith((ABSTAIN_SV, ABSTAIN_EN))
