"""Route a question to the table tools when it names a measure, an indicator, a satsning, a term or
decisions; without an LLM, from the words of the question alone."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from assistant.answer.evidence_features import expected_value
from assistant.answer.unit_scoring import SUPERLATIVE
from assistant.index.keyword_index import tokenize
from assistant.models import Passage
from assistant.retrieval.filters import SearchFilters
from assistant.tables.asked_fields import asked_initiative_fields, unexplained_words
from assistant.tables.definitions import defined_terms
from assistant.tables.filtering import within_filters
from assistant.tables.lookups.measures import indicator_names
from assistant.tables.measure_fields import LACKING_FIELD_STEMS
from assistant.tables.question_names import (
    best_named,
    more_covered,
    most_shared,
    named_inside,
    retrieved_row,
    unique_word_named,
)
from assistant.tables.tools import TableTools, ToolResult, measure_label
from assistant.text.english import is_english
from assistant.text.folding import fold

MIN_NAME_COVERAGE = 0.75
MIN_MEASURE_COVERAGE = 0.6
MIN_CORE_COVERAGE_WHEN_SAID = 0.4
MIN_VERBATIM_TITLE = 12  # a measure title written out in full in the question names it
TOP_PASSAGES = 3
_COUNT_QUESTION = re.compile(r"\bhur (manga|mycket)\b.*\b(har|hittills|delats)\b")
# A count of a table's own rows ("hur många kärnindikatorer finns det?") is answered from the table.
_ROW_COUNT_QUESTION = re.compile(
    r"\b(?:hur manga|antal(?:et)?|how many|number of)\s+(?:\w+\s+)?"
    r"(?P<rows>karnindikator|indikator|matt|satsning|core indicator|indicator|measure|initiative)"
)
_MEASURE_INTENT = re.compile(
    r"indikator|\bmatt|\bmat(er|s|a)\b|datakall|talj|namnar|riktning|matenhet|rakna"
    r"|malniva|felkall|redovisningsniva|tolka|tolkning"  # the library's other field names
)
_TERM_QUESTION = re.compile(
    r"^(?:vad|vilken|what)\b.*?\b(?:betyder|står|innebär|menas med|är|är en|är ett|does|is|stands?)\b\s*(?P<term>.+?)"
    r"(?:\s+för)?\s*\??$",
    re.I,
)
_YEAR = re.compile(r"\b(20[0-3]\d)\b")
# "Kontinuitet 1": an indicator of the library, then a number (not "Kontinuitet 10 %", "… 2 år").
_MEASURE_LABEL = r"\b(?P<indikator>{names})\s+(?P<nummer>\d{{1,2}})\b(?!\s*(%|procent|år|dagar))"
# "Vilka mått saknar målnivå?": a field the library leaves empty for some measures.
_LACKING_FIELD = re.compile(
    r"\b(saknar|utan|inte har|har inte|har ingen|har inget|tomt?|tomma|lack|without|missing)\b\W+(?:\w+\W+){0,2}?"
    r"(?P<field>" + "|".join(LACKING_FIELD_STEMS) + ")"
)
_LISTING = re.compile(r"\b(vilka|vilken|lista|alla|which|list|what)\b")
# "Vilka är Socialstyrelsens kärnindikatorer?" lists them; "Vilka hade Socialstyrelsen avstämningar med när
# urvalet av kärnindikatorer togs fram?" asks about something else: the listing word comes close before the rows.
_LISTS_INDICATORS = re.compile(
    r"\b(vilka|lista|alla|vad ar de|which|list|what are)\b(\W+\w+){0,4}?\W+(\w*indikator|\w*indicator)"
)
_CORE_WORDS = ("karnindikator", "nationell indikator", "nationella indikator", "socialstyrelsen")
# Words that ask for a core indicator's values, folded and matched as whole words: "värde", "värdet" (not
# "vård" or "vårdcentral", which fold to a word that also begins "vard"), "andel", "hur stor", and the superlatives
# that ask which region or county ranks first or last ("oftast respektive minst").
_VALUE_WORDS = re.compile(
    r"\b(varde\w*|andel\w*|procent\w*|hur stor|hur manga|resultat\w*|utvecklats)\b|" + fold(SUPERLATIVE.pattern)
)


def route_question(
    question: str, tools: TableTools, passages: Sequence[Passage] = (), filters: SearchFilters | None = None
) -> list[ToolResult]:
    """The tool results that answer the question, or [] when it is not a table question.

    A row is chosen when the question names it, or when retrieval ranks the row's own passage near
    the top and the question shares words with the row's name (the passage confirms the name). Rows read
    from a document the filters exclude are not answered from: with none left, the text answers.
    """
    if not tools.available:
        return []
    folded = fold(question)
    stems = set(tokenize(question))
    row_count = _ROW_COUNT_QUESTION.search(folded)
    if row_count:
        return _counted_rows(row_count["rows"], question, folded, stems, tools, filters)
    if _COUNT_QUESTION.search(folded):
        return []  # the tables hold no counts of their rows' activity: leave those to the text
    top_chunks = [p.chunk_id for p in passages[:TOP_PASSAGES]]
    for router in _ROUTERS:
        results = router(question, folded, stems, tools, top_chunks)
        if results:
            kept = [within_filters(r, filters, tools.documents) for r in results]
            return [r for r in kept if r.found]
    return []


def _term(question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]) -> list[ToolResult]:
    """A glossary answer, only when the question asks what a term means ("Vad betyder LRS?"): a question
    that merely contains a term ("… för måttet Andel SIP, kommun?") asks about something else."""
    match = _TERM_QUESTION.match(question.strip())
    if match:
        candidate = match["term"].strip(" ?.!\"”'")
        rows = tools.table("glossary")
        glossary = {fold(r["term"]) for r in rows} | {fold(r["forklaring"]) for r in rows}  # "LRS" or its expansion
        if fold(candidate) in glossary:
            return [tools.term(candidate)]
    defined = defined_terms(question, tools)
    return [tools.term(defined[0])] if defined else []


def _decisions(
    question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]
) -> list[ToolResult]:
    asks_for_decisions = (
        r"\bvilka beslut|\bnar (beslutade|fattades|togs|besluta|godkande|godkandes|antog|antogs)"
        r"|\bbeslut(et|en)? (i|av|fran) (nsv|lansstyrgrupp)"
        r"|\bwhich decisions"
    )
    if not re.search(asks_for_decisions, folded):
        return []
    body = "NSV" if re.search(r"\bnsv\b|namnden", folded) else ("Länsstyrgrupp" if "lansstyrgrupp" in folded else None)
    year = _YEAR.search(question)
    result = tools.decisions(body=body, year=int(year.group(1)) if year else None)
    if not result.found:
        return []
    return [_rank_rows(result, stems)]


def _initiative(
    question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]
) -> list[ToolResult]:
    rows = tools.table("initiatives")
    names = [r["satsning"] for r in rows]
    named = best_named(stems, names, MIN_NAME_COVERAGE, folded) or named_inside(folded, names)
    name = more_covered(retrieved_row(rows, "satsning", top_chunks, stems, folded), named, stems, folded)
    if name:
        if not asked_initiative_fields(question, name) and unexplained_words(question, name):
            return []  # it asks about something the row does not hold ("var hölls nätverkets möten?")
        return [tools.initiative(name)]
    asks_for_initiatives = re.search(r"satsning|initiative", folded) is not None
    filters = _initiative_filters(question, folded, stems, tools)
    if re.search(r"insatsomrad|\bareas?\b", folded):
        idle = re.search(r"saknar|inget|utan|inte|without|\bno\b", folded) is not None
        if idle and not filters["insatsomrade"]:
            return [tools.areas(without_joint_work=True)]
        if filters["insatsomrade"] and (asks_for_initiatives or _LISTING.search(folded)):
            return [tools.initiatives(**filters)]  # "Vilka satsningar hör till insatsområdet …?": that area's
        if _LISTING.search(folded):
            return [tools.areas()]
    if not asks_for_initiatives or not any(filters.values()):
        return []
    if expected_value(question) == "money" or not _asks_for_several(folded, filters):
        return []  # "Hur mycket pengar omfattade Region Värmlands satsning … 2025?": no list of the färdplan's
    return [tools.initiatives(**filters)]


def _asks_for_several(folded: str, filters: dict) -> bool:
    """Whether a question naming satsningar and a year, status or area asks for the rows: a listing word, the
    plural ("Satsningar som startar 2025?"), or a start, end or status to filter them by."""
    plural = re.search(r"satsningar|initiatives", folded) is not None
    return plural or _LISTING.search(folded) is not None or any(filters[k] for k in ("status", "starts_in", "ends_in"))


def _initiative_filters(question: str, folded: str, stems: set[str], tools: TableTools) -> dict:
    """The insatsområde, status and year a question about satsningar asks for (None when not)."""
    area = most_shared(stems, [r["insatsomrade"] for r in tools.table("areas")])
    status = "pågående" if re.search(r"pagar|pagaende|aktiv|ongoing|tills vidare", folded) else None
    status = "avslutad" if re.search(r"avslutad|avslutats|avslutade", folded) else status
    year_match = _YEAR.search(question)
    year = int(year_match.group(1)) if year_match else None
    # "pågår 2027" asks about the period, not about today's status
    filters = {"insatsomrade": area, "status": None if year else status, "year": year}
    if year and re.search(r"\b(startade|startar|borjade|borjar|paborjades|inleds|starts?|started|begins?)\b", folded):
        filters |= {"year": None, "starts_in": year}
    elif year and re.search(r"\b(avslutas|avslutades|slutar|upphor|ends?|ended|finish(es|ed)?)\b", folded):
        filters |= {"year": None, "ends_in": year}
    return filters


def _counted_rows(
    rows: str, question: str, folded: str, stems: set[str], tools: TableTools, filters: SearchFilters | None
) -> list[ToolResult]:
    """The rows a "how many" question counts (those the filters let through), with the count as the answer's
    first words."""
    national = "core indicator" in folded or any(word in folded for word in _CORE_WORDS)
    if rows in ("satsning", "initiative"):
        result = tools.initiatives(**_initiative_filters(question, folded, stems, tools))
    elif national:
        result = tools.core_indicators()
    else:
        result = tools.measures()
    result = within_filters(result, filters, tools.documents)
    if not result.found or _other_year(question, result, tools) and rows not in ("satsning", "initiative"):
        return []
    if result.message:  # "Ingen satsning slutar 2031 …" says more than a count would
        return [result]
    count = f"There are {len(result.rows)}." if is_english(question) else f"Det är {len(result.rows)} stycken."
    return [dataclasses.replace(result, message=count)]


def _other_year(question: str, result: ToolResult, tools: TableTools) -> bool:
    """The question names a year and none of the rows' documents is of that year: "how many indicators did
    the 2022 proposal contain?" is not a count of the 2025 report's table."""
    years = {int(y) for y in _YEAR.findall(question)}
    documents = tools.documents
    row_years = {documents[c.doc_id].year for c in result.citations if c.doc_id in documents}
    return bool(years) and bool(row_years) and not years & row_years


def _measure(question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]) -> list[ToolResult]:
    wants_core = any(word in folded for word in _CORE_WORDS)
    # Without words about measuring, a shared acronym is no evidence ("SIP-kollen" is not "Andel SIP").
    intent = _MEASURE_INTENT.search(folded) is not None
    hint = folded if intent else ""
    core_names = [r["indikator"] for r in tools.table("core_indicators")]
    # "kärnindikatorn ordinarie läkare": saying which table it is, half the name is enough
    core = best_named(stems, core_names, MIN_CORE_COVERAGE_WHEN_SAID if wants_core else MIN_MEASURE_COVERAGE, hint)
    lacking = _LACKING_FIELD.search(folded)
    if lacking and re.search(r"\bmatt|indikator", folded):
        return [tools.measures(missing=LACKING_FIELD_STEMS[lacking["field"]])]
    measures = tools.table("measures")
    indicators = indicator_names(tools)
    label = _measure_label(question, indicators)  # "Kontinuitet 1": the library's own name of one measure
    labels = {fold(measure_label(r)) for r in measures}
    if label and fold(f"{label['indikator']} {label['nummer']}") in labels:
        return [tools.measure(f"{label['indikator']} {label['nummer']}")]
    titles = [r["titel"] for r in measures]
    verbatim = [t for t in titles if len(t) >= MIN_VERBATIM_TITLE and fold(t) in folded]  # "Andel SIP, kommun"
    if verbatim:
        return [tools.measure(max(verbatim, key=len))]
    named = best_named(stems, titles, MIN_MEASURE_COVERAGE, hint)
    if named is None and intent:
        named = unique_word_named(stems, titles)
    retrieved = retrieved_row(measures, "titel", top_chunks, stems, hint) if intent else None
    measure = more_covered(retrieved, named, stems, hint)
    if wants_core and not core and not measure and _LISTS_INDICATORS.search(folded):
        return [tools.core_indicators()]
    # The national core indicator or the library's measure: the one whose name the question says more of.
    if core and (wants_core or not measure or more_covered(measure, core, stems, hint) == core):
        results = [tools.core_indicators(core)]
        if _VALUE_WORDS.search(folded) or _YEAR.search(question):
            year = _YEAR.search(question)
            values = tools.core_values(core, year=int(year.group(1)) if year else None)
            values = values if values.found else tools.core_values(core)
            if values.found:  # none stated: the definition alone, never another indicator's values
                results.append(values)
        return results
    if measure:
        return [tools.measure(measure)]
    indicator = next((n for n in indicators if fold(n) in folded), None)
    if indicator and re.search(r"\bmatt|indikator", folded):
        return [tools.proposed_measures(indicator)]
    return []


def _data_sources(
    question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]
) -> list[ToolResult]:
    if not re.search(r"datakallor|vilka (register|enkater)|typer av datakall", folded):
        return []
    typ = "Register" if "register" in folded else ("Enkät" if re.search(r"enkat", folded) else None)
    return [tools.data_sources(typ)]


def _measure_label(question: str, indicators: list[str]) -> re.Match[str] | None:
    """Where the question names a measure by the library's own label, e.g. "Kontinuitet 1"."""
    if not indicators:
        return None
    names = "|".join(re.escape(name) for name in indicators)
    return re.search(_MEASURE_LABEL.format(names=names), question, re.I)


_ROUTERS: tuple[Callable[..., list[ToolResult]], ...] = (_term, _decisions, _initiative, _measure, _data_sources)


def _rank_rows(result: ToolResult, stems: set[str]) -> ToolResult:
    """Rows sharing words with the question first; all rows kept when none does."""
    scored = []
    for index, row in enumerate(result.rows):
        overlap = len(set(tokenize(" ".join(str(v) for v in row.values()))) & stems)
        scored.append((overlap, index))
    if not any(score for score, _ in scored):
        return result
    order = [index for score, index in sorted(scored, key=lambda s: (-s[0], s[1])) if score]
    return ToolResult(
        result.tool,
        result.arguments,
        result.columns,
        tuple(result.rows[i] for i in order),
        tuple(result.citations[i] for i in order),
        result.message,
        result.suggestions,
    )
