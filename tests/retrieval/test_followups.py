"""Follow-up questions are made self-contained from what the conversation is about."""

from __future__ import annotations

from assistant.retrieval.followups import resolve_followup, state_after


def test_pronoun_followup_names_the_previous_subject():
    history = [("Vad är syftet med samsjuklighetssatsningen?", "Det är en satsning … [1]")]
    resolved = resolve_followup("och när startade den?", history)
    assert resolved.startswith("och när startade den")
    assert "samsjuklighetssatsningen" in resolved
    assert "syftet" not in resolved  # "den" is the satsning, not its purpose


def test_place_fragment_swaps_the_place_of_the_previous_question():
    history = [("Vilka forum finns för samverkan i Sörmland?", "…")]
    assert resolve_followup("och i Dalarna?", history) == "Vilka forum finns för samverkan i Dalarna?"


def test_genitive_place_stays_genitive():
    history = [("Planerar Sörmlands kommuner något gemensamt kring verksamhetssystem?", "…")]
    resolved = resolve_followup("och i Dalarna, finns det något motsvarande?", history)
    assert "Dalarnas kommuner" in resolved and "Sörmland" not in resolved


def test_conversation_of_three_turns_keeps_subject_and_new_place():
    history = [("Vad är NVP?", "NVP är …"), ("hur följs det upp i Dalarna?", "…")]
    resolved = resolve_followup("och har man sett några resultat?", history)
    assert resolved.startswith("och har man sett några resultat")
    assert "NVP" in resolved and "Dalarna" in resolved


def test_prepositional_fragment_replaces_the_matching_phrase():
    history = [("Vilka utvecklingsområden föreslår rapporten för fokusområdet hälsofrämjande och förebyggande?", "…")]
    resolved = resolve_followup("och för personcentrering?", history)
    assert resolved == "Vilka utvecklingsområden föreslår rapporten för personcentrering?"


def test_noun_fragment_replaces_the_word_with_the_same_head():
    history = [("Vad ansvarar Länsstyrgruppen för i arbetsflödet för gemensamma satsningar?", "…")]
    second = resolve_followup("och beredningsgrupperna?", history)
    assert second == "Vad ansvarar beredningsgrupperna för i arbetsflödet för gemensamma satsningar?"
    history.append(("och beredningsgrupperna?", "…"))
    third = resolve_followup("och arbetsgrupperna då?", history)
    assert third == "Vad ansvarar arbetsgrupperna för i arbetsflödet för gemensamma satsningar?"


def test_year_before_moves_the_year_back():
    history = [("Hur stor andel av kommunerna hade mobila team 2024?", "…")]
    assert resolve_followup("och året innan?", history) == "Hur stor andel av kommunerna hade mobila team 2023?"
    assert resolve_followup("och 2022?", history) == "Hur stor andel av kommunerna hade mobila team 2022?"


def test_question_with_new_place_replaces_the_subjects_place():
    history = [("Vad är syftet med hemsjukvården i Sörmland?", "…")]
    resolved = resolve_followup("hur är den organiserad i Dalarna?", history)
    assert "hemsjukvården" in resolved and "Dalarna" in resolved and "Sörmland" not in resolved


def test_thin_question_about_something_just_mentioned_borrows_the_subject():
    history = [("Hur fungerar brukarinflytandet med forummetoden i Eskilstuna?", "Vid forummötena deltar … [1]")]
    resolved = resolve_followup("vem leder mötena?", history)
    assert resolved.startswith("vem leder mötena") and "forummetoden" in resolved
    unrelated = [("Hur fungerar brukarinflytandet med forummetoden i Eskilstuna?", "Brukare deltar … [1]")]
    assert resolve_followup("vem leder mötena?", unrelated) == "vem leder mötena?"
    assert resolve_followup("Vad innehåller färdplanen?", history) == "Vad innehåller färdplanen?"
    # "för" as the verb after "vem" (föra anteckningar) is no preposition naming a subject of its own.
    resolved = resolve_followup("vem leder mötena, och vem för anteckningar?", history)
    assert resolved.startswith("vem leder mötena, och vem för anteckningar") and "forummetoden" in resolved


def test_english_fragment_is_added_to_the_previous_question():
    history = [("What share of the municipalities started mobile teams in 2024?", "…")]
    resolved = resolve_followup("and together with the region?", history)
    assert resolved.startswith("What share of the municipalities started mobile teams in 2024")
    assert resolved.endswith("together with the region?")


def test_self_contained_question_is_unchanged():
    history = [("Vad är samsjuklighetssatsningen?", "…")]
    for question in (
        "Vad är SIP-kollen för något?",
        "Hur många deltog i dialogmötena i Eskilstuna och Nyköping?",
        "När ska den nya Samverkanswebben om Nära vård i Sörmland vara klar?",
        "Vad står LRS för och vad är dess uppdrag?",
        "Vilka datakällor bygger de tolv kärnindikatorerna på?",
        "indikator hälsofrämjande mått",
    ):
        assert resolve_followup(question, history) == question
    assert resolve_followup("vem driver den?", None) == "vem driver den?"
    assert resolve_followup("vem driver den?", []) == "vem driver den?"


def test_state_follows_the_last_self_contained_question():
    state = state_after([("Vad är NVP?", "…"), ("Vilka forum finns för samverkan i Sörmland?", "…")])
    assert state is not None
    assert state.subject == "forum finns för samverkan i Sörmland"
    assert state.places == ("sörmland",)


def test_field_of_a_measure_after_another_field():
    history = [("Vad är täljaren för måttet Andel SIP, kommun?", "Täljaren är … [1]")]
    assert resolve_followup("och nämnaren?", history) == "Vad är nämnaren för måttet Andel SIP, kommun?"
    assert resolve_followup("vad är nämnaren då?", history) == "vad är nämnaren då (måttet Andel SIP, kommun)?"


def test_bare_noun_without_a_shared_head_swaps_what_was_asked_about():
    history = [("Hur många regioner har infört digitala vårdtjänster?", "20 av 21 … [1]")]
    assert resolve_followup("och kommunerna?", history) == "Hur många kommunerna har infört digitala vårdtjänster?"


def test_english_pronoun_points_to_what_the_attribute_was_asked_of():
    history = [("What is the purpose of the ALMA study?", "…")]
    assert resolve_followup("When did it start?", history) == "When did it start (the ALMA study)?"
