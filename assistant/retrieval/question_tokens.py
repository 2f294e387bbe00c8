"""The words of a question with their case and place, and the Swedish (and English) word classes that
follow-up handling reads: question words, pronouns, prepositions, conjunctions, places.

These are closed classes of the languages (function words, the Swedish regions and Sörmland's
municipalities), not words picked from any question set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.tokens import STOPWORDS

_TOKEN = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
_CLAUSE_PUNCTUATION = re.compile(r"[,;:?!.–—]")


@dataclass(frozen=True)
class Token:
    """One word of a question as typed, with its span and the clause punctuation that follows it."""

    text: str
    start: int
    end: int
    clause_end: bool  # a comma, dash, colon, question mark or the end of the text follows

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    """The words of `text` in order, hyphenated compounds ("vård-team", "SIP-kollen") kept whole."""
    found = list(_TOKEN.finditer(text))
    result = []
    for index, match in enumerate(found):
        following = text[match.end() : found[index + 1].start() if index + 1 < len(found) else len(text)]
        clause_end = index == len(found) - 1 or bool(_CLAUSE_PUNCTUATION.search(following))
        result.append(Token(match.group(), match.start(), match.end(), clause_end))
    return result


# Interrogatives. After one of these a Swedish question puts its finite verb (V2): "Vad är", "När startade".
WH_WORDS = frozenset("vad vem vems när var varför hur vart varifrån what who whom when where why how whose".split())
# Interrogatives that take a noun phrase before the verb: "Vilka datakällor används", "Hur många regioner".
WH_DETERMINERS = {"vilka", "vilken", "vilket", "which"}
WH_QUANTIFIERS = frozenset(
    "många mycket stor stort stora hög högt ofta länge gammal many much large high often long".split()
)
CONJUNCTIONS = {"och", "men", "samt", "plus", "eller", "and", "but", "or", "also"}
# Personal and demonstrative pronouns that point back to something named before.
PRONOUNS = frozenset(
    "den det de dem dess deras denna detta dessa dennes it its they them their this these those".split()
)
# Pro-forms of place: "där", "dit" ("hur många hänvisades dit?").
LOCATIVES = {"där", "dit", "därifrån", "there"}
# A clause-final "då"/"sen" asks on from what was said ("vad är nämnaren då?", "vad hände sen?").
DISCOURSE_PARTICLES = {"då", "sen", "sedan", "then"}
PREPOSITIONS = frozenset(
    (
        "i på för inom hos bland vid med om av till under efter enligt kring mot från utanför in for "
        "within among at on with about of to from during by across"
    ).split()
)
# "finns det", "det finns", "is there": the pronoun is a placeholder, not a reference back.
EXISTENTIAL_VERBS = frozenset("finns fanns förekommer saknas gick går blir blev is are was were".split())
NUMERALS = frozenset(
    (
        "en ett två tre fyra fem sex sju åtta nio tio elva tolv tjugo hundra båda bägge flera många "
        "övriga andra one two three four five six seven eight nine ten twelve other"
    ).split()
)
# Words that ask for a meaning: "Vad är X?", "Vad betyder X?" name their own subject.
DEFINITION_VERBS = {"är", "betyder", "innebär", "menas", "avses", "står", "is", "are", "means", "mean"}
ENGLISH_FUNCTION = frozenset(
    (
        "the a an is are was were do does did have has had can could will would should be been say says said there"
    ).split()
)

# Sweden's 21 regions as people name them, Sweden itself, and the nine municipalities of Sörmland.
_PLACE_NAMES = (
    "sverige landet riket sörmland södermanland dalarna stockholm uppsala västmanland örebro värmland "
    "östergötland jönköping kronoberg kalmar gotland blekinge skåne halland västra götaland västerbotten "
    "norrbotten jämtland härjedalen västernorrland gävleborg eskilstuna flen gnesta katrineholm nyköping "
    "oxelösund strängnäs trosa vingåker sweden"
)
PLACES = frozenset(_PLACE_NAMES.split())


def place_name(word: str) -> str | None:
    """The place a word names ("Sörmlands" → "sörmland"), or None."""
    lowered = word.lower()
    if lowered in PLACES:
        return lowered
    if lowered.endswith("s") and lowered[:-1] in PLACES:
        return lowered[:-1]
    return None


def is_function_word(word: str) -> bool:
    """Stopwords, question words and the closed classes above: words that name nothing."""
    lowered = word.lower()
    return (
        lowered in STOPWORDS
        or lowered in WH_WORDS
        or lowered in WH_DETERMINERS
        or lowered in CONJUNCTIONS
        or lowered in PRONOUNS
        or lowered in LOCATIVES
        or lowered in DISCOURSE_PARTICLES
        or lowered in PREPOSITIONS
        or lowered in ENGLISH_FUNCTION
    )


def is_anchor(token: Token, index: int) -> bool:
    """A word that names something of its own: a capitalised word inside the sentence, an acronym,
    a number or a year ("Dalarna", "SIP", "2024")."""
    text = token.text
    if any(ch.isdigit() for ch in text):
        return True
    letters = text.replace("-", "")
    if len(letters) >= 2 and letters.isupper():
        return True
    if place_name(text):
        return True
    return index > 0 and text[:1].isupper() and not is_function_word(text)
