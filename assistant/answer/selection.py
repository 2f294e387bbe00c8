"""Which units make the answer: the best ones within a length budget, read on from the best into the sentences
after it (into the next chunk of its section where its passage ends), whole lists, sentences cut at a passage's
end continued in the next chunk, antecedents of sentences that refer back, and headings turned into the labels of
the text under them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.answer_weights import HAND_SET, AnswerWeights
from assistant.answer.units import LIST_LOOKAHEAD, Unit, announces_list, ends_as_lead_in, has_end
from assistant.models import Passage

MAX_CHARS = 600
MAX_UNITS = 5
SHORT_UNIT = 100
CONTEXT_CHARS = 350
MAX_LIST_ITEMS = 8


def select_units(
    ranked: Sequence[Unit],
    kind: str,
    passages: Sequence[Passage],
    units: Sequence[Unit] = (),
    tuning: AnswerWeights = HAND_SET,
    max_chars: int = MAX_CHARS,
    prune_below: float = 0.0,
) -> list[Unit]:
    """The best units above a floor, within `max_chars`, and one from a second document when close.

    The best unit is read on: the sentences that follow it in its passage, or in the next chunk of its section,
    come next (what a sentence introduces is said after it), ahead of better-scored units from elsewhere. Any
    other unit whose fact probability (answer/fact_model.py) is below `prune_below` is left out, and the budget
    goes to the next.
    """
    best = ranked[0]
    floor = min(best.score, max(best.score * tuning.floor_share, 0.35))
    limit = MAX_UNITS + (2 if kind == "list" else 0)
    chosen: list[Unit] = []
    chars = 0
    seen: set[str] = set()
    following = _read_on_sentences(best, units, passages, tuning.read_on)
    for unit in [best, *following, *ranked[1:]]:
        if len(chosen) >= limit:
            break
        if unit.score < floor and unit not in following:
            continue
        if unit is not best and unit not in following and _unlikely(unit, prune_below):
            continue
        key = unit.text.lower()[:60]
        if key in seen or chars + len(unit.text) > max_chars and chosen:
            continue
        seen.add(key)
        chosen.append(unit)
        chars += len(unit.text)
    docs = {passages[u.passage].doc_id for u in chosen}
    if len(docs) == 1 and len(passages) > 1:
        # Questions often span documents: add the best unit of another document when it is close.
        for unit in ranked[1:12]:
            if passages[unit.passage].doc_id not in docs and unit.score >= best.score * 0.7:
                if chars + len(unit.text) <= max_chars + 200:
                    chosen.append(unit)
                break
    return chosen


def _unlikely(unit: Unit, prune_below: float) -> bool:
    """The unit is unlikely to state an asked fact: its fact probability is known and below `prune_below`."""
    return unit.fact_probability is not None and unit.fact_probability < prune_below


def _read_on_sentences(best: Unit, units: Sequence[Unit], passages: Sequence[Passage], count: int) -> list[Unit]:
    """The sentences read on after the best unit: not list items (expand_lists brings those whole), except the
    further sentences of the best unit's own item ("• Kompetensförsörjning: … arbetsmiljöarbetet. Att uppnå en
    stabil och varaktig bemanning …")."""
    following, item_goes_on = [], True
    for unit in read_on(best, units, passages, count):
        if unit.bullet and not (unit.continues and item_goes_on):
            item_goes_on = False
            continue
        following.append(unit)
        item_goes_on = True
    return following


def read_on(unit: Unit, units: Sequence[Unit], passages: Sequence[Passage], count: int) -> list[Unit]:
    """The `count` units that follow `unit` in the document: in its passage, then, where the passage ends,
    in the next chunk of the same section when that was retrieved ("… en omfattande ekonomisk genomlysning."
    | "Detta har resulterat i förslag om …")."""
    after = sorted((u for u in units if u.passage == unit.passage and u.position > unit.position), key=_place)
    following = after[:count]
    if len(following) < count:
        chunk = next_chunk(unit.passage, passages)
        # Only within a section: a chunk cut for length goes on; a chunk that opens a new section does not.
        if chunk is not None and passages[chunk].section == passages[unit.passage].section:
            following += sorted((u for u in units if u.passage == chunk), key=_place)[: count - len(following)]
    return following


def _place(unit: Unit) -> tuple[int, int]:
    return unit.passage, unit.position


def _last_positions(units: Sequence[Unit]) -> dict[int, int]:
    """Each passage's last unit position."""
    last: dict[int, int] = {}
    for unit in units:
        last[unit.passage] = max(last.get(unit.passage, -1), unit.position)
    return last


def next_chunk(index: int, passages: Sequence[Passage]) -> int | None:
    """The retrieved passage that continues passage `index` in its document (it starts where that one ends)."""
    passage = passages[index]
    if not passage.end:
        return None
    for other_index, other in enumerate(passages):
        if other_index != index and other.doc_id == passage.doc_id and 0 <= other.start - passage.end <= 3:
            return other_index
    return None


def continue_across_chunks(chosen: list[Unit], units: Sequence[Unit], passages: Sequence[Passage]) -> None:
    """A sentence cut at the end of its passage continues in the next chunk, when that was retrieved; the
    continuation is then not said again on its own."""
    last = _last_positions(units)
    said = {_place(u) for u in chosen}
    for unit in list(chosen):
        passage = passages[unit.passage]
        if unit.position != last[unit.passage] or unit.text.endswith((".", "!", "?", ":")) or not passage.end:
            continue
        chunk = next_chunk(unit.passage, passages)
        following = next((u for u in units if u.passage == chunk and u.position == 0), None)
        if following is not None:
            unit.text = f"{unit.text} {following.text}"
            if _place(following) in said:  # read on (read_on) too: said once, as the end of this sentence
                chosen[:] = [u for u in chosen if _place(u) != _place(following)]


def expand_lists(chosen: list[Unit], units: Sequence[Unit], kind: str) -> None:
    """A unit that introduces a list ("… består av tre målområden:") brings its items along."""
    by_place = {(u.passage, u.position): u for u in units}
    taken = {(u.passage, u.position) for u in chosen}
    said_at = {(u.passage, u.position): index for index, u in enumerate(chosen)}
    listed: set[tuple[int, int]] = set()
    for index, unit in enumerate(chosen):
        introduces = announces_list(unit.text)
        # A heading or field label ("Titel …", "Nätverket Nära vård") says little alone: bring what follows.
        heading = len(unit.text) < SHORT_UNIT and not unit.bullet and not introduces and not _unended_sentence(unit)
        if not introduces and not heading and kind != "list":
            continue
        position = unit.position + 1
        if introduces:
            # The items may follow a sentence or a caption or two later.
            for ahead in range(position, position + LIST_LOOKAHEAD):
                item = by_place.get((unit.passage, ahead))
                if item is not None and item.bullet:
                    position = ahead
                    break
        chars = 0
        skipped_item = False  # the last item was passed over (said already): its further sentences go with it
        while len(unit.items) < MAX_LIST_ITEMS:
            item = by_place.get((unit.passage, position))
            if item is None:
                break
            place = (item.passage, item.position)
            # An item the answer says on its own after its lead-in stands in its list, in the document's order
            # (Draft._said leaves out the line of its own).
            in_list_later = (
                (introduces or kind == "list" and unit.bullet)
                and item.bullet
                and place not in listed
                and said_at.get(place, -1) > index
            )
            if not in_list_later and (place in taken or (skipped_item and item.bullet and item.continues)):
                if heading or not item.bullet:
                    break
                skipped_item = True
                position += 1
                continue
            skipped_item = False
            if heading:
                if chars + len(item.text) > CONTEXT_CHARS and unit.items:
                    break
                if item.text.rstrip().endswith("?") and not item.bullet:
                    break  # the document asks a question of its own ("Hur vet vi att vi gör rätt saker?"): a new part
                if is_label(item):  # a sub-heading ("Bakgrund", "Syfte") is no content of its own
                    taken.add((item.passage, item.position))
                    position += 1
                    continue
            elif not item.bullet and (len(item.text) > 90 or not introduces):
                break
            if item.bullet and item.continues and unit.items:
                unit.items[-1] = f"{unit.items[-1]} {item.text}"  # the item's second sentence: one item
            else:
                unit.items.append(item.text)
            chars += len(item.text)
            taken.add(place)
            listed.add(place)
            position += 1
        if heading:
            # What a heading brings ends with a lead-in ("… säkerställer nära vård genom att:") only when its list
            # did not fit: the lead-in then says nothing and is not said.
            while unit.items and ends_as_lead_in(unit.items[-1]):
                unit.items.pop()


_ANAPHORIC_START = re.compile(r"^(De|Dessa|Detta|Denna|Dess|Deras|Där|Dit|They|These|Those)\b")
LABEL_CHARS = 30


def is_label(unit: Unit) -> bool:
    """A short line without a sentence's end: a heading or field label, not a statement."""
    return len(unit.text) < LABEL_CHARS and not unit.bullet and not unit.text.rstrip().endswith((".", "!", "?"))


def bring_antecedents(chosen: list[Unit], units: Sequence[Unit]) -> None:
    """A chosen sentence that refers back ("De ska ses som …") brings the sentence before it, which holds
    what it refers to, unless that sentence is chosen too."""
    by_place = {(u.passage, u.position): u for u in units}
    taken = {(u.passage, u.position) for u in chosen}
    for unit in chosen:
        if not _ANAPHORIC_START.match(unit.text):
            continue
        before = by_place.get((unit.passage, unit.position - 1))
        if before is None or (before.passage, before.position) in taken or is_label(before):
            continue
        unit.text = f"{before.text} {unit.text}"
        taken.add((before.passage, before.position))


def heading_lines(units: Sequence[Unit], passages: Sequence[Passage]) -> set[tuple[int, int]]:
    """The places of units that are headings: a line without a sentence's end that names one of its passage's
    sections ("Tidplan" under "… › Tidplan"), a label (is_label) with more of its passage after it, or a short
    line that list items follow ("Värdegrund i samverkan kring Nära vård" over "• Vi arbetar i team …")."""
    last = _last_positions(units)
    by_place = {_place(u): u for u in units}
    found = set()
    for unit in units:
        if unit.bullet or unit.continues or has_end(unit.text):
            continue
        following = by_place.get((unit.passage, unit.position + 1))
        titles_list = len(unit.text) < SHORT_UNIT and following is not None and following.bullet
        if _names_section(unit, passages) or titles_list or is_label(unit) and unit.position < last[unit.passage]:
            found.add(_place(unit))
    return found


def label_headings(chosen: list[Unit], headings: set[tuple[int, int]], passages: Sequence[Passage]) -> list[Unit]:
    """Headings are never answer lines of their own. A chosen heading (its place among `headings`, from
    heading_lines) becomes the label of the text that follows it: the text it brought ("Tidplan: Oktober 2020
    till december 2023.") or the unit right after it when that is chosen. A heading right above another chosen
    heading has nothing of its own and is left out, as is one with nothing after it that only names its
    section. Returns the units to say."""
    by_place = {_place(u): u for u in chosen}
    labelled: set[tuple[int, int]] = set()
    said = []
    for unit in sorted(chosen, key=_place):
        place = _place(unit)
        following = by_place.get((unit.passage, unit.position + 1))
        if place not in headings or place in labelled:
            said.append(unit)
        elif following is not None and _place(following) in headings:
            continue
        elif unit.items:
            unit.text = _labelled(unit.text, unit.items[0])
            unit.items = unit.items[1:]
            said.append(unit)
        elif following is not None:
            following.text = _labelled(unit.text, following.text)
            labelled.add(_place(following))
        elif not _names_section(unit, passages):
            said.append(unit)
    order = {id(u): i for i, u in enumerate(chosen)}
    return sorted(said, key=lambda u: order[id(u)]) or chosen


def _labelled(heading: str, text: str) -> str:
    """The text under its heading as "Heading: text", or the text alone when it opens by naming the heading
    ("SIP-kollen är en webbaserad enkät …" under "SIP-kollen")."""
    heading = heading.strip()
    if heading.lower() in text[: len(heading) + LABEL_REPEAT_CHARS].lower():
        return text
    return f"{heading}: {text}"


LABEL_REPEAT_CHARS = 40


def _names_section(unit: Unit, passages: Sequence[Passage]) -> bool:
    sections = {part.strip().lower() for part in passages[unit.passage].section.split("›")}
    return unit.text.strip().lower() in sections


def _unended_sentence(unit: Unit) -> bool:
    """A sentence that goes on a line after another and has no end of its own ("… fram en uppdragsbeskrivning
    (bilaga 1)"): the end of a paragraph whose full stop was lost, not a heading or a short line that leads on."""
    return unit.continues and not has_end(unit.text)
