"""The command line: table options reach the tools, and a table answer's message is printed."""

from __future__ import annotations

from assistant import cli
from assistant.models import Citation
from assistant.tables.tools import ToolResult


def test_table_filters_are_command_line_options():
    args = cli._parser().parse_args(["initiatives", "--starts-in", "2024", "--ends-in", "2026"])
    assert (args.starts_in, args.ends_in) == (2024, 2026)
    assert cli._parser().parse_args(["indicators", "--missing", "målnivå"]).missing == "målnivå"


def test_a_table_answers_message_is_printed_before_its_rows(capsys):
    citation = Citation(text="Rad", doc_id="dok", title="Dokument", section="Avsnitt", page=None, chunk_id="dok-1")
    message = "1 mått anger ingen datakälla."
    result = ToolResult("measures", {}, ("Titel",), ({"Titel": "Våld/Kvinnofrid"},), (citation,), message)
    assert cli._print_tool_result(result) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 mått anger ingen datakälla." and "Våld/Kvinnofrid" in lines[1]
