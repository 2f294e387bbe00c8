"""Find names in the tables the way users type them: misspelt, without å/ä/ö, as part of a question."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from assistant.text.folding import fold

MIN_NAME_SCORE = 80
SUGGESTIONS = 3


def best_matches(query: str, names: Sequence[str], limit: int = 5, min_score: int = MIN_NAME_SCORE) -> list[int]:
    """Indices of the names that match the query (folded, typo tolerant), best first."""
    folded_query = fold(query)
    if not folded_query or not names:
        return []
    folded = [fold(n) for n in names]
    scored = []
    for index, name in enumerate(folded):
        score = max(fuzz.WRatio(folded_query, name), fuzz.token_set_ratio(folded_query, name))
        if score >= min_score:
            scored.append((score, -len(name), index))
    scored.sort(reverse=True)
    return [index for _, _, index in scored[:limit]]


def closest_names(query: str, names: Sequence[str], limit: int = SUGGESTIONS) -> tuple[str, ...]:
    """The nearest names for a "hittade inget" message, whatever their score."""
    unique = list(dict.fromkeys(n for n in names if n))
    found = process.extract(fold(query), [fold(n) for n in unique], scorer=fuzz.WRatio, limit=limit)
    return tuple(unique[index] for _, _, index in found)
