"""Follow-up questions are rewritten with the subject of the previous question."""

from __future__ import annotations

from assistant.retrieval.followups import is_elliptical, resolve_followup


def test_pronoun_followup_borrows_previous_subject():
    history = [("Vad är samsjuklighetssatsningen?", "Det är en satsning … [1]")]
    resolved = resolve_followup("och när startade den?", history)
    assert "samsjuklighetssatsningen" in resolved
    assert resolved.startswith("och när startade den")


def test_conversation_of_three_turns():
    history = [("Vilka forum finns för samverkan i Sörmland?", "…")]
    second = resolve_followup("och i Dalarna?", history)
    assert "forum" in second and "samverkan" in second
    assert "sörmland" not in second.lower()  # the new place replaces the old one
    history.append(("och i Dalarna?", "…"))
    third = resolve_followup("vem leder dem?", history)
    assert "forum" in third and "dalarna" in third.lower()


def test_self_contained_question_is_unchanged():
    history = [("Vad är samsjuklighetssatsningen?", "…")]
    assert resolve_followup("Vad är SIP-kollen för något?", history) == "Vad är SIP-kollen för något?"
    assert resolve_followup("vem driver den?", None) == "vem driver den?"
    assert not is_elliptical("Hur många deltog i dialogmötena i Eskilstuna och Nyköping?")
    assert is_elliptical("vem driver den?")
