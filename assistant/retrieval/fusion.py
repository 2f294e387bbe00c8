"""Reciprocal rank fusion of several ranked lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]],
    weights: Mapping[str, float] | None = None,
    k: int = 60,
) -> list[tuple[str, float, dict[str, int]]]:
    """Fuse ranked id lists; returns (id, fused score, {ranking name: 1-based rank}) best first."""
    if k <= 0:
        raise ValueError("k must be positive")
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ids in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, item in enumerate(ids, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
            ranks.setdefault(item, {})[name] = rank
    ordered = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    return [(item, score, ranks[item]) for item, score in ordered]
