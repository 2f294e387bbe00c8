"""Fit the weights that choose the sentence answer's units (answer/answer_weights.py) on the dev questions and
conversations, report the fit with k-fold cross-validation, and write the weights the assistant ships.

Each item is an answerable dev question, or a dev conversation's last turn asked with the turns before it as
history; its evidence is gathered once, as `ask` gathers it. The objective is the mean fact recall of what the
answer would say (the abstention decision is fitted apart, by `assistant fit-abstention`, and left out here),
ties going to the shorter answers. The search is coordinate ascent over a small grid of candidates per weight,
from the hand-set defaults, until no single change helps. Every figure reported for a fold comes from weights
fitted without that fold; the hand-set defaults are scored on the same folds beside them.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.answer.abstention_model import NoAbstention
from assistant.answer.answer_weights import HAND_SET, WEIGHTS_FILE, AnswerWeights
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.protocol import Evidence
from assistant.evaluation.conversations import chat_ask
from assistant.evaluation.crossval import CrossValReport, cross_validate
from assistant.evaluation.datasets import GoldConversation, GoldQuestion
from assistant.evaluation.scoring import found_facts
from assistant.question import Question

# The candidates of each weight, the hand-set default among them. Not tuned on the questions: a spread around
# the default wide enough to show whether the weight matters.
GRID: dict[str, tuple[float, ...]] = {
    "rank_bonus": (0.3, 0.45, 0.6, 0.8),
    "rank_decay": (0.2, 0.4, 0.8),
    "value_bonus": (0.0, 0.1, 0.2, 0.3, 0.4),
    "floor_share": (0.5, 0.6, 0.7),
    "read_on": (0, 1, 2, 3),
    "passage_context": (0.0, 0.15, 0.3, 0.5),
    "read_passages": (5, 6, 8, 10, 12),
}
GATHERED_PASSAGES = max(GRID["read_passages"])  # the evidence is gathered once, as deep as any candidate reads
MAX_ROUNDS = 3

Gold = GoldQuestion | GoldConversation


@dataclass(frozen=True)
class AnswerItem:
    """One question to fit on: the gold item, the facts its answer must hold, and its gathered evidence."""

    gold: Gold
    facts: tuple[str, ...]
    question: Question
    evidence: Evidence


@dataclass(frozen=True)
class Said:
    """What an answer with some weights said of one item: its fact recall and its length."""

    recall: float
    chars: int


def collect_items(assistant, questions: Sequence[GoldQuestion], conversations: Sequence[GoldConversation]):
    """The answerable questions and the conversations' last turns, each with its evidence as `ask` gathers it."""
    items = [
        AnswerItem(q, tuple(q.answer_facts), *assistant.gather(q.question, k=GATHERED_PASSAGES))
        for q in questions
        if q.answerable and q.answer_facts
    ]
    ask = chat_ask(assistant.ask)
    for conversation in conversations:
        if not conversation.final_answer_facts:
            continue
        history: list[dict[str, str]] = []
        for turn in conversation.turns[:-1]:
            answer = ask(turn, list(history))
            history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.answer}]
        asked, evidence = assistant.gather(conversation.turns[-1], history, k=GATHERED_PASSAGES)
        items.append(AnswerItem(conversation, tuple(conversation.final_answer_facts), asked, evidence))
    return items


class AnswerScorer:
    """What each item's answer says under given weights, computed once per weights and item."""

    def __init__(self, items: Sequence[AnswerItem]) -> None:
        self.items = {item.gold.id: item for item in items}
        self._said: dict[tuple[AnswerWeights, str], Said] = {}

    def said(self, weights: AnswerWeights, ids: Sequence[str]) -> list[Said]:
        answerer = ExtractiveAnswerer(decision=NoAbstention(), tuning=weights)
        out = []
        for item_id in ids:
            key = (weights, item_id)
            if key not in self._said:
                item = self.items[item_id]
                text = answerer.answer(item.question, item.evidence).answer
                self._said[key] = Said(len(found_facts(item.facts, text)) / len(item.facts), len(text))
            out.append(self._said[key])
        return out

    def objective(self, weights: AnswerWeights, ids: Sequence[str]) -> tuple[float, float]:
        """Mean fact recall (higher is better), then minus the mean length (shorter wins a tie)."""
        said = self.said(weights, ids)
        return statistics.fmean(s.recall for s in said), -statistics.fmean(s.chars for s in said)

    def figures(self, weights: AnswerWeights, ids: Sequence[str]) -> dict[str, float]:
        said = self.said(weights, ids)
        return {
            "fact_recall": statistics.fmean(s.recall for s in said),
            "median_chars": statistics.median(s.chars for s in said),
        }


def fit_weights(scorer: AnswerScorer, ids: Sequence[str], start: AnswerWeights = HAND_SET) -> AnswerWeights:
    """Coordinate ascent over GRID on the items `ids`: change one weight at a time while that helps."""
    best, best_value = start, scorer.objective(start, ids)
    for _ in range(MAX_ROUNDS):
        improved = False
        for name, candidates in GRID.items():
            for candidate in candidates:
                trial = replace(best, **{name: type(getattr(best, name))(candidate)})
                value = scorer.objective(trial, ids)
                if value > best_value:
                    best, best_value, improved = trial, value, True
        if not improved:
            break
    return best


def cross_validated(scorer: AnswerScorer, k: int = 5, seed: int = 0) -> tuple[CrossValReport, list[AnswerWeights]]:
    """Per held-out fold: the fact recall and median length with the weights fitted on the other folds, and
    with the hand-set defaults on the same fold. Returns the report and each fold's weights."""
    fitted: list[AnswerWeights] = []

    def fit(train: list[Gold]) -> AnswerWeights:
        weights = fit_weights(scorer, [g.id for g in train])
        fitted.append(weights)
        return weights

    def score(weights: AnswerWeights, test: list[Gold]) -> dict[str, float]:
        ids = [g.id for g in test]
        figures = scorer.figures(weights, ids)
        hand = scorer.figures(HAND_SET, ids)
        return {
            "fact_recall": figures["fact_recall"],
            "hand_set_recall": hand["fact_recall"],
            "median_chars": figures["median_chars"],
            "hand_set_median": hand["median_chars"],
        }

    golds = [item.gold for item in scorer.items.values()]
    return cross_validate(golds, fit, score, k=k, seed=seed), fitted


def write_weights(weights: AnswerWeights, path: Path = WEIGHTS_FILE) -> Path:
    """Write the weights as the JSON the assistant loads."""
    path.write_text(json.dumps(weights.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def fit_and_report(
    assistant,
    questions: Sequence[GoldQuestion],
    conversations: Sequence[GoldConversation],
    write: bool,
    k: int = 5,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Fit on all items, print the cross-validated figures (per fold and mean) and each fold's weights, and
    write the shipped weights when `write`. Returns the printed lines."""
    items = collect_items(assistant, questions, conversations)
    scorer = AnswerScorer(items)
    if progress:
        progress(f"{len(items)} frågor och samtal att anpassa på")
    report, fitted = cross_validated(scorer, k, seed)
    lines = ["Svarets vikter, korsvaliderat (vikterna för varje vikning har inte sett den):"]
    lines += report.table().splitlines()
    lines.append("Vikterna per vikning:")
    lines += [f"  {index}: {_weights_text(weights)}" for index, weights in enumerate(fitted)]
    ids = [item.gold.id for item in items]
    weights = replace(fit_weights(scorer, ids), trained_on=f"{len(items)} dev questions and conversations")
    lines.append(f"På alla: {_weights_text(weights)}")
    if write:
        lines.append(f"Skrev {write_weights(weights)}")
    return lines


def _weights_text(weights: AnswerWeights) -> str:
    return ", ".join(f"{name}={getattr(weights, name)}" for name in GRID)
