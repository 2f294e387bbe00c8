"""A question that asks two sides is answered side by side (answer/comparison_answer.py, answer/extractive.py)."""

from __future__ import annotations

import re

from assistant.answer.abstention import ABSTAIN_SV, NEARBY_SV
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
    assert merged.answer.startswith("#### Sörmland\nEtt. [1]\n- Två. [2]")
    assert "#### Dalarna\nTre. [3]\n- Fyra. [2]" in merged.answer
    assert [c.chunk_id for c in merged.citations] == ["a-1", "a-2", "b-1"]
    assert merged.citations[1].quote == "Två. Fyra."
    assert not merged.abstained and merged.notes[0] == "comparison: Sörmland | Dalarna"


def test_a_side_the_documents_do_not_answer_says_so():
    answered = Answer("Enligt dokumenten: Ett. [1]", (_citation("a-1", "Ett."),), ())
    abstained = Answer("Dokumenten ger inget svar på den frågan.", (), (), abstained=True)
    merged = compose_comparison(["Sörmland", "Dalarna"], [answered, abstained], english=False)
    assert f"#### Dalarna\n{SIDE_NOT_ANSWERED_SV}" in merged.answer
    assert len(merged.citations) == 1


def test_a_side_the_documents_do_not_answer_shows_what_they_say_nearest_numbered_through():
    first = Answer("Ett. [1]", (_citation("a-1", "Ett."),), ())
    nearby = f"{ABSTAIN_SV} {NEARBY_SV}\n- Nära. [1]"
    second = Answer(nearby, (_citation("b-1", "Nära."),), (), abstained=True)
    merged = compose_comparison(["Sörmland", "Dalarna"], [first, second], english=False)
    assert merged.answer.endswith(f"#### Dalarna\n{SIDE_NOT_ANSWERED_SV} {NEARBY_SV}\n- Nära. [2]")
    assert [c.chunk_id for c in merged.citations] == ["a-1", "b-1"]


def test_a_marker_that_points_at_no_source_of_its_side_is_dropped():
    first = Answer("Enligt dokumenten: Ett. [1]", (_citation("a-1", "Ett."),), ())
    second = Answer("Enligt dokumenten: Tre. [2]", (_citation("b-1", "Tre."),), ())
    merged = compose_comparison(["Sörmland", "Dalarna"], [first, second], english=False)
    assert "Tre. \n" not in merged.answer and "[2]" not in merged.answer and merged.answer.endswith("Tre.")


def test_a_passage_one_side_cites_whole_stays_cited_whole():
    first = Answer("Enligt dokumenten: Ett. [1]", (_citation("a-1", ""),), ())
    second = Answer("Enligt dokumenten: Två. [1]", (_citation("a-1", "Två."),), ())
    for sides in ([first, second], [second, first]):
        merged = compose_comparison(["A", "B"], sides, english=False)
        assert [c.quote for c in merged.citations] == [""]


def test_the_side_headings_survive_the_chat_view_and_english_gets_an_english_lead():
    from assistant.ui.text import answer_markdown

    first = Answer("According to the documents (quoted in Swedish): Ett. [1]", (_citation("a-1", "Ett."),), ())
    merged = compose_comparison(["Sörmland *", "Dalarna"], [first, first], english=True)
    shown = answer_markdown(merged.answer)
    assert shown.startswith("According to the documents (quoted in Swedish):\n\n#### Sörmland \\*\nEtt. [1]")
    assert shown.count("According to") == 1 and "\\*\\*" not in shown


def test_an_answerer_that_reads_one_list_gets_each_sides_best_in_turn():
    a = [_passage(i, f"Sörmland {i}", "sormland") for i in range(4)]
    b = [_passage(i, f"Dalarna {i}", "dalarna") for i in range(4)]
    parts = tuple(EvidencePart(x, understand(x), tuple(ps), SearchFilters()) for x, ps in (("S", a), ("D", b)))
    evidence = Evidence(tuple(a[:3]), parts=parts)
    assert [p.chunk_id for p in evidence.all_sides()] == ["sormland-0", "dalarna-0", "sormland-1"]
    assert Evidence(tuple(a)).all_sides() == tuple(a)


SORMLAND = [_passage(0, "I Sörmland arbetar mobila team med hemsjukvård dygnet runt för äldre.", "sormland")]
DALARNA = [_passage(0, "I Dalarna har mobila team gett ökad trygghet för invånarna i hemmet.", "dalarna")]


def _evidence(question_text: str, parts: list[tuple[str, str, list[Passage]]]) -> tuple:
    sides = tuple(
        EvidencePart(label, understand(text), tuple(ps), SearchFilters(doc_ids=(ps[0].doc_id,)))
        for label, text, ps in parts
    )
    return understand(question_text), Evidence(tuple(SORMLAND + DALARNA), parts=sides)


def test_the_extractive_answer_cites_each_side_from_its_own_passages():
    question, evidence = _evidence(
        "Hur arbetar mobila team i Sörmland jämfört med Dalarna?",
        [
            ("Sörmland", "Hur arbetar mobila team i Sörmland?", SORMLAND),
            ("Dalarna", "Hur arbetar mobila team i Dalarna?", DALARNA),
        ],
    )
    answer = ExtractiveAnswerer(decision=NoAbstention()).answer(question, evidence)
    sormland, dalarna = answer.answer.split("#### Dalarna")
    assert "hemsjukvård" in sormland and "trygghet" in dalarna
    for text, doc in ((sormland, "sormland"), (dalarna, "dalarna")):
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", text)}
        assert markers and {answer.citations[m - 1].doc_id for m in markers} == {doc}


def test_when_no_side_can_be_answered_the_question_is_answered_whole():
    unrelated = [_passage(0, "Budgeten för konferensen fastställdes i mars.", "sormland")]
    question, evidence = _evidence(
        "Hur arbetar mobila team i Sörmland jämfört med Dalarna?",
        [("Sörmland", "Hur arbetar mobila team i Sörmland?", unrelated), ("Dalarna", "Hur i Dalarna?", unrelated)],
    )

    class Always(RuleAbstention):
        def abstains(self, features):
            return True

    answer = ExtractiveAnswerer(decision=Always()).answer(question, evidence)
    assert answer.abstained and "#### Sörmland" not in answer.answer
