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


def test_fit_abstention_reports_held_out_folds_and_writes_only_when_asked(tmp_path, monkeypatch, capsys):
    """On the tiny corpus: questions it answers and near misses it does not; the model is fitted, reported per
    fold and written to the given path only with --write."""
    import json

    from conftest import MD_NAME, MD_TEXT, TXT_NAME, TXT_TEXT, FakeEmbedder

    from assistant import Assistant, Settings
    from assistant.evaluation import fit_abstention

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / TXT_NAME).write_text(TXT_TEXT, encoding="utf-8")
    (corpus / MD_NAME).write_text(MD_TEXT, encoding="utf-8")
    settings = Settings.load(environ={}, corpus_dir=str(corpus), index_dir=str(tmp_path / "index"))
    assistant = Assistant.from_config(settings, embedder=FakeEmbedder())
    answered = ["Hur delas ansvaret för hemsjukvården?", "Hur ofta följs hemsjukvården upp?",
                "Vem ansvarar för fysioterapi i hemmet?", "Vad är målet med rehabiliteringen?",
                "Hur många patienter omfattar avtalet?", "Vilka orter omfattar avtalet?"]  # fmt: skip
    missed = ["Hur mycket kostade avtalet i kronor?", "Vem är chef i Uppsala?",
              "Hur många arbetsterapeuter anställdes 2022?", "Vilket datum skrevs avtalet i Halland?"]  # fmt: skip
    rows = [
        {"id": f"q{i}", "persona": "analyst", "question": q, "type": "fact" if q in answered else "unanswerable",
         "doc": TXT_NAME if q in answered else None, "evidence": ["x"] if q in answered else [],
         "answer_facts": ["x"] if q in answered else []}
        for i, q in enumerate(answered + missed)
    ]  # fmt: skip
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "dev_tiny.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    target = tmp_path / "model.json"
    monkeypatch.setattr(cli, "_open", lambda settings: assistant)
    monkeypatch.setattr(fit_abstention, "MODEL_FILE", target)
    monkeypatch.setattr(fit_abstention.write_model, "__defaults__", (target,))

    assert cli.main(["fit-abstention", "--questions", str(folder), "--folds", "2"]) == 0
    printed = capsys.readouterr().out
    assert "2-delad korsvalidering" in printed and "medel" in printed and "tröskel" in printed
    assert not target.exists()
    assert cli.main(["fit-abstention", "--questions", str(folder), "--folds", "2", "--write"]) == 0
    model = json.loads(target.read_text(encoding="utf-8"))
    assert model["trained_on"].startswith("10 dev questions") and len(model["weights"]) == len(model["names"])


def test_the_fits_say_in_swedish_that_they_need_the_test_tools_when_scikit_learn_is_missing(monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)  # as in the app's environment: import sklearn fails
    monkeypatch.setattr(cli, "_open", lambda settings: (_ for _ in ()).throw(AssertionError("opened the index")))
    for command in ("fit-abstention", "fit-answer"):
        assert cli.main([command]) == 2
        err = capsys.readouterr().err
        assert "scikit-learn" in err and "bash run.sh test" in err and "Traceback" not in err


def test_filter_values_no_document_has_are_named_in_swedish(monkeypatch, capsys):
    from types import SimpleNamespace

    from assistant.models import DocumentInfo

    documents = {"fardplan-2025": DocumentInfo("fardplan-2025", "Färdplan", "f.txt", date="2025", kind="färdplan")}

    class Filtered:
        tables = SimpleNamespace(documents=documents)

        def ask(self, *args, **kwargs):
            raise AssertionError("a filter that matches nothing is not searched")

        search = ask

    monkeypatch.setattr(cli, "_open", lambda settings: Filtered())
    assert cli.main(["ask", "Vad är Nära vård?", "--doc", "fardplan"]) == 2
    printed = capsys.readouterr().out
    assert "Inget indexerat dokument heter fardplan (--doc). Finns: fardplan-2025." in printed
    assert cli.main(["search", "mobila team", "--kind", "rapport", "--year", "2031"]) == 2
    printed = capsys.readouterr().out
    assert "Ingen indexerad dokumenttyp heter rapport (--kind). Finns: färdplan." in printed
    assert "Inget indexerat dokument är från år 2031 (--year). Finns: 2025." in printed


def test_filters_without_a_document_catalogue_say_they_cannot_be_checked(monkeypatch, capsys):
    from types import SimpleNamespace

    class Uncatalogued:
        tables = SimpleNamespace(documents={})

        def search(self, *args, **kwargs):
            raise AssertionError("not searched")

    monkeypatch.setattr(cli, "_open", lambda settings: Uncatalogued())
    assert cli.main(["search", "mobila team", "--doc", "nope"]) == 2
    assert "saknar dokumentkatalog" in capsys.readouterr().out


def test_the_terminal_shows_the_answers_headings_as_words_and_a_documents_hash_as_written():
    shown = cli.terminal_text("Enligt dokumenten:\n\n#### Sörmland\nEtt. [1]\n\\# Rubrik i dokumentet")
    assert shown == "Enligt dokumenten:\n\nSörmland:\nEtt. [1]\n# Rubrik i dokumentet"
