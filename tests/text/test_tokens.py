"""Tests for assistant.text.tokens: the keyword tokens of Swedish text."""

from __future__ import annotations

from assistant.text.tokens import tokenize


def test_a_hard_c_meets_its_spelling_with_k():
    # One report writes both "närvårdscoordinatorer" and "närvårdskoordinatorer".
    assert tokenize("närvårdscoordinatorer") == tokenize("närvårdskoordinatorer")
    assert tokenize("sjukhuscoordinator") == tokenize("sjukhuskoordinator")


def test_a_soft_c_and_ck_stay_as_they_are():
    assert tokenize("cirka") != tokenize("kirka")  # c before i is no k
    assert tokenize("tack") != tokenize("tak")
    assert tokenize("choklad") == ["chokl"]
