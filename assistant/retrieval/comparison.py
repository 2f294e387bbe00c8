"""Questions that ask two sides at once: two places ("Jämför följeforskningen i Sörmland och i Dalarna") or two
documents ("vad heter den i färdplanen, och vad planerades för 2023 enligt bilagan?"). Each side becomes a part
of its own, searched in its own documents, so that one side's passages do not crowd out the other's.

A document is named by a place of its title ("Sörmland", "Dalarna"), by a publisher of one word
("Socialstyrelsens") or by the head word of its title in a noun's form ("färdplanen", "bilagan"), unless most
documents use that word ("uppföljningen" is what every report speaks of, not one report's name).

A question is split only when it names at least two sides whose documents do not overlap, and either compares
them ("jämför", "samma … som", "skillnad") or asks of each in a clause of its own ("vad heter den i färdplanen,
och vad planerades enligt bilagan?"). "NSV:s godkännande i kommunstyrelsens meddelanden" asks one thing, and so
does "Enligt Socialstyrelsen, hur går det i Sörmland?": a clause that only names a source is no clause of its
own. A document named beside places that are compared ("Vad skriver Socialstyrelsen om Dalarna jämfört med
Sörmland?") is where both places are looked up. A side that names a document of another side's place
("projektrapporten" beside "Sörmlands") is the narrower one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.models import DocumentInfo
from assistant.retrieval.question_tokens import place_name
from assistant.text.clauses import clause_breaks
from assistant.text.folding import fold
from assistant.text.tokens import STOPWORDS, tokenize

_WORD = re.compile(r"[\wåäöÅÄÖéÉ-]+")
# The words that only tie the sides together, left out of each side's question.
_COMPARING = re.compile(
    r"\b(jämför\w*|compare[sd]?|comparing|versus|vs\.?)(\s+(med|with|to|mot)\b)?|\bskillnaden\s+mellan\b",
    re.I,
)
_CUE = re.compile(
    r"\b(jämför\w*|skillnad\w*|skiljer|skilde|samma|likadan\w*|respektive|medan|båda|bägge|versus|vs|"
    r"compare\w*|differ\w*|same|both|whereas)\b",
    re.I,
)
# A conjunction or preposition before a side's name goes with it out of the other side's question ("och i
# Dalarna"); with no conjunction before it, the one after it goes ("i Sörmland och i Dalarna").
_BEFORE_NAME = re.compile(
    r"(\b(och|samt|eller|med|mot|respektive|and|or|with|than)\s+)?"
    r"(\b(i|enligt|från|för|hos|in|according to|from)\s+)?$",
    re.I,
)
_AFTER_NAME = re.compile(r"^\s*(och|samt|eller|med|mot|respektive|and|or|with|than)\b", re.I)
# Words that leave a clause a mere source ("Enligt Socialstyrelsen, …", "I Dalarna: …").
_SOURCE_WORDS = frozenset({"enligt", "according", "to", "i", "in", "hos", "inom", "för", "for", "från", "from"})
MAX_PARTS = 3
# What a title's head word may end in when a question names the document by it ("bilag|an", "färdplan|en"):
# a noun's endings, so that "godkänna" does not name the decision "Godkännande av …".
NOUN_ENDINGS = frozenset("a s n ns en ens et ets t ts na nas an ans ar arna er erna or orna".split()) | {""}
_PLURAL = re.compile(r"(or|ar|er)$")
# A head word that more than this share of the documents use names none of them.
COMMON_HEAD_SHARE = 2 / 3


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
    matched by stem in any form, and its title's head word (and the word without a plural ending: "bilag" of
    "Bilagor"), matched with a noun's ending."""

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
        if title_words and not place_name(title_words[0]):
            head = fold(title_words[0].lower())
            heads = {head, _PLURAL.sub("", head)}
        return cls(frozenset(proper - {""}), frozenset(heads - {""}))

    def named_by(self, word: str) -> str:
        """'place' or 'document' when `word` of a question names the document (by a place, or otherwise),
        else ''."""
        place = place_name(word)
        if _stem(place or word) in self.proper:
            return "place" if place else "document"
        return "document" if self.named_by_head(word) else ""

    def named_by_head(self, word: str) -> bool:
        folded = fold(word.lower())
        return any(folded.startswith(head) and folded[len(head) :] in NOUN_ENDINGS for head in self.heads)

    def without_heads(self) -> DocumentNames:
        return DocumentNames(self.proper, frozenset())


@dataclass(frozen=True)
class DocumentCatalogue:
    """The documents a question may name, and how (see the module docstring)."""

    documents: Mapping[str, DocumentInfo]
    names: Mapping[str, DocumentNames] = field(default_factory=dict)

    @classmethod
    def of(cls, documents: Mapping[str, DocumentInfo], words: Mapping[str, set[str]]) -> DocumentCatalogue:
        """The catalogue of `documents`; `words` are the words of each document's text, to leave out head
        words most documents use."""
        names = {}
        for doc_id, info in documents.items():
            named = DocumentNames.of(info)
            users = sum(1 for used in words.values() if any(named.named_by_head(w) for w in used))
            names[doc_id] = named.without_heads() if users > COMMON_HEAD_SHARE * len(documents) else named
        return cls(documents, names)

    def names_a_document(self, word: str) -> bool:
        """True when `word` of a question names one of the documents."""
        return any(named.named_by(word) for named in self.names.values())


@dataclass
class _Side:
    kind: str  # 'place' or 'document'
    word: str
    doc_ids: tuple[str, ...]
    spans: list[tuple[int, int]]


def comparison_parts(question: str, catalogue: DocumentCatalogue) -> tuple[ComparisonPart, ...]:
    """The sides of a question that asks two or more places or documents (see the module docstring), in the
    order the question names them; () when it asks one thing (then it is answered whole)."""
    sides = _sides(_mentions(question, catalogue))
    places = [s for s in sides if s.kind == "place"]
    if len(places) >= 2 and len(places) < len(sides) and _CUE.search(question):
        # "Vad skriver Socialstyrelsen om Dalarna jämfört med Sörmland?": both places, in the named documents
        scope = tuple(dict.fromkeys(d for s in sides if s.kind == "document" for d in s.doc_ids))
        sides = [_Side(s.kind, s.word, scope, s.spans) for s in places]
    if not 2 <= len(sides) <= MAX_PARTS or not _asks_each(question, sides, catalogue):
        return ()
    parts = []
    for side in sides:
        others = [span for other in sides if other is not side for span in other.spans]
        text = _without(question, others)
        if not _says_more_than_names(text, catalogue):
            return ()  # "Jämför Sörmland med Dalarna.": nothing asked of either
        parts.append(ComparisonPart(_label(side, catalogue.documents), text, side.doc_ids))
    return tuple(parts)


def _mentions(question: str, catalogue: DocumentCatalogue) -> list[_Side]:
    """Each word of the question that names some (not all) documents, as a side of its own."""
    found = []
    for match in _WORD.finditer(question):
        kinds = {doc_id: named.named_by(match.group()) for doc_id, named in catalogue.names.items()}
        doc_ids = tuple(doc_id for doc_id, kind in kinds.items() if kind)
        if doc_ids and len(doc_ids) < len(catalogue.names):
            kind = "place" if "place" in kinds.values() else "document"
            found.append(_Side(kind, match.group(), doc_ids, [(match.start(), match.end())]))
    return found


def _sides(mentions: Sequence[_Side]) -> list[_Side]:
    """Mentions of the same documents as one side; a narrower side takes in the wider mentions ("projektrapporten"
    then "Sörmlands" is the report)."""
    sides: list[_Side] = []
    for mention in mentions:
        docs = set(mention.doc_ids)
        same = next((s for s in sides if set(s.doc_ids) == docs), None)
        narrower = [s for s in sides if set(s.doc_ids) < docs]
        if same is not None or narrower:
            for side in [same] if same is not None else narrower:
                side.spans.extend(mention.spans)
            continue
        for wider in [s for s in sides if docs < set(s.doc_ids)]:
            sides.remove(wider)
            mention = _Side("document", mention.word, mention.doc_ids, [*mention.spans, *wider.spans])
        sides.append(mention)
    return sides


def _asks_each(question: str, sides: Sequence[_Side], catalogue: DocumentCatalogue) -> bool:
    """True when the question compares its sides, or names each in a clause of its own (a clause that only
    names a source belongs to the clause after it)."""
    if _CUE.search(question):
        return True
    starts = [0, *clause_breaks(question)]
    bounds = list(zip(starts, [*starts[1:], len(question)]))
    clause_of: list[int] = []
    index = 0
    for number, (start, end) in enumerate(bounds):
        clause_of.append(index)
        if not _only_a_source(question[start:end], catalogue) or number == len(bounds) - 1:
            index += 1

    def clause(position: int) -> int:
        return clause_of[max(i for i, (start, _end) in enumerate(bounds) if start <= position)]

    clauses = [{clause(start) for start, _end in side.spans} for side in sides]
    return all(not (a & b) for i, a in enumerate(clauses) for b in clauses[i + 1 :])


def _only_a_source(piece: str, catalogue: DocumentCatalogue) -> bool:
    """True for "Enligt Socialstyrelsen," and "I Dalarna:": names and the words that make them a source."""
    for word in _WORD.findall(piece):
        lowered = word.lower()
        if not catalogue.names_a_document(word) and lowered not in _SOURCE_WORDS and lowered not in STOPWORDS:
            return False
    return True


def _says_more_than_names(text: str, catalogue: DocumentCatalogue) -> bool:
    """True when a side's question asks something besides naming sides and comparing them."""
    for word in _WORD.findall(_COMPARING.sub(" ", text)):
        if word.lower() in STOPWORDS or _CUE.fullmatch(word):
            continue
        if not catalogue.names_a_document(word):
            return True
    return False


def _label(side: _Side, documents: Mapping[str, DocumentInfo]) -> str:
    """A side's name for the answer: its place ("Sörmland"), or its document's title without what the
    brackets add."""
    place = place_name(side.word)
    if place or len(side.doc_ids) != 1:
        return (place or side.word).capitalize()
    return re.sub(r"\s*\([^)]*\)", "", documents[side.doc_ids[0]].title).strip() or side.word


def _without(question: str, spans: list[tuple[int, int]]) -> str:
    """The question with the words at `spans` (and the conjunction or preposition tied to each) left out, and
    the comparing words too."""
    text = question
    for start, end in sorted(spans, reverse=True):
        before = _BEFORE_NAME.search(text[:start])
        cut = before.start() if before and before.group() else start
        after = text[end:]
        if not (before and before.group(1)):  # "i Sörmland och i Dalarna": the "och" goes with "i Sörmland"
            after = _AFTER_NAME.sub("", after, count=1)
        text = text[:cut].rstrip() + " " + after.lstrip()
    text = _COMPARING.sub(" ", text)
    text = re.sub(r"\s+([,.?!;:])", r"\1", text)
    text = re.sub(r"([,–-])\s*([,?.!])", r"\2", text)
    text = re.sub(r"^[\s,.:;–-]+", "", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,–-")


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    tokens = tokenize(word)
    return tokens[0] if tokens else ""
