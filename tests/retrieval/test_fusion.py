"""Tests for assistant.retrieval.fusion: reciprocal rank fusion computed by hand."""

from __future__ import annotations

import pytest

from assistant.retrieval.fusion import reciprocal_rank_fusion


def test_item_ranked_first_in_both_lists_scores_two_over_61() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["a", "b"], "vector": ["a", "c"]}, k=60)
    top_id, top_score, top_ranks = fused[0]
    assert top_id == "a"
    assert top_score == pytest.approx(2 / 61)
    assert top_ranks == {"keyword": 1, "vector": 1}


def test_scores_and_order_for_two_lists() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["a", "b", "c"], "vector": ["c", "a"]}, k=60)
    scores = {item: score for item, score, _ in fused}
    assert scores["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert scores["b"] == pytest.approx(1 / 62)
    assert scores["c"] == pytest.approx(1 / 63 + 1 / 61)
    assert [item for item, _, _ in fused] == ["a", "c", "b"]


def test_ranks_dict_lists_only_the_rankings_that_contain_the_item() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["x", "y"], "vector": ["z", "y"]}, k=60)
    ranks = {item: r for item, _, r in fused}
    assert ranks == {"x": {"keyword": 1}, "y": {"keyword": 2, "vector": 2}, "z": {"vector": 1}}


def test_weights_scale_each_ranking() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["a"], "vector": ["b"]}, weights={"keyword": 0.5, "vector": 2.0}, k=10)
    assert fused == [("b", pytest.approx(2.0 / 11), {"vector": 1}), ("a", pytest.approx(0.5 / 11), {"keyword": 1})]


def test_missing_weight_defaults_to_one() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["a"], "vector": ["b"]}, weights={"keyword": 3.0}, k=1)
    assert dict((item, score) for item, score, _ in fused) == {"a": pytest.approx(1.5), "b": pytest.approx(0.5)}


def test_zero_weight_ranking_does_not_change_the_order() -> None:
    fused = reciprocal_rank_fusion(
        {"keyword": ["a", "b"], "vector": ["b", "a"]}, weights={"keyword": 1.0, "vector": 0.0}, k=60
    )
    assert [item for item, _, _ in fused] == ["a", "b"]


def test_smaller_k_makes_top_ranks_count_more() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["a", "b"]}, k=1)
    assert [score for _, score, _ in fused] == [pytest.approx(1 / 2), pytest.approx(1 / 3)]


def test_ties_are_broken_by_id() -> None:
    fused = reciprocal_rank_fusion({"keyword": ["b"], "vector": ["a"]}, k=60)
    assert [item for item, _, _ in fused] == ["a", "b"]


def test_empty_rankings_give_empty_result() -> None:
    assert reciprocal_rank_fusion({"keyword": [], "vector": []}) == []


@pytest.mark.parametrize("k", [0, -1])
def test_non_positive_k_is_refused(k: int) -> None:
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({"keyword": ["a"]}, k=k)
