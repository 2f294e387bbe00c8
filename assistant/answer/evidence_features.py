"""Evidence features: how well what the answer would say covers what the question asks.

The abstention model (answer/abstention_model.py) reads these; they are general, not tied to any question:
coverage of the question's content by the best and the chosen units, whether its specific content (years,
numbers, names, long compounds) is there, whether the kind of value it asks for (a count, a share, an amount
of money, a date, a person) appears in the chosen units and how much of the question the units holding such a
value cover, and how the two retrievers agree on the top passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields

from assistant.answer.units import Unit
from assistant.models import Passage
from assistant.question import Question

# Number words (not "en"/"ett", which are also articles).
_NUMBER_WORDS = r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo\w*|trettio|fyrtio|femtio|hundra\w*|tusen\w*"
_MONTHS = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)"
)
# What asks for the size of a share or a count ("hur stor andel", "vilket antal", "högsta andel"), and a share or
# count said to be something ("andelen var …"): not a measure's name ("andelen distansbesök", "Antal SIP per enhet").
_SIZE_ASKED = (
    r"(hur (stor|stort|hög|högt|liten|litet|låg|lågt)|vilken|vilket|vilka|hur mycket|högsta|lägsta|största|minsta)"
)
_IS_VALUE = r"(var|är|blev|uppgick|ligger|låg)"
# The kind of value a question asks for, and how such a value looks in a sentence. The first that the question
# asks for wins, so the narrower kinds come first (a day before a time, money before a count).
_EXPECTS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "money",
        re.compile(
            r"\b(kostade|kostar|kostnad\w*|budget(?:en|ar|arna|s)?|budgeter\w*|pengar|kronor|belopp\w*|summ(?:a|an|or|orna)|anslag\w*|statsbidrag\w*|"
            r"cost|budget|money|funding|grant\w*)\b",
            re.I,
        ),
        re.compile(r"\d[\d\s,.]*\s*(kr\b|kronor|miljon\w*|miljard\w*|mnkr|tkr|mdkr|msek|sek\b)", re.I),
    ),
    (
        "percent",
        re.compile(
            rf"\b(procent\w*|{_SIZE_ASKED}\s+(\w+\s+)?(del|andel\w*)|andel\w* {_IS_VALUE}\b|"
            r"percent\w*|share|proportion)\b",
            re.I,
        ),
        re.compile(r"\d\s*(%|procent)", re.I),
    ),
    (
        "day",
        re.compile(r"\b(vilket datum|vilken dag|datum\w*|what date|which date|on what day)\b", re.I),
        # A date to the day: "14 mars 2023", "2023-03-14", "14/3".
        re.compile(rf"\b\d{{1,2}}\s+{_MONTHS}\b|\b(19|20)\d\d-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}\b", re.I),
    ),
    (
        "count",
        re.compile(
            rf"\b(hur många|{_SIZE_ASKED}\s+(\w+\s+)?antal\w*|antal\w* {_IS_VALUE}\b|how many|number of)\b",
            re.I,
        ),
        # A number that is not a year, or a number word (not "en"/"ett", which are also articles).
        re.compile(
            r"(?<![\d-])(?!(?:19|20)\d\d\b)\d+(?![\d-])(?!\s*(?:%|procent))|"
            rf"\b({_NUMBER_WORDS})\b",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(när|sedan när|vilket år|vilken tid|tidsram|(tids)?period(en|er|erna)?|hur länge|tids?plan(en|er)?|"
            r"when|what year|since when|how long|time ?frame|timeline|periods?)\b",
            re.I,
        ),
        re.compile(
            rf"\b(19|20)\d\d\b|\b{_MONTHS}\b|"
            r"\b(våren|hösten|vår|höst|vecka|veckan|måndag\w*|tisdag\w*|onsdag\w*|torsdag\w*|fredag\w*|"
            r"lördag\w*|söndag\w*|klockan|kl\.)(?!\w)|"  # "våren", not "vården"
            # A time told relative to something: "inom tre dagar", "varje kvartal", "två gånger per år", "årligen".
            r"\b(inom|efter|varje|per|om|senast)\s+(\w+\s+)?(dag|dagar|dygn|veck\w*|månad\w*|kvartal\w*|år|timm\w*)\b|"
            r"\b(dagligen|veckovis|månadsvis|kvartalsvis|årligen|årsvis)\b|"
            # A duration, for "hur länge": "i 18 månader", "under tre år".
            rf"\b(\d+|{_NUMBER_WORDS})\s+(dagar|veckor|månader|år|years?|months?|weeks?)\b",
            re.I,
        ),
    ),
    (
        "person",
        re.compile(r"^\s*(vem|vilka personer|who)\b", re.I),
        # A person, a role or a body: "vem ansvarar?" is as often answered by "regionen och kommunen".
        re.compile(
            r"\b[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+\b|\b[A-ZÅÄÖ]{2,}\b|"
            r"\b(ordförande|direktör|chef\w*|ledare|samordnare|processledare|projektledare|region\w*|kommun\w*|"
            r"nämnd\w*|styrelse\w*|förvaltning\w*|grupp\w*|nätverk\w*|huvudm[aä]n\w*|verksamhet\w*|"
            r"myndighet\w*|enhet\w*|team\w*|personal\w*|sjuksköterskor\w*|läkare\w*)\b",
            re.I,
        ),
    ),
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# What a count question counts: the word after "hur många" ("hur många deltagare …", "antalet besök …").
_COUNTED = re.compile(
    r"\b(?:hur många|antal(?:et)?|how many|number of)\s+(?:av\s+|of\s+)?(?:de\s+|the\s+)?(\w[\w-]*)", re.I
)
# A number that is not a year, or a number word: what stands before a counted noun ("23 deltagare").
_COUNT = re.compile(
    r"(?<!\d)(?!(?:19|20)\d\d\b)\d+(?!\d)|"
    rf"\b({_NUMBER_WORDS})\b",
    re.I,
)
# A question that asks which ones of a counted number ("vilka tre kommuner", "which five areas"), and a count
# before what it counts, in the question or a passage ("tre kommuner", "5 fokusområden").
_WHICH = re.compile(r"\b(vilka|which|what are|name the)\b", re.I)
_SMALL_NUMBERS = {
    word: value
    for value, words in enumerate(
        [
            (),
            (),
            ("två", "two"),
            ("tre", "three"),
            ("fyra", "four"),
            ("fem", "five"),
            ("sex", "six"),
            ("sju", "seven"),
            ("åtta", "eight"),
            ("nio", "nine"),
            ("tio", "ten"),
        ]
    )
    for word in words
}
_NUMBERED = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_SMALL_NUMBERS)})\s+(\w[\w-]*)", re.I)
_BULLETS = ("•", "-", "–", "*", "·")
# What names the counted things where they are counted: a parenthesis right after them ("tre kommuner (Eskilstuna,
# Flen och Nyköping)") or a colon before the clause ends ("fem fokusområden som är: …").
_NAMED_AFTER = re.compile(r"\s*\(|[^.,;]*:")
COUNT_BEFORE_WORDS = 3  # "23 nya deltagare": the number and up to two words between it and the noun
_NAME = re.compile(r"(?<=\s)[A-ZÅÄÖ][\wåäöéÅÄÖ-]{2,}")
LONG_WORD = 9
NEAR_WORDS = 6
LEAD_UNITS = 3


@dataclass(frozen=True)
class EvidenceFeatures:
    """One question's evidence, as numbers the abstention model weighs (names are the model's columns)."""

    support: float
    best_coverage: float
    answer_coverage: float
    specific_share: float
    missing_name: float
    year_missing: float
    expects_value: float
    value_missing: float
    top_keyword_rank: float
    top_vector_rank: float
    retrievers_agree: float
    vector_searched: float
    routed_to_table: float
    unknown_words: float
    value_near_rare_term: float
    value_coverage_gap: float = 0.0
    counted_unstated: float = 0.0
    count_unlisted: float = 0.0
    value_specific_share: float = 1.0

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The feature names, in the order of `values()`."""
        return tuple(f.name for f in fields(cls))

    def values(self) -> tuple[float, ...]:
        """The features as numbers, in the order of `names()`."""
        return tuple(float(v) for v in astuple(self))


def expected_value(question: str) -> str:
    """The kind of value the question asks for ('money', 'percent', 'count', 'date', 'person'), or ''."""
    for name, asks, _looks in _EXPECTS:
        if asks.search(question):
            return name
    return ""


# The words that only ask for a kind of value, nothing about what it is of: a unit holding such a value says what
# they ask for ("vilken period gäller den?" is answered by "Augusti 2023 till mars 2025."). Not "budget" or
# "statsbidrag", which also name what the value is of ("budgetprocessen").
_ASKING_NOUNS = {
    "money": re.compile(r"\b(kostnad(en|er|erna)?|belopp(et)?|summ(a|an)|cost|amount)\b", re.I),
    "percent": re.compile(r"\b(andel(en)?|procent|percentage|share)\b", re.I),
    "day": re.compile(r"\b(datum(et)?|date)\b", re.I),
    "count": re.compile(r"\b(antal(et)?|number)\b", re.I),
    "date": re.compile(r"\b((tids)?period(en)?|tids?plan(en)?|tidsram(en)?|period|timeline|time ?frame)\b", re.I),
}


def asking_words(question: str) -> list[str]:
    """The question's words that only ask for the kind of value it asks for (_ASKING_NOUNS): "period" in
    "vilken period gäller den?", "antal" in "hur stort är antalet?"."""
    asking = _ASKING_NOUNS.get(expected_value(question))
    return [match.group(0) for match in asking.finditer(question)] if asking else []


def has_value(kind: str, text: str) -> bool:
    """True when the text holds a value of that kind (an amount in kronor, a share, a number, a date …)."""
    for name, _asks, looks in _EXPECTS:
        if name == kind:
            return bool(looks.search(text))
    return True


def _reciprocal(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def evidence_features(
    question: Question,
    passages: Sequence[Passage],
    chosen: Sequence[Unit],
    weights: dict[str, float],
    headers: Sequence[frozenset[str]],
    support: float,
    best_coverage: float,
    missing_name: bool,
    unknown_words: int,
    routed_to_table: bool,
    tokenize,
    value_coverage_gap: float = 0.0,
    value_specific: float = 1.0,
    table_text: str = "",
) -> EvidenceFeatures:
    """The features of one draft answer: `chosen` are the units it would say, `weights` the terms' weights,
    `table_text` what the rows of the tables it is routed to say (the answer shows them first)."""
    said: set[str] = set()
    for unit in chosen:
        said |= unit.tokens | headers[unit.passage]
    total = sum(weights.values())
    answer_coverage = sum(w for t, w in weights.items() if t in said) / total if total else 0.0
    specific = specific_terms(question, tokenize)
    specific_share = sum(1 for t in specific if t in said) / len(specific) if specific else 1.0
    text = " ".join(u.full_text for u in chosen) + " " + table_text
    years = _YEAR.findall(question.resolved)
    # A year of the question may stand in the title or section of a chosen unit's passage ("slutredovisning 2022").
    year_missing = float(bool(years) and not all(y in text or y in said for y in years))
    expects = expected_value(question.resolved)
    value_missing = float(bool(expects) and not has_value(expects, text))
    top = passages[0].ranks if passages else {}
    keyword_rank, vector_rank = top.get("keyword"), top.get("vector")
    agree = float(bool(keyword_rank and vector_rank and keyword_rank <= 5 and vector_rank <= 5))
    return EvidenceFeatures(
        support=support,
        best_coverage=best_coverage,
        answer_coverage=answer_coverage,
        specific_share=specific_share,
        missing_name=float(missing_name),
        year_missing=year_missing,
        expects_value=float(bool(expects)),
        value_missing=value_missing,
        top_keyword_rank=_reciprocal(keyword_rank),
        top_vector_rank=_reciprocal(vector_rank),
        retrievers_agree=agree,
        vector_searched=float(any("vector" in p.ranks for p in passages)),
        routed_to_table=float(routed_to_table),
        unknown_words=float(unknown_words),
        value_near_rare_term=_value_near_rare_term(expects, chosen, weights, tokenize),
        value_coverage_gap=value_coverage_gap,
        counted_unstated=float(_counted_unstated(question, passages, tokenize)),
        count_unlisted=float(_count_unlisted(question, passages, tokenize)),
        value_specific_share=value_specific,
    )


def value_coverage_gap(expects: str, units: Sequence[Unit], best_coverage: float) -> float:
    """How much less of the question the best unit holding a value of the asked kind covers than the best
    unit at all (0 when the question asks for no value): "how many took part in X?" answered by a sentence
    on X without a number, or by a number in a sentence about something else."""
    if not expects:
        return 0.0
    holding = max((u.coverage for u in _holding_value(expects, units)), default=0.0)
    return max(0.0, best_coverage - holding)


def value_specific_share(
    question: Question, expects: str, units: Sequence[Unit], headers: Sequence[frozenset[str]], tokenize
) -> float:
    """The largest share of the question's specific content (specific_terms: years, numbers, names, long words)
    that a unit holding a value of the asked kind holds, with its passage's title and section: "med hur många
    procent minskade läkemedelsavvikelserna?" answered by percentages about other things holds none of
    "läkemedelsavvikelserna". 1 when the question asks for no value or has no specific content."""
    specific = specific_terms(question, tokenize)
    if not expects or not specific:
        return 1.0
    holding = _holding_value(expects, units)
    return max((len(specific & (u.tokens | headers[u.passage])) / len(specific) for u in holding), default=0.0)


def _holding_value(expects: str, units: Sequence[Unit]) -> list[Unit]:
    """The units that hold a value of the asked kind, in their text or their list items."""
    return [u for u in units if has_value(expects, u.full_text)]


def _value_near_rare_term(expects: str, chosen: Sequence[Unit], weights: dict[str, float], tokenize) -> float:
    """1 when a value of the asked kind stands within NEAR_WORDS words of one of the question's rarer terms
    (weight at or above the median) in one of the first LEAD_UNITS units of the answer; 0 when it does not;
    0.5 when the question asks for no value."""
    if not expects or not weights:
        return 0.5
    ordered = sorted(weights.values())
    rare = {t for t, w in weights.items() if w >= ordered[len(ordered) // 2]}
    for unit in chosen[:LEAD_UNITS]:
        text = unit.full_text
        words = text.split()
        for index in range(len(words)):
            if not has_value(expects, " ".join(words[max(0, index - 1) : index + 2])):
                continue
            window = " ".join(words[max(0, index - NEAR_WORDS) : index + NEAR_WORDS + 1])
            if rare & set(tokenize(window)):
                return 1.0
    return 0.0


def _counted_unstated(question: Question, passages: Sequence[Passage], tokenize) -> bool:
    """True when the question counts something ("hur många forummöten …?"), the passages name what it counts,
    and no number stands just before it anywhere they do ("12 forummöten"): the thing is there, its count not."""
    match = _COUNTED.search(question.resolved)
    if not match:
        return False
    counted = tokenize(match.group(1))
    if not counted or counted[0] not in question.terms:
        return False  # a verb or a little word ("hur många kom?", "hur många är med?")
    named = False
    for passage in passages:
        if counted[0] not in tokenize(passage.text):
            continue
        words = passage.text.split()
        for index, word in enumerate(words):
            if counted[0] not in tokenize(word):
                continue
            named = True
            if _COUNT.search(" ".join(words[max(0, index - COUNT_BEFORE_WORDS) : index])):
                return False
    return named


def _count_unlisted(question: Question, passages: Sequence[Passage], tokenize) -> bool:
    """True when the question asks which ones of a number of things ("vilka tre kommuner …?", "vilka är de fem
    fokusområdena?"), the passages give that number of them ("representanter från tre kommuner"), and never go
    on to name them: no list follows, and no parenthesis or colon right after them (_NAMED_AFTER). The mirror of
    _counted_unstated: the count is there, the things are not."""
    if not _WHICH.search(question.resolved):
        return False
    match = _NUMBERED.search(question.resolved)
    if not match:
        return False
    number = _number_value(match.group(1))
    counted = tokenize(match.group(2))
    if number is None or not counted or counted[0] not in question.terms:
        return False
    found = False
    for passage in passages:
        lines = passage.text.split("\n")
        for index, line in enumerate(lines):
            for said in _NUMBERED.finditer(line):
                if _number_value(said.group(1)) != number or counted[0] not in tokenize(said.group(2))[:1]:
                    continue
                found = True
                after = line[said.end() :]
                following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
                if _NAMED_AFTER.match(after) or line.rstrip().endswith(":") or following.startswith(_BULLETS):
                    return False  # named: a list, a colon or a parenthesis follows
    return found


def _number_value(word: str) -> int | None:
    """A count as a number: "3" or "tre"."""
    if word.isdigit():
        return int(word)
    return _SMALL_NUMBERS.get(word.lower())


def specific_terms(question: Question, tokenize) -> set[str]:
    """The question's specific content: years and numbers, names (capitalised after the first word) and long
    words (mostly compounds), as the index's tokens (their first token: the word itself)."""
    words = [*re.findall(r"\b\d{2,4}\b", question.corpus_text), *_NAME.findall(question.corpus_text)]
    words += [w for w in re.findall(r"\w+", question.corpus_text) if len(w) >= LONG_WORD]
    specific = set()
    for word in words:
        tokens = tokenize(word)
        if tokens:
            specific.add(tokens[0])
    return specific & set(question.terms)
