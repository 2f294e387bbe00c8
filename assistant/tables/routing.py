"""Route a question to the table tools when it names a measure, an indicator, a satsning, a term or
decisions; without an LLM, from the words of the question alone."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from assistant.text.english import is_english
from assistant.index.keyword_index import tokenize
from assistant.models import Passage
from assistant.tables.definitions import defined_terms
from assistant.tables.tools import TableTools, ToolResult, measure_label
from assistant.text.folding import fold

MIN_NAME_COVERAGE = 0.75
MIN_MEASURE_COVERAGE = 0.6
MIN_CORE_COVERAGE_WHEN_SAID = 0.4
MIN_RETRIEVED_COVERAGE = 0.3
MIN_NAMING_WORD = 8
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
# Words that name the whole subject rather than one row ("Nära vård i Sörmland", "region").
_GENERIC = set(tokenize("sörmland nära vård region regionens kommun andel antal inom vid och personer"))
_TERM_QUESTION = re.compile(
    r"^(?:vad|vilken|what)\b.*?\b(?:betyder|står|innebär|menas med|är|är en|är ett|does|is|stands?)\b\s*(?P<term>.+?)"
    r"(?:\s+för)?\s*\??$",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*\b")
_YEAR = re.compile(r"\b(20[0-3]\d)\b")
_INDICATOR_NAMES = (
    "Delaktighet",
    "Samordning",
    "Tillgänglighet",
    "Kontinuitet",
    "Hälsofrämjande",
    "Förebyggande",
    "Rehabiliterande",
)
_MEASURE_LABEL = re.compile(
    r"\b(?P<indikator>" + "|".join(_INDICATOR_NAMES) + r")\s+(?P<nummer>\d{1,2})\b(?!\s*(%|procent|år|dagar))", re.I
)
# "Vilka mått saknar målnivå?": a field the library leaves empty for some measures.
_FIELD_WORDS = {
    "datakall": "Datakälla",
    "malniva": "Målnivå",
    "talj": "Täljare",
    "namnar": "Nämnare",
    "riktning": "Riktning",
    "matenhet": "Mätenhet",
    "syfte": "Syfte",
    "felkall": "Felkällor och begränsningar",
    "tolkning": "Tolkning",
    "kommentar": "Kommentar",
}
_LACKING_FIELD = re.compile(
    r"\b(saknar|utan|inte har|har inte|har ingen|har inget|tomt?|tomma|lack|without|missing)\b\W+(?:\w+\W+){0,2}?"
    r"(?P<field>" + "|".join(_FIELD_WORDS) + ")"
)
_CORE_WORDS = ("karnindikator", "nationell indikator", "nationella indikator", "socialstyrelsen")
_VALUE_WORDS = ("vard", "andel", "procent", "hur stor", "hur manga", "resultat", "utvecklats", "lagst", "hogst")


def route_question(question: str, tools: TableTools, passages: Sequence[Passage] = ()) -> list[ToolResult]:
    """The tool results that answer the question, or [] when it is not a table question.

    A row is chosen when the question names it, or when retrieval ranks the row's own passage near
    the top and the question shares words with the row's name (the passage confirms the name).
    """
    if not tools.available:
        return []
    folded = fold(question)
    stems = set(tokenize(question))
    row_count = _ROW_COUNT_QUESTION.search(folded)
    if row_count:
        return _counted_rows(row_count["rows"], question, folded, stems, tools)
    if _COUNT_QUESTION.search(folded):
        return []  # the tables hold no counts of their rows' activity: leave those to the text
    top_chunks = [p.chunk_id for p in passages[:TOP_PASSAGES]]
    for router in _ROUTERS:
        results = router(question, folded, stems, tools, top_chunks)
        if results:
            return [r for r in results if r.found]
    return []


def _term(question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]) -> list[ToolResult]:
    candidates = []
    match = _TERM_QUESTION.match(question.strip())
    if match:
        candidates.append(match["term"].strip(" ?.!\"”'"))
    if len(question.split()) <= 8 and re.search(r"betyder|står .* för|förkortning|stands for|mean", question, re.I):
        candidates += _ACRONYM.findall(question)
    rows = tools.table("glossary")
    glossary = {fold(r["term"]) for r in rows} | {fold(r["forklaring"]) for r in rows}  # "LRS" or what it stands for
    for candidate in candidates:
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
    named = _best_named(stems, names, MIN_NAME_COVERAGE, folded) or _named_inside(folded, names)
    name = _more_covered(_retrieved_row(rows, "satsning", top_chunks, stems, folded), named, stems, folded)
    if name:
        return [tools.initiative(name)]
    if re.search(r"insatsomrad", folded):
        idle = re.search(r"saknar|inget|utan|inte", folded) is not None
        if idle or re.search(r"\b(vilka|lista|alla)\b", folded):
            return [tools.areas(without_joint_work=idle)]
    if not re.search(r"satsning|initiative", folded):
        return []
    filters = _initiative_filters(question, folded, stems, tools)
    if not any(filters.values()):
        return []
    return [tools.initiatives(**filters)]


def _initiative_filters(question: str, folded: str, stems: set[str], tools: TableTools) -> dict:
    """The insatsområde, status and year a question about satsningar asks for (None when not)."""
    area = _most_shared(stems, [r["insatsomrade"] for r in tools.table("areas")])
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


def _counted_rows(rows: str, question: str, folded: str, stems: set[str], tools: TableTools) -> list[ToolResult]:
    """The rows a "how many" question counts, with the count as the answer's first words."""
    national = "core indicator" in folded or any(word in folded for word in _CORE_WORDS)
    if rows in ("satsning", "initiative"):
        result = tools.initiatives(**_initiative_filters(question, folded, stems, tools))
    elif national:
        result = tools.core_indicators()
    else:
        result = tools.measures()
    if not result.found:
        return []
    if result.message:  # "Ingen satsning slutar 2031 …" says more than a count would
        return [result]
    count = f"There are {len(result.rows)}." if is_english(question) else f"Det är {len(result.rows)} stycken."
    return [dataclasses.replace(result, message=count)]


def _measure(question: str, folded: str, stems: set[str], tools: TableTools, top_chunks: list[str]) -> list[ToolResult]:
    wants_core = any(word in folded for word in _CORE_WORDS)
    # Without words about measuring, a shared acronym is no evidence ("SIP-kollen" is not "Andel SIP").
    intent = _MEASURE_INTENT.search(folded) is not None
    hint = folded if intent else ""
    core_names = [r["indikator"] for r in tools.table("core_indicators")]
    # "kärnindikatorn ordinarie läkare": saying which table it is, half the name is enough
    core = _best_named(stems, core_names, MIN_CORE_COVERAGE_WHEN_SAID if wants_core else MIN_MEASURE_COVERAGE, hint)
    lacking = _LACKING_FIELD.search(folded)
    if lacking and re.search(r"\bmatt|indikator", folded):
        return [tools.measures(missing=_FIELD_WORDS[lacking["field"]])]
    measures = tools.table("measures")
    label = _MEASURE_LABEL.search(question)  # "Kontinuitet 1": the library's own name of one measure
    labels = {fold(measure_label(r)) for r in measures}
    if label and fold(f"{label['indikator']} {label['nummer']}") in labels:
        return [tools.measure(f"{label['indikator']} {label['nummer']}")]
    titles = [r["titel"] for r in measures]
    verbatim = [t for t in titles if len(t) >= MIN_VERBATIM_TITLE and fold(t) in folded]  # "Andel SIP, kommun"
    if verbatim:
        return [tools.measure(max(verbatim, key=len))]
    named = _best_named(stems, titles, MIN_MEASURE_COVERAGE, hint)
    if named is None and intent:
        named = _unique_word_named(stems, titles)
    retrieved = _retrieved_row(measures, "titel", top_chunks, stems, hint) if intent else None
    measure = _more_covered(retrieved, named, stems, hint)
    if wants_core and not core and not measure and re.search(r"\b(vilka|lista|alla|vad ar de)\b", folded):
        return [tools.core_indicators()]
    if core and (wants_core or not measure):
        results = [tools.core_indicators(core)]
        if any(word in folded for word in _VALUE_WORDS) or _YEAR.search(question):
            year = _YEAR.search(question)
            values = tools.core_values(core, year=int(year.group(1)) if year else None)
            results.append(values if values.found else tools.core_values(core))
        return results
    if measure:
        return [tools.measure(measure)]
    indicator = next((n for n in _INDICATOR_NAMES if fold(n) in folded), None)
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


_ROUTERS: tuple[Callable[..., list[ToolResult]], ...] = (_term, _decisions, _initiative, _measure, _data_sources)


def _best_named(stems: set[str], names: list[str], min_coverage: float, folded: str = "") -> str | None:
    """The name whose distinctive words the question covers best (at least min_coverage of them).

    One shared word is not a name: "SIP" alone must not pick "Andel SIP, kommun" for "SIP-kollen".
    An acronym of the name used in the question ("ANDTS-indikatorn") counts as naming it.
    """
    best, best_score = None, (0.0, 0)
    for name in dict.fromkeys(names):
        wanted = _distinctive(name)
        if not wanted:
            continue
        covered = len(wanted & stems) + _acronym_bonus(name, folded)
        score = (min(covered / len(wanted), 1.0), covered)
        single_word_named = len(wanted) == 1 and (fold(name).strip(" .") in folded or _long_word_covered(wanted, stems))
        if score[0] >= min_coverage and (covered >= 2 or single_word_named) and score > best_score:
            best, best_score = name, score
    return best


def _most_shared(stems: set[str], names: list[str]) -> str | None:
    """The one name sharing the most distinctive words with the question (None when none or a tie)."""
    scored = sorted(((len(_distinctive(n) & stems), n) for n in names), reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _unique_word_named(stems: set[str], names: list[str]) -> str | None:
    """The one name that a long word of the question occurs in and no other name does ("Kontinuitetsindex")."""
    owners: dict[str, set[str]] = {}
    for name in names:
        for word in _distinctive(name):
            if len(word) >= MIN_NAMING_WORD:
                owners.setdefault(word, set()).add(name)
    found = {next(iter(o)) for word, o in owners.items() if word in stems and len(o) == 1}
    return found.pop() if len(found) == 1 else None


def _long_word_covered(wanted: set[str], stems: set[str]) -> bool:
    """A name's one distinctive word, long enough to name it alone ("omsorgscollege", not "sip")."""
    return any(len(word) >= MIN_NAMING_WORD and word in stems for word in wanted)


def _distinctive(name: str) -> set[str]:
    return set(tokenize(name)) - _GENERIC or set(tokenize(name))


def _acronym_bonus(name: str, folded: str) -> int:
    acronyms = [fold(a) for a in _ACRONYM.findall(name) if len(a) >= 3]
    return 2 if any(re.search(rf"\b{re.escape(a)}\b", folded) for a in acronyms) else 0


def _more_covered(retrieved: str | None, named: str | None, stems: set[str], folded: str) -> str | None:
    """Of a retrieved and a named candidate, the one the question covers with more words (retrieved on ties)."""
    if not retrieved or not named:
        return retrieved or named

    def covered(name: str) -> int:
        return len(_distinctive(name) & stems) + _acronym_bonus(name, folded)

    return named if covered(named) > covered(retrieved) else retrieved


def _named_inside(folded: str, names: list[str]) -> str | None:
    """A one-word name used inside a compound of the question ("samsjuklighetssatsningen")."""
    for name in names:
        key = fold(name).strip(" .")
        if " " not in key and len(key) >= 6 and key in folded:
            return name
    return None


def _retrieved_row(
    rows: list[dict], name_field: str, top_chunks: list[str], stems: set[str], folded: str = ""
) -> str | None:
    """The name of the row whose source passage retrieval ranked highest, if the question shares its words."""
    for chunk_id in top_chunks:
        candidates = [r for r in rows if r.get("source_chunk_id") == chunk_id]
        scored = []
        for row in candidates:
            wanted = _distinctive(row[name_field])
            covered = len(wanted & stems) + _acronym_bonus(row[name_field], folded)
            coverage = covered / len(wanted) if wanted else 0.0
            scored.append((coverage, row[name_field]))
        if scored:
            coverage, name = max(scored)
            if coverage >= MIN_RETRIEVED_COVERAGE:
                return name
    return None


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
