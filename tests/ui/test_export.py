"""Tests for assistant.ui.export: a conversation as Markdown with sources, its citations as CSV, an answer as text."""

from __future__ import annotations

import csv
import io

from assistant.models import Answer, Citation, ToolResult
from assistant.ui.export import answer_text, citations_csv, conversation_markdown, sources_of
from assistant.ui.text import WORD_JOINER
from assistant.ui.turns import ChatTurn

CITED = Citation("Ansvaret delas mellan regionen och kommunen.", "d", "Rapport", "Ansvar", 2, "d-1", "Ansvaret delas")
ROW = Citation('=HYPERLINK("http://evil.example")', "f", "Färdplan", "Satsningar", 9)
TOOL = ToolResult("initiatives", {}, ("Satsning",), ({"Satsning": "A"},), (ROW, CITED))
ANSWER = Answer(
    "Enligt dokumenten: regionen \\[och\\] kommunen &amp; www.x.se [1].\n- rad [2]", (CITED,), (), tool_calls=(TOOL,)
)
TURNS = [ChatTurn("=Vem ansvarar?", ANSWER), ChatTurn("Och sen?", error="Sökningen gick inte att genomföra just nu.")]


def test_sources_are_the_answers_own_then_new_table_rows() -> None:
    assert sources_of(ANSWER) == [CITED, ROW]


def test_an_answer_copies_as_plain_text_with_numbered_sources() -> None:
    assert answer_text(ANSWER) == (
        "Enligt dokumenten: regionen [och] kommunen & www.x.se [1].\n- rad [2]\n\n"
        "Källor:\n[1] Rapport · Ansvar · s. 2\n[2] Färdplan · Satsningar · s. 9"
    )


def test_the_conversation_as_markdown_has_every_question_answer_and_source_with_inert_addresses() -> None:
    text = conversation_markdown(TURNS, "Hemsjukvård")
    assert text.startswith("# Hemsjukvård\n\n## Fråga 1: =Vem ansvarar?\n")
    assert f"www{WORD_JOINER}.x.se" in text and "www.x.se" not in text
    assert "1. Rapport · Ansvar · s. 2\n   > Ansvaret delas" in text
    assert "2. Färdplan · Satsningar · s. 9" in text
    assert "## Fråga 2: Och sen?\n\n_Sökningen gick inte att genomföra just nu._" in text


def test_the_citations_csv_has_a_row_per_source_and_neutralises_formula_cells() -> None:
    rows = list(csv.reader(io.StringIO(citations_csv(TURNS))))
    assert rows[0][:4] == ["fråga nr", "fråga", "källa nr", "dokument"]
    assert [r[:4] for r in rows[1:]] == [
        ["1", "'=Vem ansvarar?", "1", "Rapport"],
        ["1", "'=Vem ansvarar?", "2", "Färdplan"],
    ]
    assert rows[2][-1] == '\'=HYPERLINK("http://evil.example")'
