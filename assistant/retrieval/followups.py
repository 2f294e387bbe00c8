"""Follow-up questions made self-contained from the conversation, without an LLM.

A fragment swaps its part into the previous question: "och i Dalarna?" after "Vilka forum finns för
samverkan i Sörmland?" becomes "Vilka forum finns för samverkan i Dalarna?", "och året innan?" moves its
year back one. A question that leans on the conversation keeps its own words and names the subject it
points to: "när startade den?" after "Vad är syftet med samsjuklighetssatsningen?" becomes
"när startade den (samsjuklighetssatsningen)?". A question that stands on its own is returned unchanged.
"""

from __future__ import annotations

import re

from assistant.retrieval.conversation_state import (
    YEAR,
    ConversationState,
    focus_word,
    places_in,
    replace_places,
)
from assistant.retrieval.followup_detection import FollowupKind, content_tokens, followup_kind, fragment_body
from assistant.retrieval.question_tokens import PREPOSITIONS, Token, is_function_word, place_name, tokens
from assistant.text.tokens import tokenize

MIN_SHARED_STEM = 4  # "beredningsgrupp" and "länsstyrgrupp" share "grupp": the fragment swaps that word
_YEAR_BEFORE = re.compile(
    r"\b(året (innan|före|dessförinnan)|föregående år|förra året|(the )?(year before|previous year))\b"
)
_YEAR_AFTER = re.compile(r"\b(året (efter|därpå|därefter)|nästa år|(the )?(year after|following year|next year))\b")


def resolve_followup(question: str, history: list[tuple[str, str]] | None) -> str:
    """The question made self-contained with what the conversation is about.

    `history` holds (user question, answer) pairs, oldest first (`assistant.question.exchanges` makes them
    from chat messages). A question that stands on its own, or has no history, is returned unchanged.
    """
    question = question.strip()
    state = state_after(history or [])
    if state is None:
        return question
    kind = followup_kind(question, (history or [])[-1])
    return resolve_with(question, kind, state)


def state_after(history: list[tuple[str, str]]) -> ConversationState | None:
    """What the conversation is about after the exchanges of `history` (None before any question)."""
    state: ConversationState | None = None
    previous: tuple[str, str] | None = None
    for exchange in history:
        asked = exchange[0].strip()
        if not asked:
            continue
        kind = followup_kind(asked, previous) if state is not None else FollowupKind.NONE
        if state is None or kind is FollowupKind.NONE:
            state = ConversationState.of(asked)
        elif kind is FollowupKind.FRAGMENT:
            state = ConversationState.of(resolve_fragment(asked, state))
        else:
            state = _after_question(asked, state)
        previous = exchange
    return state


def resolve_with(question: str, kind: FollowupKind, state: ConversationState) -> str:
    """`question` of the given kind, resolved against `state`."""
    if kind is FollowupKind.FRAGMENT:
        return resolve_fragment(question, state)
    if kind is FollowupKind.QUESTION:
        return resolve_question(question, state)
    return question


def resolve_question(question: str, state: ConversationState) -> str:
    """The question's own words, then the subject it points to, with the question's place and year swapped in."""
    subject = _subject_for(question, state)
    said = set(tokenize(question))
    if not subject or all(stem in said for stem in tokenize(subject)):
        return question
    return f"{question.rstrip('?!. ')} ({subject})?"


def resolve_fragment(question: str, state: ConversationState) -> str:
    """The previous question with the fragment's place, year, prepositional phrase or noun swapped in."""
    toks = tokens(question)
    body = fragment_body(toks)
    if not body:
        return question
    text = question[body[0].start : body[-1].end]
    base = state.question.rstrip("?!. ")
    swapped = (
        _swap_year(base, text)
        or _swap_place(base, body, state)
        or _swap_phrase(base, body, text)
        or _swap_noun(base, body, text)
        or f"{base} {text}"
    )
    return swapped + "?"


def _after_question(question: str, state: ConversationState) -> ConversationState:
    """The subject stays; a place the question adds ("hur följs det upp i Dalarna?") stays with it."""
    subject = _subject_for(question, state)
    places = places_in(question)
    if places and not places_in(subject):
        subject = f"{subject} {_place_phrase(question)}".strip()
    return ConversationState(resolve_question(question, state), subject, places or state.places)


def _place_phrase(question: str) -> str:
    """The first place with the preposition before it: "i Dalarna" of "hur följs det upp i Dalarna?"."""
    toks = tokens(question)
    for index, token in enumerate(toks):
        if place_name(token.text):
            start = toks[index - 1].start if index and toks[index - 1].lower in PREPOSITIONS else token.start
            return question[start : token.end]
    return ""


def _subject_for(question: str, state: ConversationState) -> str:
    subject = state.subject
    named = [t.text for t in tokens(question) if place_name(t.text) and place_name(t.text) not in state.places]
    if named and state.places:
        subject = replace_places(subject, state.places, _base_form(named[0]))
    years = YEAR.findall(question)
    if years:
        year = YEAR.search(question).group()  # type: ignore[union-attr]
        subject = YEAR.sub(year, subject)
    return subject


def _base_form(word: str) -> str:
    place = place_name(word) or word
    return word[: len(place)] if word.lower() != place else word


def _swap_year(base: str, text: str) -> str | None:
    lowered = text.lower()
    year = YEAR.search(text)
    shift = -1 if _YEAR_BEFORE.search(lowered) else 1 if _YEAR_AFTER.search(lowered) else 0
    old = YEAR.search(base)
    if old is None or (year is None and not shift):
        return None
    new = year.group() if year is not None else str(int(old.group()) + shift)
    return base[: old.start()] + new + base[old.end() :]


def _swap_place(base: str, body: list[Token], state: ConversationState) -> str | None:
    named = [t.text for t in body if place_name(t.text)]
    old = places_in(base) or state.places
    if not named or not old:
        return None
    return replace_places(base, old, _base_form(named[0]))


def _swap_phrase(base: str, body: list[Token], text: str) -> str | None:
    """The previous question's last phrase under the fragment's preposition gives way to the fragment
    ("och för personcentrering?" replaces "för fokusområdet …")."""
    preposition = body[0].lower
    if preposition not in PREPOSITIONS:
        return None
    toks = tokens(base)
    starts = [i for i, t in enumerate(toks) if t.lower == preposition and i > 0]
    if not starts:
        return None
    first = starts[-1]
    last = first
    while last + 1 < len(toks) and not toks[last].clause_end and toks[last + 1].lower not in PREPOSITIONS:
        last += 1
    return base[: toks[first].start] + text + base[toks[last].end :]


def _swap_noun(base: str, body: list[Token], text: str) -> str | None:
    """A bare noun swaps the word of the previous question sharing its stem's head ("och beredningsgrupperna?"
    after "Vad ansvarar Länsstyrgruppen för …?"), else the word that question asked about first ("och
    nämnaren?" after "Vad är täljaren för måttet X?")."""
    words = content_tokens(body)
    if not words or any(t.lower in PREPOSITIONS for t in body):
        return None
    head = (tokenize(words[-1].text) or [words[-1].lower])[0]
    candidates = [t for t in tokens(base) if not is_function_word(t.text)]
    best, best_shared = None, 0
    for token in candidates:
        stem = (tokenize(token.text) or [token.lower])[0]
        shared = _shared_suffix(head, stem)
        if shared > best_shared:
            best, best_shared = token, shared
    if best is None or best_shared < MIN_SHARED_STEM:
        best = focus_word(base)
    if best is None:
        return None
    return base[: best.start] + text + base[best.end :]


def _shared_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
