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


class _FakeRetriever:
    def __init__(self, passages):
        self.passages = passages

    def search(self, question, k=10):
        return self.passages[:k]

    keyword_search = vector_search = search


class _FakeAssistant:
    """What `assistant eval` uses of an Assistant: the retriever's three searches and ask(history=...)."""

    def __init__(self):
        from assistant.models import Passage

        passage = Passage(chunk_id="c", doc_id="d", title="t", section="s", text="Målbilden 2035", page=None, score=1)
        self.retriever = _FakeRetriever([passage])
        self.histories = []

    def ask(self, question, history=None, filters=None):
        from assistant.models import Answer

        self.histories.append(history)
        return Answer("Målbilden gäller 2035.", (), tuple(self.retriever.passages))


def _gold_files(root):
    import json

    question = {"id": "q1", "persona": "analyst", "question": "Vad är målbilden?", "type": "fact", "doc": "a.txt",
                "evidence": ["Målbilden 2035"], "answer_facts": ["2035"], "notes": ""}  # fmt: skip
    conversation = {"id": "c1", "turns": ["Vad är målbilden?", "och när?"], "final_doc": "a.txt",
                    "final_evidence": ["Målbilden 2035"], "final_answer_facts": ["2035"], "notes": ""}  # fmt: skip
    (root / "questions").mkdir()
    (root / "conversations").mkdir()
    (root / "questions" / "dev_x.jsonl").write_text(json.dumps(question) + "\n", encoding="utf-8")
    (root / "conversations" / "talk.jsonl").write_text(json.dumps(conversation) + "\n", encoding="utf-8")
    return root


def test_eval_runs_every_set_and_writes_the_report(tmp_path, monkeypatch, capsys):
    import json

    from assistant.evaluation import datasets

    fake = _FakeAssistant()
    monkeypatch.setattr(cli, "_open", lambda settings: fake)
    monkeypatch.setattr(datasets, "EVALS_DIR", _gold_files(tmp_path))
    out = tmp_path / "report.json"
    assert cli.main(["eval", "--answers", "--report", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "== dev_x: 1 frågor, 1 besvarbara" in printed and "== talk: 1 samtal" in printed
    assert "fused    n=1  hit@1=1.0" in printed and "svar:   n=1" in printed and "samtal: n=1" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["sets"]) == {"dev_x", "talk"}
    assert report["sets"]["talk"]["conversations"]["overall"]["fact_recall"] == 1.0
    assert fake.histories[-1] in ([("Vad är målbilden?", "Målbilden gäller 2035.")], [
        {"role": "user", "content": "Vad är målbilden?"},
        {"role": "assistant", "content": "Målbilden gäller 2035."},
    ])  # fmt: skip


def test_eval_questions_runs_one_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "_open", lambda settings: _FakeAssistant())
    path = _gold_files(tmp_path) / "questions" / "dev_x.jsonl"
    assert cli.main(["eval", "--questions", str(path)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("== ") == 1 and "== dev_x:" in printed and "svar:" not in printed
