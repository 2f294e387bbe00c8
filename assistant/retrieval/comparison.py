"""Questions that ask two sides at once: two places ("Jämför följeforskningen i Sörmland och i Dalarna") or two
documents ("vad heter den i färdplanen, och vad planerades för 2023 enligt bilagan?"). Each side becomes a part
of its own, searched in its own documents, so that one side's passages do not crowd out the other's.

A document is named by its place (a place in its title: "Sörmland", "Dalarna"), by the head word of its title
in a noun's form ("färdplanen", "bilagan", "slutredovisningen") or by a publisher of one word
("Socialstyrelsens"). A question is split only when it names at least two sides whose documents do not overlap,
and either compares them ("jämför", "samma … som", "skillnad") or asks of each in a clause of its own ("vad
heter den i färdplanen, och vad planerades enligt bilagan?"): "NSV:s godkännande i kommunstyrelsens
meddelanden" asks one thing. A side that names a document of another side's place ("projektrapporten" beside
"Sörmland") is the narrower one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.models import DocumentInfo
from assistant.retrieval.question_tokens import place_name
from assistant.text.clauses import clause_breaks
from assistant.text.folding import fold
from assistant.text.tokens import tokenize

_WORD = re.compile(r"[\wåäöÅÄÖéÉ-]+")
# The words that only tie the two sides together ("jämför", "jämfört med"), left out of each side's question.
_COMPARING = re.compile(r"\b(jämför\w*|compare\w*|compared|versus|vs\.?)\s*(med|with|to)?\b", re.I)
# A preposition before a side's name goes with it out of the other side's question ("och i Dalarna").
_BEFORE_NAME = re.compile(r"(\b(och|samt|and)\s+)?\b(i|enligt|från|för|in|according to|from)\s*$", re.I)
_AFTER_NAME = re.compile(r"^\s*(och|samt|and)\b", re.I)
MAX_PARTS = 3
# What a title's head word may end in when a question names the document by it ("bilag|an", "färdplan|en"):
# a noun's endings, so that "beslutades" does not name a decision.
NOUN_ENDINGS = frozenset(
    "s n ns en ens et ets t ts na nas an ans ar arna er erna or orna ande andet anden andena".split()
) | {""}
_CUE = re.compile(
    r"\b(jämför\w*|skillnad\w*|skiljer|skilde|samma|likadan\w*|respektive|medan|båda|bägge|"
    r"compare\w*|differ\w*|same|both|whereas)\b",
    re.I,
)


@dataclass(frozen=True)
class ComparisonPart:
    """One side of a question that asks two: its name in the answer (a place, or a document's title), the
    question as asked of this side alone (the other sides' names left out) and the documents it is searched in."""

    label: str
    text: str
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class DocumentNames:
    """How a question may name one document: proper names (the places of its title, a publisher of one word),
    matched by stem in any form, and its title's head word, matched (as itself or its stem) with a noun's ending."""

    proper: frozenset[str]
    heads: frozenset[str]

    @classmethod
    def of(cls, info: DocumentInfo) -> DocumentNames:
        title_words = _WORD.findall(info.title)
        proper = {_stem(place) for word in title_words if (place := place_name(word))}
        publisher = info.publisher.strip()
        if publisher and " " not in publisher:
            proper.add(_stem(publisher))
        heads: set[str] = set()
        if title_words and not place_name(title_words[0]):  # the word and its stem: "godkännande", "godkan"
            heads = {fold(title_words[0].lower()), _stem(title_words[0])}
        return cls(frozenset(proper - {""}), frozenset(heads - {""}))

    def named_by(self, word: str) -> bool:
        """True when `word` of a question names the document."""
        place = place_name(word)
        if _stem(place or word) in self.proper:
            return True
        folded = fold(word.lower())
        return any(folded.startswith(head) and folded[len(head) :] in NOUN_ENDINGS for head in self.heads)


def comparison_parts(question: str, documents: Mapping[str, DocumentInfo]) -> tuple[ComparisonPart, ...]:
    """The sides of a question that names two or more places or documents whose documents do not overlap,
    in the order the question names them; () when it names fewer (then it is answered whole)."""
    named = _named_sides(question, documents)
    if len({doc_ids for _word, doc_ids, _spans in named}) < 2:
        return ()
    sides: list[tuple[str, tuple[str, ...], list[tuple[int, int]]]] = []
    for label, doc_ids, spans in named:
        narrower = [s for s in sides if set(s[1]) < set(doc_ids)]
        if any(set(s[1]) == set(doc_ids) for s in sides):
            for s in sides:
                if set(s[1]) == set(doc_ids):
                    s[2].extend(spans)
            continue
        if narrower:  # "rapporten" already named, "Sörmlands" only places it
            for s in narrower:
                s[2].extend(spans)
            continue
        wider = [s for s in sides if set(doc_ids) < set(s[1])]
        for s in wider:
            sides.remove(s)
            spans = [*spans, *s[2]]
        sides.append((label, doc_ids, list(spans)))
    if len(sides) < 2 or len(sides) > MAX_PARTS or not _asks_each(question, sides):
        return ()
    all_spans = [span for _label, _docs, spans in sides for span in spans]
    parts = []
    for word, doc_ids, own in sides:
        others = [span for span in all_spans if span not in own]
        parts.append(ComparisonPart(_label(word, doc_ids, documents), _without(question, others), doc_ids))
    return tuple(parts)


def _asks_each(question: str, sides: list[tuple[str, tuple[str, ...], list[tuple[int, int]]]]) -> bool:
    """True when the question compares its sides, or names each in a clause of its own."""
    if _CUE.search(question):
        return True
    breaks = clause_breaks(question)

    def clause(position: int) -> int:
        return sum(1 for b in breaks if b < position)

    clauses = [{clause(start) for start, _end in spans} for _label, _docs, spans in sides]
    return all(not (a & b) for i, a in enumerate(clauses) for b in clauses[i + 1 :])


def _named_sides(question: str, documents: Mapping[str, DocumentInfo]) -> list[tuple[str, tuple[str, ...], list]]:
    """Each word of the question that names documents: (the word, those documents, [its span])."""
    names = {doc_id: DocumentNames.of(info) for doc_id, info in documents.items()}
    found = []
    for match in _WORD.finditer(question):
        doc_ids = tuple(doc_id for doc_id, named in names.items() if named.named_by(match.group()))
        if doc_ids and len(doc_ids) < len(documents):
            found.append((match.group(), doc_ids, [(match.start(), match.end())]))
    return found


def _label(word: str, doc_ids: tuple[str, ...], documents: Mapping[str, DocumentInfo]) -> str:
    """A side's name for the answer: its place ("Sörmland"), or its document's title without what the
    brackets add."""
    place = place_name(word)
    if place or len(doc_ids) != 1:
        return (place or word).capitalize()
    return re.sub(r"\s*\([^)]*\)", "", documents[doc_ids[0]].title).strip() or word


def _without(question: str, spans: list[tuple[int, int]]) -> str:
    """The question with the words at `spans` (and the preposition before each) left out, and the comparing
    words too."""
    text = question
    for start, end in sorted(spans, reverse=True):
        before = _BEFORE_NAME.search(text[:start])
        cut = before.start() if before else start
        after = text[end:]
        if not (before and before.group(1)):  # "i Sörmland och i Dalarna": the "och" goes with "i Sörmland"
            after = _AFTER_NAME.sub("", after, count=1)
        text = text[:cut].rstrip() + " " + after.lstrip()
    text = _COMPARING.sub(" ", text)
    text = re.sub(r"\s+([,.?!;:])", r"\1", text)
    text = re.sub(r"([,–-])\s*([,?.!])", r"\2", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,–-")


def _stem(word: str) -> str:
    tokens = tokenize(word)
    return tokens[0] if tokens else ""
