"""Which row a question names: its words cover the distinctive words of a row's name, an acronym of the
name, a long word only that name has, or retrieval ranked the row's own passage near the top."""

from __future__ import annotations

import re

from assistant.index.keyword_index import tokenize
from assistant.text.folding import fold

MIN_RETRIEVED_COVERAGE = 0.3
MIN_NAMING_WORD = 8
# Words that name the whole subject rather than one row ("Nära vård i Sörmland", "region").
GENERIC_WORDS = set(tokenize("sörmland nära vård region regionens kommun andel antal inom vid och personer"))
ACRONYM = re.compile(r"\b[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*\b")


def best_named(stems: set[str], names: list[str], min_coverage: float, folded: str = "") -> str | None:
    """The name whose distinctive words the question covers best (at least min_coverage of them).

    One shared word is not a name: "SIP" alone must not pick "Andel SIP, kommun" for "SIP-kollen".
    An acronym of the name used in the question ("ANDTS-indikatorn") counts as naming it.
    """
    best, best_score = None, (0.0, 0)
    for name in dict.fromkeys(names):
        wanted = distinctive(name)
        if not wanted:
            continue
        covered = len(wanted & stems) + acronym_bonus(name, folded)
        score = (min(covered / len(wanted), 1.0), covered)
        single_word_named = len(wanted) == 1 and (fold(name).strip(" .") in folded or _long_word_covered(wanted, stems))
        if score[0] >= min_coverage and (covered >= 2 or single_word_named) and score > best_score:
            best, best_score = name, score
    return best


def most_shared(stems: set[str], names: list[str]) -> str | None:
    """The one name sharing the most distinctive words with the question (None when none or a tie)."""
    scored = sorted(((len(distinctive(n) & stems), n) for n in names), reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def unique_word_named(stems: set[str], names: list[str]) -> str | None:
    """The one name that a long word of the question occurs in and no other name does ("Kontinuitetsindex")."""
    owners: dict[str, set[str]] = {}
    for name in names:
        for word in distinctive(name):
            if len(word) >= MIN_NAMING_WORD:
                owners.setdefault(word, set()).add(name)
    found = {next(iter(o)) for word, o in owners.items() if word in stems and len(o) == 1}
    return found.pop() if len(found) == 1 else None


def _long_word_covered(wanted: set[str], stems: set[str]) -> bool:
    """A name's one distinctive word, long enough to name it alone ("omsorgscollege", not "sip")."""
    return any(len(word) >= MIN_NAMING_WORD and word in stems for word in wanted)


def distinctive(name: str) -> set[str]:
    """The words of a name that tell it apart (all its words when every one is generic)."""
    return set(tokenize(name)) - GENERIC_WORDS or set(tokenize(name))


def acronym_bonus(name: str, folded: str) -> int:
    """2 (two words' worth) when the question uses an acronym of the name ("ANDTS"), else 0."""
    acronyms = [fold(a) for a in ACRONYM.findall(name) if len(a) >= 3]
    return 2 if any(re.search(rf"\b{re.escape(a)}\b", folded) for a in acronyms) else 0


def more_covered(retrieved: str | None, named: str | None, stems: set[str], folded: str) -> str | None:
    """Of a retrieved and a named candidate, the one the question covers with more words (retrieved on ties)."""
    if not retrieved or not named:
        return retrieved or named

    def covered(name: str) -> int:
        return len(distinctive(name) & stems) + acronym_bonus(name, folded)

    return named if covered(named) > covered(retrieved) else retrieved


def named_inside(folded: str, names: list[str]) -> str | None:
    """A one-word name used inside a compound of the question ("samsjuklighetssatsningen")."""
    for name in names:
        key = fold(name).strip(" .")
        if " " not in key and len(key) >= 6 and key in folded:
            return name
    return None


def retrieved_row(
    rows: list[dict], name_field: str, top_chunks: list[str], stems: set[str], folded: str = ""
) -> str | None:
    """The name of the row whose source passage retrieval ranked highest, if the question shares its words."""
    for chunk_id in top_chunks:
        candidates = [r for r in rows if r.get("source_chunk_id") == chunk_id]
        scored = []
        for row in candidates:
            wanted = distinctive(row[name_field])
            covered = len(wanted & stems) + acronym_bonus(row[name_field], folded)
            coverage = covered / len(wanted) if wanted else 0.0
            scored.append((coverage, row[name_field]))
        if scored:
            coverage, name = max(scored)
            if coverage >= MIN_RETRIEVED_COVERAGE:
                return name
    return None
