"""A question's clauses: where it asks its next thing."""

import pytest

from assistant.text.clauses import clause_breaks, question_clauses


@pytest.mark.parametrize(
    ("question", "clauses"),
    [
        ("Vad är ett fokusområde?", ("Vad är ett fokusområde",)),
        ("Vem leder nätverket och hur ofta träffas det?", ("Vem leder nätverket", "hur ofta träffas det")),
        ("Projektet startade 2021. När slutar det?", ("Projektet startade 2021", "När slutar det")),
        ("Hemsjukvården: vem ansvarar, vilka ingår?", ("Hemsjukvården", "vem ansvarar", "vilka ingår")),
        # "och" between two nouns joins them; only before a question word does it start a clause
        ("Vilka kommuner och regioner deltar?", ("Vilka kommuner och regioner deltar",)),
    ],
)
def test_clauses(question, clauses):
    assert question_clauses(question) == clauses


def test_breaks_are_where_the_next_clause_is_cut_off():
    question = "Vad står SIP för, och vad är dess syfte?"
    assert clause_breaks(question) == [question.index(",")]
