"""Which fields of a satsning or a measure a question asks for, and the short lead sentence that answers
them ("Besökskort startade 2024 enligt färdplanen [1]."), so that a table answer answers the asked field
rather than repeating the whole row."""

from __future__ import annotations

import re

from assistant.question import QUESTION_WORDS
from assistant.tables.results import EMPTY_FIELD
from assistant.text.folding import fold
from assistant.text.tokens import STOPWORDS, words

# Folded question words naming a column of the färdplan's satsningar (Swedish and English question forms).
_INITIATIVE_FIELD_WORDS: dict[str, str] = {
    "Period": r"\bnar\b|\bstart|\bborja|\bpaborja|\binled|\bslut|\bavslut(as|ades)\b|\bupphor|period|tids?(plan|ram)"
    r"|hur lange|\bwhen\b|\bbeg[ia]n|\bends?\b|\bended\b|how long",
    "Status": r"status|pagaende|fortfarande|\baktiv|\bklar\b|ongoing|\bstill\b|finished|active",
    "Utförare": r"utforare|utfor\b|\bvem\b|\bvilka (star|ar med|ingar|deltar)\b|ansvar|processled|\bwho\b|run by"
    r"|responsib|carr(y|ies) out|\btakes? part",
    "Insatsområde": r"insatsomrad|\bhor till\b|\bbelongs?\b|\barea\b",
    "Mål/syfte": r"\bmal(et)?\b|syfte|\bvad ska\b|utveckla|\bga(r)? ut pa\b|\bgoal|\baim|purpose|intended",
}
# Words that say the question is about the satsningar of the färdplan, not about something else.
_ABOUT_THE_ROWS = r"satsning|initiativ|lansgemensam|gemensam|fardplan|roadmap|joint|sormland|nara|vard|region|kommun"
_STARTS = re.compile(r"\bstart|\bborja|\bpaborja|\binled|\bbeg[ia]n")
_ENDS = re.compile(r"\bslut|\bavslut(as|ades)\b|\bupphor|\bends?\b|\bended\b|finish")
_YEARS = re.compile(r"20\d\d")
UNTIL_FURTHER_NOTICE = re.compile(r"\btv\b|tills vidare", re.I)


def asked_initiative_fields(question: str, name: str) -> list[str]:
    """The columns of a satsning the question asks for ([] when it asks about the satsning as a whole);
    the satsning's own name is not read as a question word ("Stödja samverkan …" names no field)."""
    folded = fold(question).replace(fold(name), " ") if name else fold(question)
    return [column for column, words in _INITIATIVE_FIELD_WORDS.items() if re.search(words, folded)]


def subject_words(question: str) -> str:
    """The question without the words that ask for a satsning's fields ("När startade Besökskort?" -> "När
    Besökskort?"): what the question is about, for telling which lines of text speak of it."""
    kept = [w for w in words(question) if not any(re.search(p, fold(w)) for p in _INITIATIVE_FIELD_WORDS.values())]
    return " ".join(kept)


def initiative_columns(question: str, name: str, asked: list[str]) -> tuple[str, ...]:
    """The columns a field answer shows: the satsning, the asked fields, and its goal too when the question
    asks something no column is named for ("vilka utredningar bygger den på?": the goal cites them)."""
    columns = ("Satsning", *asked)
    if "Mål/syfte" in asked:
        return columns
    return columns + ("Mål/syfte",) if unexplained_words(question, name) else columns


def unexplained_words(question: str, name: str) -> list[str]:
    """The question's content words that neither name the satsning nor one of its fields: what it asks
    about beyond the row ("var hölls mötena", "hur stor del av arbetstiden")."""
    name_words = [fold(w) for w in words(name) if len(w) >= 4]
    return [
        word
        for word in (fold(w) for w in words(question) if w not in QUESTION_WORDS and w not in STOPWORDS)
        if len(word) >= 4
        and word not in STOPWORDS
        and not any(re.search(pattern, word) for pattern in _INITIATIVE_FIELD_WORDS.values())
        and not any(word.startswith(n[:6]) or n.startswith(word[:6]) for n in name_words)
        and not re.match(_ABOUT_THE_ROWS, word)
    ]


def initiative_lead(question: str, row: dict, asked: list[str], marker: int, english: bool) -> str:
    """One short sentence per asked field of the färdplan's row, each cited."""
    name, folded = row["Satsning"], fold(question).replace(fold(row["Satsning"]), " ")
    sentences = []
    for column in asked:
        if column == "Period":
            sentences.append(_period_sentence(name, row["Period"], row["Status"], folded, english))
        elif column == "Status":
            sentences.append(f"{name}: status {row['Status']}" if not english else f"{name}: {row['Status']}")
        elif column == "Utförare":
            label = "Carried out by" if english else "Utförare"
            sentences.append(f"{label} ({name}): {_value(row['Utförare'], english)}")
        elif column == "Insatsområde":
            area = row["Insatsområde"]
            sentences.append(f"{name} belongs to ”{area}”" if english else f"{name} hör till insatsområdet {area}")
        elif column == "Mål/syfte":
            label = "Goal" if english else "Mål"
            sentences.append(f"{label} ({name}): {_value(row['Mål/syfte'], english)}")
    source = "according to the färdplan" if english else "enligt färdplanen"
    return " ".join(f"{s.rstrip('.')}, {source} [{marker}]." for s in sentences)


def _period_sentence(name: str, period: str, status: str, folded: str, english: bool) -> str:
    years = _YEARS.findall(period)
    if not years:
        return f"No period is given for {name}" if english else f"Ingen period anges för {name}"
    start, end = years[0], (years[1] if len(years) > 1 else "")
    planned = status.startswith("planerad")
    if _STARTS.search(folded):
        if english:
            return f"{name} {'starts' if planned else 'started'} in {start}"
        return f"{name} {'startar' if planned else 'startade'} {start}"
    open_ended = UNTIL_FURTHER_NOTICE.search(period) is not None
    if _ENDS.search(folded) and (end or open_ended):
        if open_ended:
            return f"{name} runs until further notice (from {start})" if english else f"{name} pågår tills vidare"
        ended = status.startswith("avslutad")
        if english:
            return f"{name} {'ended' if ended else 'ends'} in {end}"
        return f"{name} {'slutade' if ended else 'slutar'} {end}"
    if open_ended:
        if english:
            return f"{name} runs from {start} until further notice"
        return f"{name} pågår från {start} och tills vidare"
    return f"{name} runs {period}" if english else f"{name} pågår {period}"


def _value(value: str, english: bool) -> str:
    if value == EMPTY_FIELD:
        return "the färdplan gives none" if english else "färdplanen anger ingen"
    return f"”{value}”" if english else value


def measure_lead(asked: list[dict], rows: list[dict], marker: int, english: bool) -> str:
    """The asked fields (rows of a measure's definition) first, one line each, under the measure's name
    (read from the definition's other rows)."""
    title = next((r["Uppgift"] for r in rows if r["Fält"] == "Titel"), "")
    # "Samordning 2 (målområde Tillsammans)" inside the name's own parentheses reads "Samordning 2, målområde …"
    label = next((r["Uppgift"] for r in rows if r["Fält"] == "Indikator"), "")
    label = re.sub(r"\s*\((.*)\)$", r", \1", label)
    if english:
        head = f"The measure ”{title}” ({label}) in Sörmland's indicator library, as the library words it [{marker}]:"
    else:
        head = f"Måttet {title} ({label}) i Sörmlands indikatorbibliotek [{marker}]:"
    lines = [head]
    for row in asked:
        value = row["Uppgift"]
        if value == EMPTY_FIELD:
            value = "not given in the library" if english else "anges inte i biblioteket"
        lines.append(f"- {row['Fält']}: {value}")
    return "\n".join(lines)
