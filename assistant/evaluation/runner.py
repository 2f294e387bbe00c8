"""Run the gold sets one by one: retrieval per retriever, answers and conversations, and their printed report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from assistant.evaluation.conversations import ChatAsk, score_conversations
from assistant.evaluation.datasets import DevSet, GoldQuestion
from assistant.evaluation.scoring import score_answers, score_retrieval
from assistant.models import Answer, Passage

Search = Callable[[str, int], list[Passage]]


def evaluate_set(
    dev_set: DevSet,
    retrievers: Mapping[str, Search],
    ask: Callable[[str], Answer] | None = None,
    chat: ChatAsk | None = None,
) -> dict:
    """One set's figures: retrieval per retriever for questions; with `ask` the answers, with `chat` conversations.

    The result keeps the shape of the earlier one-file report (`keyword`, `vector`, `fused`, `answers`) and
    adds the set's `name`, `kind`, `path` and `n`; a conversation set has `conversations` instead.
    """
    items = dev_set.load()
    result: dict = {"name": dev_set.name, "kind": dev_set.kind, "path": str(dev_set.path), "n": len(items)}
    if dev_set.kind == "conversations":
        if chat is not None:
            result["conversations"] = score_conversations(items, chat)
        return result
    questions: list[GoldQuestion] = items  # type: ignore[assignment]
    result["answerable"] = sum(1 for q in questions if q.answerable)
    for name, search in retrievers.items():
        result[name] = score_retrieval(questions, search)
    if ask is not None:
        result["answers"] = score_answers(questions, ask)
    return result


def evaluate_sets(
    dev_sets: Sequence[DevSet],
    retrievers: Mapping[str, Search],
    ask: Callable[[str], Answer] | None = None,
    chat: ChatAsk | None = None,
) -> dict:
    """Every set on its own, by name (see evaluate_set)."""
    return {"sets": {s.name: evaluate_set(s, retrievers, ask, chat) for s in dev_sets}}


def report_lines(report: dict, retrievers: Sequence[str] = ("keyword", "vector", "fused")) -> list[str]:
    """The printable report: one block per set, then a summary table with one row per set (Swedish)."""
    lines: list[str] = []
    for result in report["sets"].values():
        lines += _set_lines(result, retrievers)
        lines.append("")
    return lines + summary_lines(report)


def _set_lines(result: dict, retrievers: Sequence[str]) -> list[str]:
    if result["kind"] == "conversations":
        lines = [f"== {result['name']}: {result['n']} samtal ({result['path']}) =="]
        if "conversations" not in result:
            return lines + ["samtal:  sista svaret utvärderas med --answers"]
        scored = result["conversations"]
        lines.append("samtal: " + _pairs(scored["overall"]))
        for doc, summary in scored["by_doc"].items():
            lines.append(f"  {doc:28s} " + _pairs(summary))
        return lines
    lines = [f"== {result['name']}: {result['n']} frågor, {result['answerable']} besvarbara ({result['path']}) =="]
    for name in retrievers:
        if name in result:
            lines.append(f"{name:8s} " + _pairs(result[name]["overall"]))
    if "fused" in result:
        lines.append("fused per typ:")
        for kind, summary in result["fused"]["by_type"].items():
            lines.append(f"  {kind:22s} n={summary['n']} hit@5={summary['hit@5']} mrr={summary['mrr']}")
    if "answers" in result:
        lines.append("svar:   " + _pairs(result["answers"]["overall"]))
        for kind, summary in result["answers"]["by_type"].items():
            lines.append(f"  {kind:22s} " + _pairs(summary))
    return lines


def _pairs(summary: dict) -> str:
    return "  ".join(f"{k}={v}" for k, v in summary.items())


SUMMARY_COLUMNS = (
    ("mängd", None),
    ("n", None),
    ("träff@5", ("fused", "hit@5")),
    ("MRR", ("fused", "mrr")),
    ("belagda", ("answers", "cited_evidence")),
    ("fakta", ("answers", "fact_recall")),
    ("svarar", ("answers", "answer_rate")),
    ("avstår", ("answers", "abstention")),
    ("median", ("answers", "median_chars")),
    ("p50 ms", ("answers", "p50_ms")),
    ("p95 ms", ("answers", "p95_ms")),
)


def summary_lines(report: dict) -> list[str]:
    """One row per set: fused retrieval and answer figures for question sets, last-turn figures for conversations."""
    rows = [[title for title, _ in SUMMARY_COLUMNS]]
    for result in report["sets"].values():
        rows.append([result["name"], str(result["n"]), *(_summary_cell(result, key) for _, key in SUMMARY_COLUMNS[2:])])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["Sammanfattning (fusionssökning; svar och samtal med --answers):"]
    lines += [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    ]
    if any(r["kind"] == "conversations" for r in report["sets"].values()):
        lines.append("Samtal: det sista svaret; belagda = belägget bland dess källor eller fem första passager.")
    return lines


def _summary_cell(result: dict, key: tuple[str, str]) -> str:
    section, metric = key
    if result["kind"] == "conversations":
        overall = result.get("conversations", {}).get("overall", {})
        renamed = {"cited_evidence": "evidence_found", "answer_rate": None, "abstention": None}
        metric = renamed.get(metric, metric)
        value = overall.get(metric) if metric else None
    else:
        value = result.get(section, {}).get("overall", {}).get(metric)
    return "–" if value is None else str(value)
