"""Telling follow-ups from questions that stand on their own, and no false follow-ups on the dev questions."""

from __future__ import annotations

import pytest

from assistant.evaluation.datasets import QUESTIONS_DIR, read_questions
from assistant.retrieval.followup_detection import FollowupKind, followup_kind, noun_like
from assistant.retrieval.followups import resolve_followup
from assistant.retrieval.question_tokens import tokens

PREVIOUS = ("Vad är syftet med studien om ALMA?", "ALMA är ett mobilt team …")
# The single dev questions that the resolver may take for follow-ups after an unrelated turn (of 156).
MAX_FALSE_FOLLOWUPS = 3


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("och i Dalarna?", FollowupKind.FRAGMENT),
        ("och beredningsgrupperna?", FollowupKind.FRAGMENT),
        ("och året innan?", FollowupKind.FRAGMENT),
        ("för kommunerna då?", FollowupKind.FRAGMENT),
        ("and together with the region?", FollowupKind.FRAGMENT),
        ("när startade den?", FollowupKind.QUESTION),
        ("vad fick den i uppdrag?", FollowupKind.QUESTION),
        ("vad är nämnaren då?", FollowupKind.QUESTION),
        ("och har man sett några resultat?", FollowupKind.QUESTION),
        ("vilket styrdokument ska man förhålla sig till där?", FollowupKind.QUESTION),
        ("hur följs det upp i Dalarna?", FollowupKind.QUESTION),
        ("har det någon särskild ställning jämfört med de andra?", FollowupKind.QUESTION),
        ("When did it start?", FollowupKind.QUESTION),
        # A thin question asking for a measure's field leans on what was spoken of.
        ("vilka är felkällorna?", FollowupKind.QUESTION),
        ("vad är täljaren?", FollowupKind.QUESTION),
        ("Vad är ett system?", FollowupKind.NONE),  # a general word a field may be asked by, not its name
        ("Vad är en nivå?", FollowupKind.NONE),
        ("Vad betyder tolkning?", FollowupKind.NONE),
        ("Vilka felkällor finns för indikatorerna?", FollowupKind.NONE),
        ("Vad är ett fokusområde?", FollowupKind.NONE),
        ("Vad är SIP?", FollowupKind.NONE),
        ("Vad är det nationella målet för primärvården i Sörmland?", FollowupKind.NONE),
        ("Finns det någon indikator för fast läkarkontakt i Sörmland?", FollowupKind.NONE),
        ("Vad står LRS för och vad är dess uppdrag?", FollowupKind.NONE),
        ("principerna från 2019 för målbildsarbetet – vilka var de?", FollowupKind.NONE),
        ("What share of the municipalities say they started mobile teams in 2024?", FollowupKind.NONE),
    ],
)
def test_followup_kind(question, kind):
    assert followup_kind(question, PREVIOUS) is kind


def test_nothing_is_a_followup_without_a_previous_turn():
    assert followup_kind("när startade den?", None) is FollowupKind.NONE


def test_verbs_in_their_swedish_positions_are_not_nouns():
    assert [t.text for t in noun_like(tokens("när ska arbetet göras?"))] == ["arbetet"]
    assert [t.text for t in noun_like(tokens("finns det några felkällor att tänka på?"))] == ["felkällor"]
    assert [t.text for t in noun_like(tokens("vem leder mötena, och vem för anteckningar?"))] == [
        "mötena",
        "anteckningar",
    ]


def test_few_dev_questions_become_false_followups():
    """Each single dev question after an unrelated question from another document stays as asked."""
    questions = read_questions(QUESTIONS_DIR)
    changed = []
    for index, gold in enumerate(questions):
        previous = next(q for q in questions[index + 1 :] + questions[:index] if q.doc != gold.doc)
        if resolve_followup(gold.question, [(previous.question, "")]) != gold.question.strip():
            changed.append(gold.question)
    assert len(questions) >= 150
    assert len(changed) <= MAX_FALSE_FOLLOWUPS, changed
