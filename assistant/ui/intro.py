"""The empty chat: what the assistant is, and example questions for each kind of user."""

from __future__ import annotations

import streamlit as st

PENDING_QUESTION = "pending_question"

EXAMPLES: dict[str, tuple[str, ...]] = {
    "Ny medarbetare": (
        "Vad innebär omställningen till Nära vård?",
        "Vad är en samordnad individuell plan?",
    ),
    "Processledare": (
        "Vilka satsningar finns i färdplanen för Nära vård i Sörmland?",
        "Vilka fokusområden har Sörmland för Nära vård?",
    ),
    "Analytiker": (
        "Vilka indikatorer ska följa utvecklingen mot Nära vård i Sörmland?",
        "Hur följer Socialstyrelsen upp omställningen till god och nära vård?",
    ),
}

INTRO = (
    "Här kan du ställa frågor om omställningen till **Nära vård** i Sörmland. Svaren hämtas ur "
    "Region Sörmlands och kommunernas dokument: projektrapporten med bilagor och indikatorbibliotek, "
    "färdplanen, Socialstyrelsens uppföljning och Dalarnas slutredovisning. Varje svar visar sina "
    "källor, och säger till när dokumenten inte svarar."
)


def show_intro() -> None:
    """Introduction and one button per example question; a click asks it.

    All in one container: when a question is asked, the question takes its place in the page at once
    (a page's elements from the run before linger until they are drawn over).
    """
    with st.container(key="welcome"):
        st.markdown("### Välkommen till Nära vård-assistenten")
        st.markdown(INTRO)
        st.caption("Prova en fråga, eller skriv en egen nedan. Följdfrågor förstås, t.ex. ”och i Dalarna?”.")
        for audience, questions in EXAMPLES.items():
            st.markdown(f"**{audience}**")
            with st.container(horizontal=True):
                for question in questions:
                    st.button(question, on_click=_ask, args=(question,), icon=":material/chat_bubble:")


def _ask(question: str) -> None:
    if not st.session_state.get(PENDING_QUESTION):
        st.session_state[PENDING_QUESTION] = question
