"""Passages defining the term a question asks about (assistant/tables/definitions.py)."""

from __future__ import annotations

pytest_plugins = ["table_fixtures"]  # corpus, tables_dir, tools


def test_definitional_questions_find_the_glossary_passage(corpus, tools):
    from assistant.tables.definitions import abbreviation_expansions, definition_chunk_ids

    chunk_text = {c.chunk_id: c.text for c in corpus.chunks}
    ids = definition_chunk_ids("Vad står begreppet nära vård för?", tools)
    assert ids and "samskapa med invånare" in chunk_text[ids[0]]
    assert all("RSS" in chunk_text[i] for i in definition_chunk_ids("Vad är RSS?", tools))
    assert "samverkans- och stödstrukturer" in abbreviation_expansions("Vad betyder RSS?", tools).lower()
    assert definition_chunk_ids("Hur många deltog i RSS-nätverket 2023?", tools) == []  # not a definition question
    assert definition_chunk_ids("Vad är SIP-kollen för något?", tools) == []  # another name, not SIP
