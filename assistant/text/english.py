"""English questions: telling them apart, and the Swedish search words for their domain terms.

The documents are Swedish. The multilingual embedder meets an English question halfway, but the keyword
index and the answerer match words, so an English question also searches with the Swedish terms its
domain phrases stand for ("core indicators" → "kärnindikator kärnindikatorer").
"""

from __future__ import annotations

import re

_ENGLISH_MARKERS = {
    "the",
    "what",
    "which",
    "how",
    "who",
    "when",
    "where",
    "why",
    "is",
    "are",
    "was",
    "were",
    "did",
    "does",
    "do",
    "of",
    "their",
    "many",
    "much",
    "to",
    "for",
    "with",
    "and",
    "by",
    "have",
    "has",
}


# Words an English question starts with and a Swedish one never does ("Who runs Besökskort?" names a Swedish
# satsning, so its å/ä/ö and its single marker word say nothing about the language it is asked in).
_ENGLISH_OPENERS = frozenset(
    {
        "who",
        "what",
        "when",
        "where",
        "which",
        "why",
        "how",
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "should",
        "has",
        "have",
        "list",
        "tell",
        "explain",
        "describe",
        "compare",
        "summarize",
        "summarise",
        "show",
        "give",
        "according",
    }
)


def is_english(question: str) -> bool:
    """A simple guess: the question opens with an English question word, or it has at least two common English
    function words and none of å, ä, ö."""
    lowered = question.lower()
    opener = re.match(r"\W*([a-z]+)(?=[\s,.:;!?]|$)", lowered)  # "Show-kök …" opens with no English word
    if opener and opener.group(1) in _ENGLISH_OPENERS:
        return True
    if re.search(r"[åäö]", lowered) and not re.search(r"\b(the|what|how|which)\b", lowered):
        return False
    return sum(1 for w in re.findall(r"[a-z]+", lowered) if w in _ENGLISH_MARKERS) >= 2


# (English phrase as a regex, Swedish words); longer phrases first, so "primary care" wins over "care".
_TERMS: tuple[tuple[str, str], ...] = (
    (r"national patient surveys?", "nationell patientenkät"),
    (r"coordinated individual plans?", "samordnad individuell plan SIP"),
    (r"good and close care|close care|local care|nära vård", "nära vård"),
    (r"primary (health ?)?care", "primärvård primärvården"),
    (r"health ?care|health and medical care|medical care", "hälso- och sjukvård sjukvården"),
    (r"elderly care|care of the elderly|older people", "äldreomsorg äldre"),
    (r"home care", "hemtjänst"),
    (r"nursing homes?|special housing", "särskilt boende"),
    (r"inpatient care|hospital care", "slutenvård"),
    (r"outpatient care", "öppenvård"),
    (r"social services?", "socialtjänst"),
    (r"core indicators?", "kärnindikator kärnindikatorer"),
    (r"indicator library", "indikatorbibliotek indikatorer"),
    (r"indicators?", "indikator indikatorer"),
    (r"measures?|metrics?", "mått"),
    (r"numerators?", "täljare"),
    (r"denominators?", "nämnare"),
    (r"data sources?", "datakälla datakällor"),
    (r"units? of measurement|units?", "mätenhet"),
    (r"directions?", "riktning"),
    (r"target levels?|targets?", "målnivå"),
    (r"visions?|target picture", "målbild målbilden"),
    (r"goal areas?|target areas?", "målområde målområden"),
    (r"focus areas?", "fokusområde fokusområden"),
    (r"areas? of action|action areas?", "insatsområde insatsområden"),
    (r"goals?|objectives?|aims?", "mål målet syfte"),
    (r"purposes?", "syfte"),
    (r"joint initiatives?|initiatives?|projects? run jointly", "satsning satsningar länsgemensamma"),
    (r"roadmap", "färdplan"),
    (r"appendix|appendices|annex(es)?", "bilaga bilagor"),
    (r"decisions?|decided", "beslut beslutade"),
    (r"continuity", "kontinuitet"),
    (r"accessibility|availability|access", "tillgänglighet"),
    (r"participation|involvement|involved", "delaktighet involvering"),
    (r"coordination|coordinated", "samordning"),
    (r"person-? ?cent(red|ered)|patient-? ?cent(red|ered)", "personcentrerad personcentrering"),
    (r"health promotion|health-? ?promoting", "hälsofrämjande"),
    (r"prevention|preventive", "förebyggande prevention"),
    (r"rehabilitation|rehabilitative", "rehabilitering rehabiliterande"),
    (r"trust|confidence", "förtroende"),
    (r"regular doctors?|named doctors?|permanent doctors?|family doctors?", "fast läkarkontakt ordinarie läkare"),
    (r"doctors?|physicians?|gps?", "läkare"),
    (r"nurses?", "sjuksköterska sjuksköterskor"),
    (r"patients?", "patient patienter"),
    (r"residents?|citizens?|inhabitants?|population", "invånare befolkningen"),
    (r"surveys?|questionnaires?", "enkät enkäter"),
    (r"follow-? ?up|monitoring", "uppföljning"),
    (r"transition|transformation|reform", "omställning omställningen"),
    (r"final report|project report", "projektrapport slutrapport"),
    (r"project (leaders?|managers?)", "projektledare"),
    (r"process leaders?", "processledare"),
    (r"projects?", "projekt projektet"),
    (r"skills supply|workforce|competence", "kompetensförsörjning kompetens"),
    (r"work(ing)? environment", "arbetsmiljö"),
    (r"rural|sparsely populated", "landsbygd glesbygd"),
    (r"suicide", "suicid suicidprevention"),
    (r"fall injuries|falls", "fallskador fallprevention"),
    (r"children|young people|youth", "barn unga"),
    (r"mental (health|illness)", "psykisk hälsa ohälsa"),
    (r"hospitals?", "sjukhus"),
    (r"avoidable", "undvikbar"),
    (r"emergency", "akut"),
    (r"waiting times?", "väntetid"),
    (r"medical assessments?", "medicinsk bedömning"),
    (r"three days", "tre dagar"),
    (r"costs?|expenditure", "kostnad kostnader"),
    (r"shares?|proportions?|percentages?", "andel"),
    (r"women", "kvinnor"),
    (r"men", "män"),
    (r"ongoing|in progress", "pågående pågår"),
    (r"ended|completed|finished", "avslutad avslutades"),
    (r"who runs|who leads|run by|led by|responsible", "utförare processleds driver ansvarar"),
    (r"collaboration|cooperation", "samverkan"),
    (r"agreements?", "överenskommelse"),
    (r"lifestyle habits|living habits|lifestyle", "levnadsvanor"),
    (r"municipal(it(y|ies))?", "kommun kommuner kommunal"),
    (r"coordinators?", "samordnare"),
    (r"regions?", "region regioner"),
    (r"count(y|ies)", "län"),
    (r"abbreviations?|terms?", "förkortning begrepp"),
)
_PATTERNS = tuple((re.compile(rf"\b(?:{english})\b", re.IGNORECASE), swedish) for english, swedish in _TERMS)


def swedish_terms(question: str) -> str:
    """The Swedish words for the domain phrases of an English question, longest phrases first."""
    found: list[str] = []
    remaining = question
    for pattern, swedish in _PATTERNS:
        if pattern.search(remaining):
            found.append(swedish)
            remaining = pattern.sub(" ", remaining)  # "primary care" is not also "care"
    return " ".join(found)


def with_swedish_terms(question: str) -> str:
    """An English question followed by the Swedish words for its domain terms; a Swedish one as it is."""
    return f"{question} {swedish_terms(question)}" if is_english(question) else question
