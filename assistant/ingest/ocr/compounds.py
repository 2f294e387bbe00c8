"""Compound repair: split a damaged token no word list holds into known parts and repair each part.

Parts are backed by the clean documents (words, word starts and word ends they use), by the
lexicon's productive compound-initial forms, or, for common long parts, by Hunspell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from assistant.ingest.ocr.lexicon import Lexicon, zipf
from assistant.ingest.ocr.reference import ReferenceCounts

#: Minimum length of a compound part (in output letters); the last part may be
#: shorter ("personår").
MIN_COMPOUND_PART = 3
MIN_LAST_PART = 2
MAX_COMPOUND_PARTS = 4
#: Short final parts ("år", "nås") fit almost anywhere; below this length only
#: Hunspell can vouch for them.
MIN_SUPPORTED_FINAL_PART = 4
#: A final part the clean documents do not use is accepted from the lexicon from this length on.
MIN_LEXICON_FINAL_PART = 6
MAX_SEGMENTATIONS = 8
#: Parts of compounds that Hunspell does not know must be at least this common.
MIN_PART_ZIPF = 3.0
#: A compound-initial element is productive when at least this many lexicon words are
#: it followed by another lexicon word ("kärn" starts kärnkraft, kärnfamilj … ~250 such
#: words; "karn" three): it backs "kdrnindikatorer" → "kärnindikatorer".
MIN_PRODUCTIVE_HEAD = 20
#: Shorter heads ("bed", "mal") start too many unrelated words to vouch for a compound alone.
MIN_PRODUCTIVE_HEAD_LENGTH = 4
#: Shortest rest of a lexicon word that counts as a compound's second element.
MIN_HEAD_REST = 4
#: Hunspell lookups tried per unknown compound (each costs a few milliseconds).
MAX_COMPOUND_LOOKUPS = 4


class CompoundRepairer:
    """Repairs unknown compounds part by part, against a lexicon and the clean documents' counts."""

    def __init__(self, lexicon: Lexicon, reference: ReferenceCounts) -> None:
        """Index the clean words' starts and ends and the lexicon's compound-initial forms."""
        self._lexicon = lexicon
        self._reference = reference
        self._clean_prefixes: Counter[str] = Counter()
        self._clean_suffixes: Counter[str] = Counter()
        self._index_compound_elements()
        self._head_counts = compound_head_counts(lexicon.words)
        self._part_cache: dict[tuple[str, bool], tuple[str, ...]] = {}

    def _index_compound_elements(self) -> None:
        """Count how many clean words start / end with each letter sequence."""
        for word in self._reference.words:
            for cut in range(MIN_COMPOUND_PART, len(word) - MIN_LAST_PART + 1):
                self._clean_prefixes[word[:cut]] += 1
                if len(word) - cut >= MIN_LAST_PART:
                    self._clean_suffixes[word[cut:]] += 1

    def candidate(self, lower: str) -> str | None:
        """Best repaired compound of known parts for a lower-case token, if any.

        Combinations are ranked by their parts' plausibility.  If the best
        acceptable one is the token itself, the token is a valid compound and
        stays.  Otherwise the first acceptable combination wins, unless
        Hunspell also accepts the token as it is.
        """
        scores: dict[str, tuple[int, float, float]] = {}
        splits: dict[str, list[tuple[str, ...]]] = {}
        for segmentation in self._segmentations(lower):
            for word, parts in _combine(segmentation):
                score = self._compound_score(parts)
                scores[word] = max(score, scores.get(word, score))
                splits.setdefault(word, []).append(parts)
        ranked = sorted(scores, key=lambda w: (scores[w], w), reverse=True)
        for word in ranked[:MAX_COMPOUND_LOOKUPS]:
            if not any(self._compound_ok(word, parts) for parts in splits[word]):
                continue
            if word == lower or self._lexicon.hunspell_accepts(lower):
                return None
            return word
        return None

    def _part_score(self, part: str, *, final: bool) -> float:
        """Plausibility of one compound part: frequency plus clean-document support."""
        stem = part if final else part.removesuffix("s")
        support = 1.0 if self._clean_supported(part, final=final) else 0.0
        if not final and self._productive_head(part):
            support += 0.5
        return max(zipf(stem), zipf(part)) + 2.0 * support

    def _part_candidates(self, fragment: str, *, last: bool) -> tuple[str, ...]:
        """Best few forms for one compound part.

        A final part must be a known word; earlier parts may also be a known
        word plus linking "s" or a productive compound-initial form.  The
        fragment itself is included when it qualifies, so that a valid
        compound can win over a "repaired" one.
        """
        cache_key = (fragment, last)
        cached = self._part_cache.get(cache_key)
        if cached is not None:
            return cached
        words = set(self._lexicon.matching(fragment))
        if fragment in self._lexicon:
            words.add(fragment)
        # A linking "s" before the next part, or a genitive "s" at the end ("vårdgarantins").
        shortest_stem = MIN_SUPPORTED_FINAL_PART if last else MIN_COMPOUND_PART
        if fragment.endswith("s") and len(fragment) > shortest_stem:
            stem = fragment[:-1]
            words.update(w + "s" for w in self._lexicon.matching(stem))
            if stem in self._lexicon:
                words.add(fragment)
        shortest = MIN_LAST_PART if last else MIN_COMPOUND_PART
        ranked = sorted(
            (w for w in words if len(w) >= shortest),
            key=lambda w: (self._part_score(w, final=last), w),
            reverse=True,
        )
        cached = tuple(ranked[:2])
        self._part_cache[cache_key] = cached
        return cached

    def _segmentations(self, lower: str) -> list[list[tuple[str, ...]]]:
        """Split ``lower`` into the fewest parts that each have candidates."""
        size = len(lower)
        frontier: dict[int, list[list[tuple[str, ...]]]] = {0: [[]]}
        for _ in range(MAX_COMPOUND_PARTS):
            reached: dict[int, list[list[tuple[str, ...]]]] = {}
            for pos, paths in sorted(frontier.items()):
                for end in range(pos + MIN_LAST_PART, size + 1):
                    if pos == 0 and end == size:
                        continue  # the whole token is not a known word
                    options = self._part_candidates(lower[pos:end], last=end == size)
                    if options:
                        bucket = reached.setdefault(end, [])
                        bucket.extend(path + [options] for path in paths[:MAX_SEGMENTATIONS])
            if size in reached:
                return reached[size][:MAX_SEGMENTATIONS]
            frontier = reached
        return []

    def _part_supported(self, part: str, *, final: bool) -> bool:
        """True when the clean documents (or the lexicon) back ``part`` as an element."""
        stem = part if final else part.removesuffix("s")
        if len(stem) < MIN_COMPOUND_PART:
            return False
        if final and len(part) < MIN_SUPPORTED_FINAL_PART:
            return False
        if self._clean_supported(part, final=final):
            return True
        return not final and len(stem) >= MIN_PRODUCTIVE_HEAD_LENGTH and self._productive_head(part)

    def _clean_supported(self, part: str, *, final: bool) -> bool:
        """The clean documents use ``part`` as a word or as the start (end) of their words."""
        stem = part if final else part.removesuffix("s")
        if self._reference.words[stem] or self._reference.words[part]:
            return True
        if final:
            return self._clean_suffixes[part] >= 2
        return self._clean_prefixes[part] >= 2 or self._clean_prefixes[stem] >= 2

    def _productive_head(self, part: str) -> bool:
        """Many lexicon words start with ``part`` (or it without a linking "s") and go on with a word."""
        stem = part.removesuffix("s")
        return max(self._head_counts[part], self._head_counts[stem]) >= MIN_PRODUCTIVE_HEAD

    def _long_lexicon_word(self, part: str) -> bool:
        """A final part that the lexicon holds (or holds without a genitive "s") and is long enough
        to be unambiguous ("perioder", "kontakten", "vårdgarantins")."""
        return len(part) >= MIN_LEXICON_FINAL_PART and (
            part in self._lexicon or part.removesuffix("s") in self._lexicon
        )

    def _compound_score(self, parts: tuple[str, ...]) -> tuple[int, float, float]:
        """Rank a compound: fewest parts, then its weakest part, then its average part."""
        last = len(parts) - 1
        values = [self._part_score(p, final=i == last) for i, p in enumerate(parts)]
        return -len(parts), min(values), sum(values) / len(values)

    def _compound_ok(self, word: str, parts: tuple[str, ...]) -> bool:
        """Accept a compound whose parts the clean documents back, or Hunspell knows.

        Hunspell-sv only compounds flagged stems, so many real compounds
        ("pandemiåret") are missing, while it accepts odd splits of rare
        stems; so a Hunspell-only compound must consist of common long parts.
        """
        last = len(parts) - 1
        if all(self._part_supported(p, final=i == last) for i, p in enumerate(parts[:last])) and (
            self._part_supported(parts[last], final=True) or self._long_lexicon_word(parts[last])
        ):
            return True
        common = all(len(p) >= MIN_COMPOUND_PART and zipf(p.removesuffix("s")) >= MIN_PART_ZIPF for p in parts)
        return common and self._lexicon.hunspell_accepts(word)


def compound_head_counts(lexicon: frozenset[str]) -> Counter[str]:
    """For each word start, how many lexicon words are that start followed by a lexicon word."""
    counts: Counter[str] = Counter()
    for word in lexicon:
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_HEAD_REST + 1):
            if word[cut:] in lexicon:
                counts[word[:cut]] += 1
    return counts


def _combine(segmentation: list[tuple[str, ...]]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """All (word, parts) concatenations of one option per compound part."""
    if not segmentation:
        yield "", ()
        return
    for head in segmentation[0]:
        for tail, parts in _combine(segmentation[1:]):
            yield head + tail, (head, *parts)
