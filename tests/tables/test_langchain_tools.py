"""The table tools on the LLM path: each row a numbered source, cited by the passage it was read from."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MD_NAME, MD_TEXT, TXT_NAME, TXT_TEXT, FakeEmbedder
from llm_stub_server import LLMStubServer, RecordedRequest, Reply

from assistant import Assistant, Settings
from assistant.tables import TableTools
from assistant.tables.extract.records import Provenance, TableRow
from assistant.tables.langchain_tools import langchain_tools
from assistant.tables.store import write_tables

PASSAGE = "Besökskort\nFörbättra fysiska möten för personer med funktionsnedsättningar.\n2024-tv Alla kommuner"
QUESTION = "Vad är målet med satsningen besökskort?"


@pytest.fixture
def stub():
    server = LLMStubServer().start()
    yield server
    server.stop()


@pytest.fixture
def table_tools(tmp_path: Path) -> TableTools:
    title = "Färdplan för Nära vård i Sörmland"
    source = Provenance("fardplan-2025", title, "Länsgemensamma satsningar", 5, 0, 90, PASSAGE)
    fields = {
        "insatsomrade": "5. Personcentrering av hälso- och sjukvården",
        "satsning": "Besökskort",
        "mal": "Förbättra fysiska möten för personer med funktionsnedsättningar.",
        "tid": "2024-tv",
        "start": "2024",
        "slut": "tills vidare",
        "utforare": "Alla kommuner",
    }
    write_tables(tmp_path / "tables.sqlite", [TableRow("initiatives", fields, source)])
    return TableTools(tmp_path)


@pytest.fixture
def assistant(tmp_path_factory, stub, table_tools, monkeypatch) -> Assistant:
    folder = tmp_path_factory.mktemp("llm-tables")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in {TXT_NAME: TXT_TEXT, MD_NAME: MD_TEXT}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    base = Settings.load(environ={}, corpus_dir=str(corpus), index_dir=str(folder / "index"))
    built = Assistant.from_config(base, embedder=FakeEmbedder())
    settings = Settings.load(
        environ={},
        corpus_dir=str(corpus),
        index_dir=str(folder / "index"),
        llm="openai:stub-model",
        llm_base_url=f"{stub.url}/v1",
        llm_timeout=30.0,
    )
    with_llm = Assistant(settings, built.retriever)
    monkeypatch.setattr(with_llm, "llm_tools", lambda filters=None: langchain_tools(table_tools, filters))
    return with_llm


def _cite_the_row(request: RecordedRequest) -> Reply:
    (tool_text,) = request.texts_of("tool")
    number = tool_text.split("[", 2)[1].split("]", 1)[0]
    return Reply(f"Besökskort ska förbättra fysiska möten [{number}].")


def test_a_table_row_is_cited_by_its_own_passage(assistant, stub):
    stub.script(Reply(tool_calls=(("find_initiative", {"name": "besökskort"}),)), _cite_the_row)
    answer = assistant.ask(QUESTION)

    assert answer.backend == "llm:openai:stub-model", answer.notes
    (citation,) = answer.citations
    assert (citation.doc_id, citation.text, citation.page) == ("fardplan-2025", PASSAGE, 5)
    (result,) = answer.tool_calls
    assert result.rows[0]["Satsning"] == "Besökskort" and "härlett" in result.rows[0]["Status"]
    tool_text = stub.requests[1].texts_of("tool")[0]
    assert "> Rad: " in tool_text and "Besökskort" in tool_text
    assert "Besökskort" not in stub.requests[1].texts_of("system")[0]


def test_the_llm_tools_are_the_lookups_offered_to_it(table_tools):
    from assistant.tables import LOOKUPS

    tools = langchain_tools(table_tools)
    assert [t.name for t in tools] == [lookup.llm_tool for lookup in LOOKUPS if lookup.llm_tool]
    by_name = {t.name: t for t in tools}
    assert by_name["list_decisions"].args.keys() == {"body", "year"}  # topic is not offered
    assert by_name["find_initiative"].tool_call_schema.model_json_schema()["required"] == ["name"]
    assert by_name["list_initiatives"].args["year"] == {"default": 0, "title": "Year", "type": "integer"}


def test_a_tool_gives_the_rows_with_their_source_line_and_the_result(table_tools):
    import json

    (find_initiative,) = [t for t in langchain_tools(table_tools) if t.name == "find_initiative"]
    message = find_initiative.invoke(
        {"type": "tool_call", "id": "1", "name": "find_initiative", "args": {"name": "besök"}}
    )
    (row,) = json.loads(message.content)
    assert row["Satsning"] == "Besökskort"
    assert row["källa"] == "Färdplan för Nära vård i Sörmland – Länsgemensamma satsningar, s. 5"
    assert message.artifact.rows[0]["Satsning"] == "Besökskort"


def test_an_optional_argument_left_at_its_default_is_not_given(table_tools):
    (list_initiatives,) = [t for t in langchain_tools(table_tools) if t.name == "list_initiatives"]
    call = {"type": "tool_call", "id": "1", "name": "list_initiatives", "args": {"status": "", "year": 0}}
    assert list_initiatives.invoke(call).artifact.arguments == {"insatsomrade": None, "status": None, "year": None}


def test_no_tables_no_tools(tmp_path):
    assert langchain_tools(TableTools(tmp_path / "nothing")) == []


def test_a_tool_leaves_out_rows_of_documents_the_filters_exclude(table_tools):
    from assistant.retrieval.filters import SearchFilters

    call = {"type": "tool_call", "id": "1", "name": "find_initiative", "args": {"name": "besök"}}

    def found(filters: SearchFilters) -> int:
        (tool,) = [t for t in langchain_tools(table_tools, filters) if t.name == "find_initiative"]
        return len(tool.invoke(call).artifact.rows)

    assert found(SearchFilters(doc_ids=("fardplan-2025",))) == 1
    assert found(SearchFilters(doc_ids=("bilagor-projektrapport",))) == 0
