"""Telling a follow-up from a question that stands on its own, from general Swedish and English patterns.

A follow-up is either a *fragment* that swaps one part of the previous question ("och i Dalarna?",
"och beredningsgrupperna?", "och året innan?"), or a *question* that leans on what was said before: it
opens with "och"/"men", points back with a pronoun or "där"/"dit" ("när startade den?"), asks on with a
clause-final "då" ("vad är nämnaren då?"), or is a short question whose few words were already said in the
previous exchange ("vem leder mötena?" after an answer about the meetings).
"""

from __future__ import annotations

from enum import Enum

from assistant.retrieval.question_tokens import (
    CONJUNCTIONS,
    DEFINITION_VERBS,
    DISCOURSE_PARTICLES,
    EXISTENTIAL_VERBS,
    LOCATIVES,
    NUMERALS,
    PREPOSITIONS,
    PRONOUNS,
    WH_DETERMINERS,
    WH_WORDS,
    Token,
    is_anchor,
    is_function_word,
    place_name,
    tokens,
)
from assistant.tables.measure_fields import MEASURE_FIELDS
from assistant.text.folding import fold

MAX_FOLLOWUP_WORDS = 14  # longer questions name their subject themselves
MAX_FRAGMENT_WORDS = 5
MAX_THIN_WORDS = 8  # a question this short may name nothing of its own
MAX_THIN_NOUNS = 2
MIN_GIVEN_STEM = 4  # shorter stems are found inside too many words
# Definite and plural endings of Swedish nouns, longest first ("mötena" → "möte", "felkällorna" → "felkäll").
_NOUN_ENDINGS = ("orna", "arna", "erna", "ena", "na", "or", "ar", "er", "en", "et", "n", "t", "a", "e", "s")
_MODALS = {
    "ska",
    "skall",
    "skulle",
    "kan",
    "kunde",
    "måste",
    "bör",
    "borde",
    "får",
    "fick",
    "kommer",
    "vill",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
}
# Demonstratives point back even before a noun ("detta mått", "this measure").
_DEMONSTRATIVES = {"denna", "detta", "dessa", "this", "these", "those"}
_WEAK_PRONOUNS = {"det", "it"}  # often a placeholder ("hur ser det ut med …", "is it true that …")
# A question of this many content words, or with an anchor, uses "det" as a placeholder, not a reference.
MIN_OWN_CONTENT_FOR_WEAK = 4
MIN_ANTECEDENT_WORDS = 3  # this many content words before a pronoun hold its antecedent
# Finite verbs and subjects that make "och …" a question of its own ("och har man sett resultat?").
_CLAUSE_WORDS = {
    "är", "var", "har", "hade", "kan", "kunde", "ska", "skall", "skulle", "blir", "blev", "finns", "fanns", "får",
    "fick", "gör", "gjorde", "går", "man", "is", "are", "was", "were", "do", "does", "did", "has", "have", "had",
    "can", "will", "would",
}  # fmt: skip


class FollowupKind(Enum):
    """How a question leans on the conversation."""

    NONE = "none"
    FRAGMENT = "fragment"
    QUESTION = "question"


def content_tokens(toks: list[Token]) -> list[Token]:
    """The words that say what a question is about (not function words, no one- or two-letter words)."""
    return [t for t in toks if not is_function_word(t.text) and (len(t.text) > 2 or is_anchor(t, 1))]


def followup_kind(question: str, previous: tuple[str, str] | None) -> FollowupKind:
    """Whether `question`, asked after the exchange `previous` (question, answer), is a follow-up, and which kind."""
    toks = tokens(question)
    if previous is None or not toks or len(toks) > MAX_FOLLOWUP_WORDS:
        return FollowupKind.NONE
    if is_fragment(toks):
        return FollowupKind.FRAGMENT
    if toks[0].lower in CONJUNCTIONS or _asks_on(toks) or _points_back(toks):
        return FollowupKind.QUESTION
    if not content_tokens(toks) or _is_thin(toks, question, previous):
        return FollowupKind.QUESTION
    return FollowupKind.NONE


def is_fragment(toks: list[Token]) -> bool:
    """A verbless piece: "och i Dalarna?", "och beredningsgrupperna?", "för kommunerna då?", "och 2023?"."""
    body = fragment_body(toks)
    if not body or len(body) > MAX_FRAGMENT_WORDS or len(body) == len(toks) and body[0].lower not in PREPOSITIONS:
        return False
    return not any(t.lower in WH_WORDS | WH_DETERMINERS | _CLAUSE_WORDS | PRONOUNS for t in body)


def fragment_body(toks: list[Token]) -> list[Token]:
    """The words of a fragment without its leading conjunction and trailing "då"."""
    body = toks[1:] if toks and toks[0].lower in CONJUNCTIONS else list(toks)
    if body and body[-1].lower in DISCOURSE_PARTICLES:
        body = body[:-1]
    return body


def _asks_on(toks: list[Token]) -> bool:
    """A clause-final "då"/"sen" after a question word: "vad är nämnaren då?", "vad hände sen?"."""
    return any(t.lower in DISCOURSE_PARTICLES and t.clause_end and i > 0 for i, t in enumerate(toks)) and any(
        t.lower in WH_WORDS | WH_DETERMINERS for t in toks
    )


def _points_back(toks: list[Token]) -> bool:
    """A pronoun or place pro-form that refers to something outside the question."""
    own = content_tokens(toks)
    placeholder_only = len(own) >= MIN_OWN_CONTENT_FOR_WEAK or _names_something(toks)
    for index, token in enumerate(toks):
        if token.lower in LOCATIVES and _locative_points_back(toks, index):
            return True
        if token.lower in PRONOUNS and _pronoun_points_back(toks, index):
            if token.lower not in _WEAK_PRONOUNS or not placeholder_only:
                return True
    return False


def _names_something(toks: list[Token]) -> bool:
    """A name, acronym or year of its own (a place does not count: "hur följs det upp i Dalarna?")."""
    return any(is_anchor(t, i) and not place_name(t.text) for i, t in enumerate(toks))


def _locative_points_back(toks: list[Token], index: int) -> bool:
    # "hur är det där?", "hänvisades dit i Västerbotten": not the relative "där man …".
    return toks[index].clause_end or index + 1 < len(toks) and toks[index + 1].lower in PREPOSITIONS


def _pronoun_points_back(toks: list[Token], index: int) -> bool:
    token = toks[index]
    following = toks[index + 1] if index + 1 < len(toks) and not token.clause_end else None
    if token.lower in _DEMONSTRATIVES or following is not None and following.lower in {"här", "där"}:
        return True
    if following is not None and _is_article_before(following):
        # "det nationella målet", "de tolv kärnindikatorerna" name their noun; "de andra?" leaves it out.
        return following.clause_end
    if _is_placeholder(toks, index):
        return False  # "finns det några …", "det finns …"
    before = toks[:index]
    if len(content_tokens(before)) >= MIN_ANTECEDENT_WORDS or _names_something(before):
        return False  # "principerna från 2019 … – vilka var de?": the pronoun's noun is in the question
    previous = toks[index - 1].lower if index else ""
    # Near the start (the subject of a V2 question), last in its clause, or after a preposition ("om dem").
    # Further in, the pronoun most often points to a word of the same question.
    return index <= 3 or token.clause_end or previous in PREPOSITIONS


def _is_article_before(word: Token) -> bool:
    """The word after "den/det/de" that makes it an article: a definite adjective or a numeral."""
    lowered = word.lower
    if lowered in NUMERALS or lowered.isdigit():
        return True
    return not is_function_word(lowered) and lowered.endswith(("a", "e")) and len(lowered) >= 3


def _is_placeholder(toks: list[Token], index: int) -> bool:
    if toks[index].lower not in {"det", "there", "it"}:
        return False
    near = {toks[i].lower for i in (index - 1, index + 1) if 0 <= i < len(toks)}
    return bool(near & EXISTENTIAL_VERBS)


def _is_thin(toks: list[Token], asked: str, previous: tuple[str, str]) -> bool:
    """A short question that names nothing of its own (no name, place, acronym or year, at most two nouns,
    not a request for a meaning) about something the previous exchange mentioned: "vem leder mötena?"
    after an answer on forum meetings. "Vad innehåller färdplanen?" after an unrelated answer stands alone."""
    if len(toks) > MAX_THIN_WORDS or any(is_anchor(t, i) for i, t in enumerate(toks)):
        return False
    if _asks_meaning(toks) and not _asks_a_named_field(toks):
        return False  # "Vad är SIP?" asks a meaning; "vad är täljaren?" asks for the measure's field
    if not asked or toks[0].lower not in WH_WORDS | WH_DETERMINERS and not asked.rstrip().endswith("?"):
        return False  # "indikator hälsofrämjande mått": search words, not a question leaning on another
    verbs = verb_positions(toks)
    if any(t.lower in _SUBJECT_PREPOSITIONS and i not in verbs for i, t in enumerate(toks[1:-1], start=1)):
        return False  # "vem delar ansvaret för hemsjukvården?": a prepositional phrase names its own subject
    nouns = noun_like(toks, verbs)
    if not 0 < len(nouns) <= MAX_THIN_NOUNS:
        return False
    return _mentioned_before(nouns, previous) or all(_names_a_field(noun) for noun in nouns)


def _names_a_field(noun: Token) -> bool:
    """A word that names a field of a measure by the field's own name ("felkällor", "täljaren", "datakällan",
    not a general word a question may ask it by, such as "system"): a field is always some measure's, so a
    thin question asking for one leans on the measure spoken of."""
    folded = fold(noun.lower)
    return any(folded.startswith(stem) for stem in _FIELD_NAMES)


_FIELD_NAMES = tuple(f.stem for f in MEASURE_FIELDS if len(f.stem) >= MIN_GIVEN_STEM)
_DEFINITE = ("en", "et", "na")


def _asks_a_named_field(toks: list[Token]) -> bool:
    """ "vad är täljaren?": "vad är" with the field's name in its definite form asks for that field of the
    measure spoken of, not for a meaning ("Vad är en nivå?", "Vad betyder tolkning?" stand alone)."""
    nouns = noun_like(toks)
    return (
        toks[1].lower in {"är", "is"}
        and bool(nouns)
        and all(_names_a_field(n) and n.lower.endswith(_DEFINITE) for n in nouns)
    )


_SUBJECT_PREPOSITIONS = frozenset({"för", "inom", "om", "kring", "av", "hos", "vid", "for", "within", "about", "of"})


def noun_like(toks: list[Token], verbs: set[int] | None = None) -> list[Token]:
    """Content words outside the verb positions (verb_positions, when not given) of a Swedish question."""
    verbs = verb_positions(toks) if verbs is None else verbs
    return [t for i, t in enumerate(toks) if i not in verbs and t in content_tokens([t])]


def verb_positions(toks: list[Token]) -> set[int]:
    """Where a Swedish question's verbs stand: the finite verb first in a yes/no question or second after
    the question word (V1/V2: "vem för anteckningar?"), the verb after "att", and the clause-final verb
    after a modal ("när ska arbetet göras?")."""
    verbs: set[int] = set()
    if toks and toks[0].lower not in WH_WORDS | WH_DETERMINERS | CONJUNCTIONS:
        verbs.add(0)
    modal = False
    for i, token in enumerate(toks):
        opens_clause = i == 0 or toks[i - 1].clause_end or toks[i - 1].lower in CONJUNCTIONS
        what_kind = token.lower in {"vad", "what"} and i + 1 < len(toks) and toks[i + 1].lower in {"för", "kind"}
        if token.lower in WH_WORDS and opens_clause and i + 1 < len(toks) and not what_kind:
            verbs.add(i + 1)  # "vad för stöd …" asks what kind of support: its "för" is no verb
        if i and toks[i - 1].lower in {"att", "to"}:
            verbs.add(i)
        modal = modal or token.lower in _MODALS
        if token.clause_end:
            if modal and i:
                verbs.add(i)
            modal = False
    return verbs


def _asks_meaning(toks: list[Token]) -> bool:
    """Whether it asks what a named thing means: "Vad är X?", "Vad betyder X?", "What is X?"."""
    return toks[0].lower in WH_WORDS and len(toks) > 1 and toks[1].lower in DEFINITION_VERBS


def _mentioned_before(nouns: list[Token], previous: tuple[str, str]) -> bool:
    """Whether a noun was said in the previous exchange, alone or inside a compound ("mötena" in "forummöten")."""
    said = [t.lower for t in tokens(" ".join(previous))]
    for noun in nouns:
        base = _without_ending(noun.lower)
        if len(base) >= MIN_GIVEN_STEM and any(base in word for word in said):
            return True
    return False


def _without_ending(word: str) -> str:
    """The word without its longest Swedish (or English plural) ending that leaves four letters or more."""
    for ending in _NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_GIVEN_STEM:
            return word[: -len(ending)]
    return word
