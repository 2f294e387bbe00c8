"""Grounded extractive answers without an LLM: the best sentences of the retrieved passages, cited.

The answerer splits the top passages into units (sentences, list items, table rows), scores each unit
by how much of the question's content it covers (folded, stemmed, decompounded terms weighted by their
rarity among the candidates), the passage's retrieval rank and the kind of question, and composes a
short Markdown answer with numbered [n] markers that point into `Answer.citations`. When the evidence
is weak it abstains and names the closest thing the documents do cover.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from assistant.index.keyword_index import tokenize, words
from assistant.models import Answer, Citation, Passage
from assistant.text.decompounding import Decompounder
from assistant.text.english import is_english, swedish_terms

ABSTAIN_SV = "Dokumenten ger inget svar på den frågan."
ABSTAIN_EN = "The documents do not answer that question."

# Abstention, calibrated on evals/questions (dev, 3 unanswerable / 33 answerable), from general features:
# - a name in the question (a capitalised word after the first, e.g. a region) that none of the top
#   passages mentions means the documents talk about something else;
# - when the keyword and vector rankings disagree on the top passage (see _weak_without_keyword) and the
#   best sentences cover little of the question (weighted share of its content words), the evidence is weak.
#   Dev: the two unanswerable in that situation have support 0.31 and 0.49; the answerable 0.56, 0.65, 1.0.
MIN_SUPPORT_WITHOUT_KEYWORD = 0.52
KEYWORD_AGREEMENT_RANK = 5
TOP_FOR_NAMES = 3

RANK_BONUS = 0.6
RANK_DECAY = 0.4
FLOOR_SHARE = 0.6
MAX_CHARS = 600
MAX_UNITS = 5
SHORT_UNIT = 100
CONTEXT_CHARS = 350
MAX_LIST_ITEMS = 8
# As much as a defining sentence gets (see _score): an announced definition ranks like one.
DEFINITION_BONUS = 0.35

# Question words and fillers that say what kind of answer is wanted, not what it is about.
_QUESTION_WORDS = {
    "vad",
    "vilka",
    "vilken",
    "vilket",
    "hur",
    "när",
    "var",
    "vem",
    "vems",
    "varför",
    "många",
    "mycket",
    "stor",
    "stort",
    "finns",
    "ska",
    "skall",
    "kan",
    "får",
    "gör",
    "görs",
    "går",
    "till",
    "något",
    "någon",
    "några",
    "står",
    "betyder",
    "innebär",
    "menas",
    "avses",
    "beskriv",
    "berätta",
    "säger",
    "nämns",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "for",
    "to",
    "and",
    "or",
    "by",
    "with",
    "from",
    "what",
    "which",
    "who",
    "whom",
    "when",
    "where",
    "why",
    "how",
    "many",
    "much",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "their",
    "they",
    "them",
    "it",
    "its",
    "that",
    "this",
    "these",
    "those",
    "other",
    "spend",
    "talk",
    "there",
    "about",
    "any",
    "some",
}
_NUMERIC_Q = re.compile(
    r"\b(hur (många|mycket|stor|stort|stora|hög|högt|låg|lågt|ofta|länge)|antal|andel|procent|kostnad|"
    r"how (many|much|large|high|often|long)|number of|share|percent)",
    re.IGNORECASE,
)
_DEFINITION_Q = re.compile(
    r"^\s*(vad (är|betyder|innebär|menas med|avses med|står .* för)|vad är .* för något|"
    r"what (is|are|does .* mean)|define)\b",
    re.IGNORECASE,
)
_LIST_Q = re.compile(r"\b(vilka|vilken|vilket|which|what are|list|lista|nämn)\b", re.IGNORECASE)
_DEFINING = re.compile(r"\b(är|avses|innebär|betyder|definieras|står för|syftar på|kallas|handlar om)\b")
# A lead-in that announces a definition ("Med ett fokusområde avses;"): the sentence after it is the definition.
_DEFINING_LEAD_IN = re.compile(r"\b(avses|definieras|menas|innebär)\b[^.]*[:;]\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_TEMPORAL_Q = re.compile(r"\b(när|sedan när|vilket år|vilken tid|tidsram|when|what year|since when)\b", re.I)
_DATE = re.compile(
    r"\b((19|20)\d\d|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"våren|hösten|vår|höst)\b",
    re.I,
)
_SUPERLATIVE = re.compile(
    r"\b(högst|lägst|mest|minst|störst|minst|oftast|flest|färst|bäst|sämst|highest|lowest|most|least)\b", re.I
)
_BULLET = re.compile(r"^\s*(?:[-–•*·▪]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÅÄÖÉ0-9])")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*([a-zåäöé])")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|br|p|span|sup|sub)\s*/?>", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^\s*(?:sida\s*)?\d{1,4}(?:\s*(?:av|/)\s*\d{1,4})?\s*$", re.IGNORECASE)


def question_kind(question: str) -> str:
    """'definition', 'numeric', 'list' or 'fact', from the wording of the question."""
    if _DEFINITION_Q.search(question):
        return "definition"
    if _NUMERIC_Q.search(question):
        return "numeric"
    if _LIST_Q.search(question):
        return "list"
    return "fact"


def clean_text(text: str) -> str:
    """Text as the user should see it: no soft hyphens, line-break hyphenation or odd spaces."""
    text = _HTML_TAG.sub("", text.replace("\u00ad", "").replace("\r", ""))
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if not _PAGE_LINE.match(line))


def markdown_escape(text: str) -> str:
    """Escape what would render as HTML, images or links when document text is shown as Markdown."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("[", "\\[").replace("]", "\\]")
    text = text.replace("`", "\\`")
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text, flags=re.MULTILINE)  # "3\. Förebyggande", not a list
    return re.sub(r"^([#>+])(\s)", r"\\\1\2", text, flags=re.MULTILINE)


@dataclass
class Unit:
    """A sentence, list item or table row of one passage."""

    text: str
    passage: int
    position: int
    tokens: frozenset[str]
    bullet: bool = False
    score: float = 0.0
    coverage: float = 0.0
    items: list[str] = field(default_factory=list)


def _mostly_links(text: str) -> bool:
    return sum(len(url) for url in _URL.findall(text)) > len(text) / 2


def _favour_announced_definitions(units: Sequence[Unit], terms: Sequence[str]) -> None:
    """The sentence right after a lead-in that announces a definition of the asked term defines it.

    Lead-in and sentence say one thing ("Med en arbetsgrupp avses; Gruppen samlar …"), so the sentence
    also covers what the lead-in names.
    """
    for lead_in, unit in zip(units, units[1:], strict=False):
        announces = _DEFINING_LEAD_IN.search(lead_in.text) and any(t in lead_in.tokens for t in terms)
        if announces and unit.passage == lead_in.passage and not unit.bullet:
            gain = max(0.0, lead_in.coverage - unit.coverage)
            unit.coverage += gain
            unit.score += gain + DEFINITION_BONUS


def split_units(text: str) -> list[tuple[str, bool]]:
    """Sentences and list items of a passage: broken lines are joined, bullets and rows kept apart."""
    lines = [line for line in clean_text(text).split("\n") if line]
    merged: list[str] = []
    for line in lines:
        if merged and _continues(merged[-1], line):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    units: list[tuple[str, bool]] = []
    for line in merged:
        bullet = bool(_BULLET.match(line))
        body = _BULLET.sub("", line) if bullet else line
        for sentence in _SENTENCE_END.split(body):
            sentence = sentence.strip()
            if sentence:
                units.append((sentence, bullet))
    return units


def _continues(previous: str, line: str) -> bool:
    if _BULLET.match(line) or previous.endswith((".", "!", "?", ":")):
        return False
    if line[0].islower():
        return True
    # A long line that stops mid-sentence ("… i Region\nJämtland Härjedalen (84 procent …").
    return len(previous) >= 60 and not _BULLET.match(previous) and re.search(r"[\w,]$", previous) is not None


class ExtractiveAnswerer:
    """Answers from the sentences of the retrieved passages, each cited; abstains on weak evidence."""

    def __init__(self, decompounder: Decompounder | None = None, vocabulary: Collection[str] | None = None) -> None:
        self.decompounder = decompounder
        self.vocabulary = vocabulary

    def _tokens(self, text: str) -> list[str]:
        return tokenize(text, self.decompounder)

    def _in_corpus_language(self, question: str) -> str:
        """An English question as the words the Swedish documents could hold: its domain terms in Swedish and
        the words the corpus uses too (names such as "Sörmland"); other English words would only count against."""
        if not is_english(question):
            return question
        vocabulary = self.vocabulary
        kept = [w for w in words(question) if vocabulary is None or all(t in vocabulary for t in self._tokens(w)[:1])]
        return " ".join([*kept, swedish_terms(question)])

    def query_terms(self, question: str) -> list[str]:
        """Folded stems of the question's content words (question words and fillers left out)."""
        return self._content_terms(self._in_corpus_language(question))

    def _content_terms(self, text: str) -> list[str]:
        content = " ".join(w for w in words(text) if w not in _QUESTION_WORDS)
        seen: dict[str, None] = {}
        for term in self._tokens(content):
            if len(term) > 1 or term.isdigit():
                seen.setdefault(term, None)
        return list(seen)

    def answer(
        self, question: str, passages: Sequence[Passage], history: list[tuple[str, str]] | None = None
    ) -> Answer:
        english = is_english(question)
        kind = question_kind(question)
        in_corpus_language = self._in_corpus_language(question)
        terms = self._content_terms(in_corpus_language)
        passages = list(passages)
        units = self._units(passages)
        if not terms or not units:
            return self._abstain(question, passages, english, terms, 0.0, 0.0)
        weights = self._weights(terms, units)
        total = sum(weights.values())
        headers = [frozenset(self._tokens(f"{p.title} {p.section}")) for p in passages]
        for unit in units:
            self._score(unit, terms, weights, total, headers[unit.passage], kind, question)
        if kind == "definition":
            _favour_announced_definitions(units, terms)
        ranked = sorted(units, key=lambda u: -u.score)
        best = ranked[0]
        by_coverage = sorted(units, key=lambda u: -u.coverage)
        support = self._support(in_corpus_language, weights, by_coverage[:3], headers)
        numeric_cover = max((u.coverage for u in units if _NUMBER.search(u.text)), default=0.0)
        self.last_features = (best.coverage, support, numeric_cover, kind)
        if self._missing_name(question, passages) or self._weak_without_keyword(passages, support):
            return self._abstain(question, passages, english, terms, best.coverage, support)
        chosen = self._select(ranked, kind, passages)
        self._continue_across_chunks(chosen, units, passages)
        self._expand_lists(chosen, units, kind)
        # A list's lead-in ("Med ett fokusområde avses;") says nothing without its items.
        said = [u for u in chosen if u.items or not u.text.rstrip().endswith((":", ";"))]
        return self._compose(said or chosen, passages, english, kind)

    # -- scoring -----------------------------------------------------------------------------

    def _units(self, passages: Sequence[Passage]) -> list[Unit]:
        units = []
        for index, passage in enumerate(passages):
            for position, (text, bullet) in enumerate(split_units(passage.text)):
                if _mostly_links(text):
                    continue  # a line of web addresses answers nothing and reads badly
                tokens = frozenset(self._tokens(text))
                units.append(Unit(text, index, position, tokens, bullet))
        return units

    @staticmethod
    def _weights(terms: Sequence[str], units: Sequence[Unit]) -> dict[str, float]:
        n = len(units)
        weights = {}
        for term in terms:
            df = sum(1 for u in units if term in u.tokens)
            weights[term] = math.log(1 + (n + 1) / (df + 1))
        return weights

    def _score(
        self,
        unit: Unit,
        terms: Sequence[str],
        weights: dict[str, float],
        total: float,
        header: frozenset[str],
        kind: str,
        question: str,
    ) -> None:
        hit = sum(weights[t] for t in terms if t in unit.tokens)
        context = sum(weights[t] for t in terms if t in header and t not in unit.tokens)
        unit.coverage = (hit + 0.5 * context) / total if total else 0.0
        score = unit.coverage + RANK_BONUS / (1 + RANK_DECAY * unit.passage) - 0.01 * unit.position
        length = len(unit.text)
        if kind == "numeric" and _NUMBER.search(unit.text):
            score += 0.15
        if _TEMPORAL_Q.search(question) and _DATE.search(unit.text):
            score += 0.2  # "när startade den?": the sentence with the date or year
        if _SUPERLATIVE.search(question) and _SUPERLATIVE.search(unit.text) and _NUMBER.search(unit.text):
            score += 0.2  # "vilken region högst och lägst?": the sentence that ranks them, with its figures
        if kind == "definition" and unit.position < 6:
            head = unit.text[:80].lower()
            if _DEFINING.search(head) and hit > 0:
                score += 0.25
            if re.match(r"^(med|med begreppet)\b", head):
                score += 0.1
            for acronym in re.findall(r"\b[A-ZÅÄÖ]{2,6}\b", question):
                if f"({acronym})" in unit.text:  # "… stödstrukturerna (RSS)": the expansion of the acronym
                    score += 0.2
        if length < 25 and not unit.bullet:
            score -= 0.25
        if length > 400:
            score -= 0.1
        unit.score = score

    def _missing_name(self, question: str, passages: Sequence[Passage]) -> str:
        """A capitalised name of the question (not its first word) that no top passage mentions."""
        names = [
            w for w in re.findall(r"(?<=\s)[A-ZÅÄÖ][\wåäöéÅÄÖ-]{2,}", question) if w.lower() not in _QUESTION_WORDS
        ]
        if not names:
            return ""
        found: set[str] = set()
        for passage in passages[:TOP_FOR_NAMES]:
            found |= set(self._tokens(f"{passage.title} {passage.section} {passage.text}"))
        for name in names:
            stems = tokenize(name, self.decompounder)  # the word itself, then its compound parts
            if stems and stems[0] not in found and not (len(stems) > 2 and all(t in found for t in stems[1:])):
                return name
        return ""

    @staticmethod
    def _weak_without_keyword(passages: Sequence[Passage], support: float) -> bool:
        """The two retrievers disagree on the top passage, and the best units cover little of the question.

        Disagreement: BM25 ranks the top passage below KEYWORD_AGREEMENT_RANK (or not at all), or the vector
        search found it but ranks it below. A passage BM25 ranks high and the vector search does not find at
        all is typical of OCR-damaged text, not of a wrong topic, so it is not counted as disagreement.
        """
        if not passages or not any("vector" in p.ranks for p in passages):
            return False  # keyword-only search (or hand-made passages): no agreement to measure
        ranks = passages[0].ranks
        disagree = (
            ranks.get("keyword", 10**6) > KEYWORD_AGREEMENT_RANK or ranks.get("vector", 0) > KEYWORD_AGREEMENT_RANK
        )
        return disagree and support < MIN_SUPPORT_WITHOUT_KEYWORD

    def _support(
        self,
        question: str,
        weights: dict[str, float],
        top: Sequence[Unit],
        headers: Sequence[frozenset[str]],
    ) -> float:
        """Share (by weight) of the question's content words found in the best units or their headings.

        A compound counts as found when the word itself or all its parts are ("samordningsindikatorn" is
        covered by "samordning" and "indikator"); a word the corpus never uses counts against.
        """
        found: set[str] = set()
        for unit in top:
            found |= unit.tokens | headers[unit.passage]
        covered = total = 0.0
        unknown = 0
        for word in dict.fromkeys(w for w in words(question) if w not in _QUESTION_WORDS):
            stems = [t for t in self._tokens(word) if t in weights]
            if not stems:
                continue
            weight = max(weights[t] for t in stems)
            total += weight
            if stems[0] in found or (len(stems) > 1 and all(t in found for t in stems[1:])):
                covered += weight
            elif self.vocabulary is not None and stems[0] not in self.vocabulary:
                unknown += 1
        share = covered / total if total else 0.0
        return share - 0.15 * unknown

    # -- selection and composition -----------------------------------------------------------

    def _select(self, ranked: Sequence[Unit], kind: str, passages: Sequence[Passage]) -> list[Unit]:
        best = ranked[0]
        floor = min(best.score, max(best.score * FLOOR_SHARE, 0.35))
        limit = MAX_UNITS + (2 if kind == "list" else 0)
        chosen: list[Unit] = []
        chars = 0
        seen: set[str] = set()
        for unit in ranked:
            if len(chosen) >= limit or unit.score < floor:
                break
            key = unit.text.lower()[:60]
            if key in seen or chars + len(unit.text) > MAX_CHARS and chosen:
                continue
            seen.add(key)
            chosen.append(unit)
            chars += len(unit.text)
        docs = {passages[u.passage].doc_id for u in chosen}
        if len(docs) == 1 and len(passages) > 1:
            # Questions often span documents: add the best unit of another document when it is close.
            for unit in ranked[1:12]:
                if passages[unit.passage].doc_id not in docs and unit.score >= best.score * 0.7:
                    if chars + len(unit.text) <= MAX_CHARS + 200:
                        chosen.append(unit)
                    break
        return chosen

    @staticmethod
    def _continue_across_chunks(chosen: list[Unit], units: Sequence[Unit], passages: Sequence[Passage]) -> None:
        """A sentence cut at the end of its passage continues in the next chunk, when that was retrieved."""
        last = {}
        for unit in units:
            last[unit.passage] = max(last.get(unit.passage, -1), unit.position)
        for unit in chosen:
            passage = passages[unit.passage]
            if unit.position != last[unit.passage] or unit.text.endswith((".", "!", "?", ":")) or not passage.end:
                continue
            for index, other in enumerate(passages):
                if other.doc_id == passage.doc_id and 0 <= other.start - passage.end <= 3 and index != unit.passage:
                    following = next((u for u in units if u.passage == index and u.position == 0), None)
                    if following is not None:
                        unit.text = f"{unit.text} {following.text}"
                    break

    @staticmethod
    def _expand_lists(chosen: list[Unit], units: Sequence[Unit], kind: str) -> None:
        """A unit that introduces a list ("… består av tre målområden:") brings its items along."""
        by_place = {(u.passage, u.position): u for u in units}
        taken = {(u.passage, u.position) for u in chosen}
        for unit in chosen:
            introduces = unit.text.endswith(":") or re.search(
                r"\b(består av|följande|nedan|bland annat|these|following)\b", unit.text.lower()
            )
            # A heading or field label ("Titel …", "Nätverket Nära vård") says little alone: bring what follows.
            heading = len(unit.text) < SHORT_UNIT and not unit.bullet and not introduces
            if not introduces and not heading and kind != "list":
                continue
            position = unit.position + 1
            if introduces:
                # The items may follow a sentence or a caption or two later.
                for ahead in range(position, position + 3):
                    item = by_place.get((unit.passage, ahead))
                    if item is not None and item.bullet:
                        position = ahead
                        break
            chars = 0
            while len(unit.items) < MAX_LIST_ITEMS:
                item = by_place.get((unit.passage, position))
                if item is None:
                    break
                if (item.passage, item.position) in taken:
                    if heading or not item.bullet:
                        break
                    position += 1
                    continue
                if heading:
                    if chars + len(item.text) > CONTEXT_CHARS and unit.items:
                        break
                elif not item.bullet and (len(item.text) > 90 or not introduces):
                    break
                unit.items.append(item.text)
                chars += len(item.text)
                taken.add((item.passage, item.position))
                position += 1

    def _compose(self, chosen: list[Unit], passages: Sequence[Passage], english: bool, kind: str) -> Answer:
        citations: list[Citation] = []
        marker_of: dict[int, int] = {}
        lines = []
        for unit in chosen:
            passage = passages[unit.passage]
            if unit.passage not in marker_of:
                marker_of[unit.passage] = len(citations)
                citations.append(
                    Citation(
                        text=clean_text(passage.text),
                        doc_id=passage.doc_id,
                        title=passage.title,
                        section=passage.section,
                        page=passage.page,
                        chunk_id=passage.chunk_id,
                    )
                )
            index = marker_of[unit.passage]
            shown = unit.text if not unit.items else unit.text + " " + "; ".join(unit.items)
            previous = citations[index]
            citations[index] = replace(previous, quote=f"{previous.quote} {shown}".strip())
            text = markdown_escape(unit.text)
            if unit.items:
                items = "\n".join(f"  - {markdown_escape(item)}" for item in unit.items)
                lines.append((text, index + 1, items))
            else:
                lines.append((text, index + 1, ""))
        lead = "According to the documents (quoted in Swedish):" if english else "Enligt dokumenten:"
        first_text, first_marker, first_items = lines[0]
        body = [f"{lead} {first_text} [{first_marker}]"]
        if first_items:
            body.append(first_items)
        for text, marker, items in lines[1:]:
            body.append(f"- {text} [{marker}]")
            if items:
                body.append(items)
        return Answer(
            answer="\n".join(body),
            citations=tuple(citations),
            passages=tuple(passages),
            abstained=False,
            notes=(f"question kind: {kind}",),
        )

    def _abstain(
        self,
        question: str,
        passages: Sequence[Passage],
        english: bool,
        terms: Sequence[str],
        coverage: float,
        support: float,
    ) -> Answer:
        text = ABSTAIN_EN if english else ABSTAIN_SV
        if passages:
            best = passages[0]
            where = markdown_escape(best.title + (f" – {best.section}" if best.section else ""))
            if english:
                text += f" The closest the documents cover is *{where}*."
            else:
                text += f" Det som ligger närmast i dokumenten är *{where}*."
        return Answer(
            answer=text,
            citations=(),
            passages=tuple(passages),
            abstained=True,
            notes=(f"coverage={coverage:.2f} support={support:.2f} terms={' '.join(terms)}",),
        )
