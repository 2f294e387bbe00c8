"""Each gold set is scored on its own, and the printed report has one block per set and a summary row each."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluation.datasets import dev_sets
from assistant.evaluation.runner import evaluate_sets, report_lines
from assistant.models import Answer, Citation, Passage


def _passage(text: str) -> Passage:
    return Passage(chunk_id=text[:8], doc_id="d", title="t", section="s", text=text, page=None, score=1.0)


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _question(qid: str, text: str, evidence: list[str], facts: list[str]) -> dict:
    kind = "fact" if evidence else "unanswerable"
    doc = "a.txt" if evidence else None
    return {"id": qid, "persona": "analyst", "question": text, "type": kind, "doc": doc, "evidence": evidence,
            "answer_facts": facts, "notes": ""}  # fmt: skip


def _evals(root: Path) -> Path:
    _write(root / "questions" / "dev_a.jsonl", [_question("a1", "Vad är målbilden?", ["Målbilden 2035"], ["2035"])])
    _write(
        root / "questions" / "dev_b.jsonl",
        [
            _question("b1", "Hur många fokusområden?", ["Fyra fokusområden"], ["fyra"]),
            _question("b2", "Budget?", [], []),
        ],
    )
    conversation = {"id": "c1", "turns": ["Vad är målbilden?", "och när?"], "final_doc": "a.txt",
                    "final_evidence": ["Målbilden 2035"], "final_answer_facts": ["2035"], "notes": ""}  # fmt: skip
    _write(root / "conversations" / "talk.jsonl", [conversation])
    return root


PASSAGES = {"Vad är målbilden?": ["Målbilden 2035 är gemensam"], "Hur många fokusområden?": ["x", "Fyra fokusområden"]}


def search(question: str, k: int) -> list[Passage]:
    return [_passage(t) for t in PASSAGES.get(question, ["inget"])][:k]


def ask(question: str) -> Answer:
    if question == "Budget?":
        return Answer("Det står inte i dokumenten.", (), (), abstained=True)
    passages = tuple(search(question, 5))
    return Answer("Målbilden gäller 2035.", (Citation(passages[-1].text, "d", "t", "s", None, "d-1"),), passages)


def test_every_set_is_scored_on_its_own(tmp_path):
    sets = dev_sets(_evals(tmp_path))
    seen_history = []

    def chat(question, history):
        seen_history.append(len(history))
        return ask("Vad är målbilden?" if history else question)  # a follow-up resolved against the first turn

    report = evaluate_sets(sets, {"keyword": search, "fused": search}, ask, chat)["sets"]
    assert list(report) == ["dev_a", "dev_b", "talk"]
    assert report["dev_a"]["fused"]["overall"]["hit@1"] == 1.0
    assert report["dev_b"]["fused"]["overall"]["hit@1"] == 0.0 and report["dev_b"]["fused"]["overall"]["n"] == 1
    assert report["dev_b"]["answers"]["overall"]["abstention"] == 1.0
    assert report["dev_b"]["answers"]["overall"]["fact_recall"] == 0.0
    talk = report["talk"]["conversations"]["overall"]
    assert (talk["n"], talk["fact_recall"], talk["evidence_found"]) == (1, 1.0, 1.0)
    assert seen_history == [0, 2]


def test_without_answers_only_retrieval_is_scored(tmp_path):
    report = evaluate_sets(dev_sets(_evals(tmp_path)), {"fused": search})
    assert "answers" not in report["sets"]["dev_a"] and "conversations" not in report["sets"]["talk"]
    lines = report_lines(report)
    assert "samtal:  sista svaret utvärderas med --answers" in lines


def test_the_report_has_a_block_and_a_summary_row_per_set(tmp_path):
    report = evaluate_sets(
        dev_sets(_evals(tmp_path)),
        {"keyword": search, "fused": search},
        ask,
        lambda q, h: ask(h[0]["content"] if h else q),
    )
    lines = report_lines(report)
    headers = [line for line in lines if line.startswith("== ")]
    assert [h.split(":")[0] for h in headers] == ["== dev_a", "== dev_b", "== talk"]
    assert "== dev_b: 2 frågor, 1 besvarbara" in headers[1]
    assert any(line.startswith("fused    n=1  hit@1=0.0  hit@5=1.0") for line in lines)
    assert any(line.startswith("svar:   n=2  cited_evidence=1.0") for line in lines)
    summary = lines[lines.index(next(x for x in lines if x.startswith("Sammanfattning"))) + 1 :]
    assert summary[0].split()[:4] == ["mängd", "n", "träff@5", "MRR"]
    rows = {row.split()[0]: row.split() for row in summary[1:4]}
    assert rows["dev_b"][1:4] == ["2", "1.0", "0.5"]
    assert rows["talk"][1:6] == ["1", "–", "–", "1.0", "1.0"]  # evidence found, fact recall
