"""A question that asks two sides is answered side by side (answer/comparison_answer.py, answer/extractive.py)."""

from __future__ import annotations

import re

from assistant.answer.abstention_model import NoAbstention, RuleAbstention
from assistant.answer.comparison_answer import SIDE_NOT_ANSWERED_SV, compose_comparison
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.protocol import Evidence, EvidencePart
from assistant.models import Answer, Citation, Passage
from assistant.question import understand
from assistant.retrieval.filters import SearchFilters


def _citation(chunk: str, quote: str) -> Citation:
    return Citation(
        text=f"text of {chunk}", doc_id=chunk.split("-")[0], title="T", section="S", page=1, chunk_id=chunk, quote=quote
    )


def _passage(i: int, text: str, doc: str) -> Passage:
    return Passage(
        chunk_id=f"{doc}-{i}", doc_id=doc, title=f"Titel {doc}", section="Avsnitt", text=text, page=i, score=1 / (i + 1)
    )


def test_markers_are_numbered_through_and_a_passage_both_sides_cite_keeps_one_number():
    first = Answer("Enligt dokumenten: Ett. [1]\n- Två. [2]", (_citation("a-1", "Ett."), _citation("a-2", "Två.")), ())
    second = Answer(
        "Enligt dokumenten: Tre. [1]\n- Fyra. [2]", (_citation("b-1", "Tre."), _citation("a-2", "Fyra.")), ()
    )
    merged = compose_comparison(["Sörmland", "Dalarna"], [first, second], english=False)
    assert merged.answer.startswith("Enligt dokumenten:\n\n**Sörmland:** Ett. [1]\n- Två. [2]")
    assert "**Dalarna:** Tre. [3]\n- Fyra. [2]" in merged.answer
    assert [c.chunk_id for c in merged.citations] == ["a-1", "a-2", "b-1"]
    assert merged.citations[1].quote == "Två. Fyra."
    assert not merged.abstained and merged.notes[0] == "comparison: Sörmland | Dalarna"


def test_a_side_the_documents_do_not_answer_says_so():
    answered = Answer("Enligt dokumenten: Ett. [1]", (_citation("a-1", "Ett."),), ())
    abstained = Answer("Dokumenten ger inget svar på den frågan.", (), (), abstained=True)
    merged = compose_comparison(["Sörmland", "Dalarna"], [answered, abstained], english=False)
    assert f"**Dalarna:** {SIDE_NOT_ANSWERED_SV}" in merged.answer
    assert len(merged.citations) == 1


SORMLAND = [_passage(0, "I Sörmland arbetar mobila team med hemsjukvård dygnet runt för äldre.", "sormland")]
DALARNA = [_passage(0, "I Dalarna har mobila team gett ökad trygghet för invånarna i hemmet.", "dalarna")]


def _evidence(question_text: str, parts: list[tuple[str, list[Passage]]]) -> tuple:
    question = understand(question_text)
    sides = tuple(
        EvidencePart(
            label,
            understand(question_text.replace(" jämfört med Dalarna", "")),
            tuple(ps),
            SearchFilters(doc_ids=(ps[0].doc_id,)),
        )
        for label, ps in parts
    )
    return question, Evidence(tuple(SORMLAND + DALARNA), parts=sides)


def test_the_extractive_answer_cites_each_side_from_its_own_passages():
    question, evidence = _evidence(
        "Hur arbetar mobila team i Sörmland jämfört med Dalarna?", [("Sörmland", SORMLAND), ("Dalarna", DALARNA)]
    )
    answer = ExtractiveAnswerer(decision=NoAbstention()).answer(question, evidence)
    sormland, dalarna = answer.answer.split("**Dalarna:**")
    assert "hemsjukvård" in sormland and "trygghet" in dalarna
    for text, doc in ((sormland, "sormland"), (dalarna, "dalarna")):
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", text)}
        assert markers and {answer.citations[m - 1].doc_id for m in markers} == {doc}


def test_when_no_side_can_be_answered_the_question_is_answered_whole():
    unrelated = [_passage(0, "Budgeten för konferensen fastställdes i mars.", "sormland")]
    question, evidence = _evidence(
        "Hur arbetar mobila team i Sörmland jämfört med Dalarna?", [("Sörmland", unrelated), ("Dalarna", unrelated)]
    )

    class Always(RuleAbstention):
        def abstains(self, features):
            return True

    answer = ExtractiveAnswerer(decision=Always()).answer(question, evidence)
    assert answer.abstained and "**Sörmland:**" not in answer.answer
