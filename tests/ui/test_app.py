"""The Streamlit app's logic through streamlit.testing: index building, asking, sources, feedback, pages."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest
from app_session import ask, started
from streamlit.testing.v1 import AppTest

from assistant.errors import AssistantError

QUESTION = "Vem delar ansvaret för hemsjukvården?"


def _texts(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_without_an_index_the_app_builds_it_with_progress_then_shows_the_intro(app_env, isolated_environment) -> None:
    assert not (isolated_environment / "current.json").exists()
    app = started()
    assert (isolated_environment / "current.json").is_file()
    assert any("Indexet är klart" in s.label for s in app.status), [s.label for s in app.status]
    assert "Välkommen till Nära vård-assistenten" in _texts(app)
    assert len(app.button) >= 6  # example questions for three kinds of users (and the sidebar's reset)
    assert len(app.chat_input) == 1


def test_a_question_gets_an_answer_with_numbered_sources_and_surrounding_text(app_env) -> None:
    app = ask(started(), QUESTION)
    [turn] = app.session_state["turns"]
    assert turn.answer is not None and turn.answer.citations, turn
    texts = _texts(app)
    assert "Välkommen" not in texts
    assert "[1]" in turn.answer.answer
    assert "**[1]** Hemsjukvård i kommunen" in texts
    cited = turn.answer.citations[0]
    assert any("orange-background" in m.value and "regionen och kommunen" in m.value for m in app.markdown)
    assert [e.label for e in app.expander].count("Visa omgivande text") == len(turn.answer.citations)
    assert cited.chunk_id


def test_every_answer_has_feedback_and_a_rating_is_stored_with_question_answer_and_citations(app_env) -> None:
    app = ask(started(), QUESTION)
    assert len(app.segmented_control) == 1
    app.segmented_control[0].set_value("down").run()
    assert not app.exception, app.exception
    with sqlite3.connect(app_env) as connection:
        rows = connection.execute("SELECT question, answer, citations, rating, comment FROM feedback").fetchall()
    [(question, answer, citations, rating, comment)] = rows
    turn = app.session_state["turns"][0]
    assert (question, answer, rating, comment) == (QUESTION, turn.answer.answer, "down", "")
    assert "Hemsjukvård i kommunen" in citations
    assert [s.value for s in app.success] == ["Tack för återkopplingen!"]

    app.pills(key=f"reason-{turn.answer_id}").set_value("fel källa")
    app.text_area(key=f"comment-{turn.answer_id}").input("Bra, men sidan saknas")
    next(b for b in app.button if b.label == "Skicka kommentar").click().run()
    with sqlite3.connect(app_env) as connection:
        stored = connection.execute("SELECT rating, reason, comment FROM feedback").fetchall()
    assert stored == [("down", "fel källa", "Bra, men sidan saknas")]
    assert [s.value for s in app.success] == ["Tack, din kommentar är sparad."]


def test_an_example_question_is_asked_with_one_click(app_env) -> None:
    app = started()
    example = next(b for b in app.button if b.label.endswith("?"))
    example.click().run()
    assert not app.exception, app.exception
    [turn] = app.session_state["turns"]
    assert turn.question == example.label
    assert turn.answer is not None


def test_a_follow_up_is_resolved_with_the_conversation_so_far(app_env) -> None:
    app = ask(started(), QUESTION)
    ask(app, "Och hur ofta följs den upp?")
    turns = app.session_state["turns"]
    assert len(turns) == 2
    assert turns[1].answer.resolved, turns[1].answer.notes
    assert len(app.chat_message) == 4


def test_the_document_filter_limits_the_sources(app_env) -> None:
    app = started()
    app.multiselect(key="filter-docs").set_value(["rehab-fardplan-2023"]).run()
    ask(app, "Vilka arbetar tillsammans i teamet runt patienten?")
    answer = app.session_state["turns"][0].answer
    assert answer.passages and {p.doc_id for p in answer.passages} == {"rehab-fardplan-2023"}


def test_an_error_reaches_the_user_as_a_short_swedish_message(app_env, monkeypatch, caplog) -> None:
    def failing_ask(*args, **kwargs):
        raise AssistantError("Sökningen gick inte att genomföra just nu.", "disk on fire")

    app = started()
    monkeypatch.setattr("assistant.core.Assistant.ask", failing_ask)
    ask(app, QUESTION)
    assert [e.value for e in app.error] == ["Sökningen gick inte att genomföra just nu."]
    assert "disk on fire" in caplog.text
    assert "disk on fire" not in _texts(app)


def test_document_text_is_never_rendered_as_html(app_env, tiny_corpus) -> None:
    with open(tiny_corpus / "hemsjukvard-i-kommunen-2021.txt", "a", encoding="utf-8") as handle:
        handle.write("\nHemsjukvården använder <b>trygghetslarm</b> och <script>alert(1)</script> i hemmet.\n")
    app = ask(started(), "Vad använder hemsjukvården för trygghetslarm?")
    assert all(not m.proto.allow_html for m in app.markdown)
    assert "<script>" not in _texts(app)
    assert "&lt;script&gt;" in _texts(app)  # shown, as text


def test_the_documents_page_lists_the_corpus_with_passage_counts(app_env) -> None:
    app = started()
    app.switch_page("app_pages/documents.py").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert len(table) == 3 and "Hemsjukvård i kommunen" in set(table["Dokument"])
    assert (table["Textstycken att söka i"] > 0).all()
    assert f"**{int(table['Textstycken att söka i'].sum())} textstycken**" in _texts(app)
    assert "corpus/manifest.json" not in _texts(app)


def test_the_document_page_shows_a_whole_document_with_contents_and_the_cited_passage_marked(app_env) -> None:
    app = ask(started(), QUESTION)
    cited = app.session_state["turns"][0].answer.citations[0]
    app.switch_page("app_pages/document.py")
    app.query_params["dokument"] = cited.doc_id
    app.query_params["passage"] = cited.chunk_id
    app.run()
    assert not app.exception, app.exception
    contents = app.selectbox(key=f"contents-{cited.doc_id}")
    assert contents.label.startswith("Innehåll (") and contents.options
    assert any(m.value.startswith(":orange-badge[Citerad passage]") for m in app.markdown)
    marked = [m.value for m in app.markdown if "orange-background" in m.value]
    assert marked and all("regionen och kommunen" in m or "Hemsjukvården" in m for m in marked[:1])
    assert any(".st-key-cited-passage" in h.proto.body for h in app.html)  # scrolls the passage into view

    contents.select_index(0).run()
    assert any(".st-key-section-0" in h.proto.body for h in app.html)  # the chosen section is brought into view

    app.query_params.clear()
    app.query_params["dokument"] = "rehab-fardplan-2023"
    app.run()
    assert not [m for m in app.markdown if "orange-background" in m.value]
    shown = _texts(app)
    assert "#### Rehabilitering i Sörmland" in shown and "Arbetsterapi på vårdcentral" in shown


class FakeTables:
    """Table tools with a few rows in the shape of assistant.tables.ToolResult."""

    available = True

    def __init__(self) -> None:
        self.asked: list[str] = []

    def measures(self, malomrade=None):
        rows = (
            {"Målområde": "Tillsammans", "Indikator": "Delaktighet 1", "Titel": "Delaktighet, Region", "Mått": "Andel"},
            {"Målområde": "Tillsammans", "Indikator": "Samordning 1", "Titel": "Antal SIP per enhet", "Mått": "Antal"},
            {"Målområde": "Hälsa", "Indikator": "Levnadsvanor 1", "Titel": "Riskabel alkohol", "Mått": "Andel"},
        )
        return _result("measures", ("Målområde", "Indikator", "Titel", "Mått"), rows)

    def measure(self, name):
        self.asked.append(name)
        rows = ({"Fält": "Titel", "Uppgift": "Antal SIP per enhet"}, {"Fält": "Datakälla", "Uppgift": "Cosmic"})
        return _result("measure", ("Fält", "Uppgift"), rows)

    def data_sources(self, typ=None):
        rows = ({"Typ": "Register", "Datakälla": "Patientregistret", "Hur ofta": ""},)
        return _result("data_sources", ("Typ", "Datakälla", "Hur ofta"), rows)

    def initiatives(self, insatsomrade=None, status=None):
        rows = (
            _initiative("3. Förebyggande arbete", "Suicidprevention", "2021–2027", "pågående"),
            _initiative("7. Kompetensförsörjning", "Lokalt vårdkompetensråd", "2023-tv", "pågående (tills vidare)"),
            _initiative("6. Planering och samverkan", "Nätverk Nära vård", "", "okänd (period saknas)"),
        )
        return _result("initiatives", ("Insatsområde", "Satsning", "Period", "Status", "Utförare"), rows)


def _initiative(area: str, name: str, period: str, status: str) -> dict:
    reason = f" (härlett från perioden {period})" if period else ""
    return {"Insatsområde": area, "Satsning": name, "Period": period, "Status": status + reason, "Utförare": "Alla"}


def _result(tool: str, columns: tuple[str, ...], rows: tuple[dict, ...]):
    from assistant.models import Citation

    citation = Citation("Rad ur tabellen.", "fardplan-2025", "Färdplan för Nära vård i Sörmland", "Satsningar", 9)
    return SimpleNamespace(
        tool=tool, arguments={}, columns=columns, rows=rows, citations=(citation,) * len(rows), message=""
    )


@pytest.fixture
def fake_tables(app_env, monkeypatch) -> FakeTables:
    tables = FakeTables()
    monkeypatch.setattr("assistant.core.Assistant.tables", property(lambda self: tables), raising=False)
    return tables


def test_the_indicators_page_searches_the_measures(fake_tables) -> None:
    app = started()
    app.switch_page("app_pages/indicators.py").run()
    assert not app.exception, app.exception
    assert len(app.dataframe[0].value) == 3
    app.text_input(key="measure-query").input("sip").run()
    assert list(app.dataframe[0].value["Titel"]) == ["Antal SIP per enhet"]
    app.text_input(key="measure-query").input("").run()
    app.selectbox(key="measure-area").select("Hälsa").run()
    assert list(app.dataframe[0].value["Indikator"]) == ["Levnadsvanor 1"]
    assert "Färdplan för Nära vård i Sörmland, s. 9" in set(app.dataframe[0].value["Källa"])
    assert list(app.dataframe[1].value["Datakälla"]) == ["Patientregistret"]  # data sources by type


def test_the_initiatives_page_filters_by_status_and_draws_their_periods(fake_tables) -> None:
    app = started()
    app.switch_page("app_pages/initiatives.py").run()
    assert not app.exception, app.exception
    assert sum(len(d.value) for d in app.dataframe) == 3 and len(app.dataframe) == 3  # one table per insatsområde
    assert app.get("vega_lite_chart"), "no timeline chart"
    assert any("1 satsning(ar) utan angiven period" in c.value for c in app.caption)
    app.multiselect(key="initiative-status").set_value(["Pågår tills vidare"]).run()
    assert list(app.dataframe[0].value["Satsning"]) == ["Lokalt vårdkompetensråd"]
    app.multiselect(key="initiative-status").set_value([]).run()
    app.multiselect(key="initiative-area").set_value(["3. Förebyggande arbete"]).run()
    assert list(app.dataframe[0].value["Satsning"]) == ["Suicidprevention"]


@pytest.mark.parametrize("page", ["app_pages/indicators.py", "app_pages/initiatives.py"])
def test_table_pages_say_in_swedish_when_the_tables_are_not_available(app_env, monkeypatch, page) -> None:
    from assistant.ui.table_pages import NOT_AVAILABLE

    monkeypatch.setattr("assistant.core.Assistant.tables", None, raising=False)
    app = started()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert [i.value for i in app.info] == [NOT_AVAILABLE]
