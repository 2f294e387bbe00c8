"""Tests for assistant.ui.initiatives_page: the satsningar, filtered, and their timeline (more in test_app.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from assistant.models import Citation
from assistant.ui import initiatives_page

SOURCE = Citation("Rad.", "fardplan-2025", "Färdplan", "Satsningar", 9)
COLUMNS = ("Insatsområde", "Satsning", "Period", "Status", "Utförare")


def _row(area: str, name: str, period: str, status: str) -> dict:
    return {"Insatsområde": area, "Satsning": name, "Period": period, "Status": status, "Utförare": "Alla"}


class Tables:
    def __init__(self, rows: tuple[dict, ...], message: str = "") -> None:
        self.rows, self.message = rows, message

    def initiatives(self) -> SimpleNamespace:
        return SimpleNamespace(
            columns=COLUMNS, rows=self.rows, citations=(SOURCE,) * len(self.rows), message=self.message
        )


def _render() -> None:
    from assistant.ui import initiatives_page

    initiatives_page.render()


def _app(monkeypatch: pytest.MonkeyPatch, tables: Tables) -> AppTest:
    monkeypatch.setattr(initiatives_page, "table_tools", lambda: tables)
    app = AppTest.from_function(_render, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


ROWS = (
    _row("3. Förebyggande", "Suicidprevention", "2021–2027", "pågående (härlett från perioden 2021–2027)"),
    _row("6. Samverkan", "Nätverk", "", "okänd (period saknas)"),
)


def test_satsningar_are_grouped_by_insatsomrade_with_readable_status_words(monkeypatch) -> None:
    app = _app(monkeypatch, Tables(ROWS))
    assert [h.value for h in app.subheader][:2] == ["3\\. Förebyggande", "6\\. Samverkan"]
    first, second = (app.dataframe[0].value, app.dataframe[1].value)
    assert "Insatsområde" not in first.columns
    assert (list(first["Status"]), list(second["Status"])) == (["Pågår"], ["Period saknas"])
    assert app.multiselect(key="initiative-status").options == ["Period saknas", "Pågår"]
    assert "2 av 2 satsningar" in [c.value for c in app.caption]


@pytest.mark.parametrize(
    ("status", "word"),
    [
        ("pågående (tills vidare) (härlett från perioden 2025-tv)", "Pågår tills vidare"),
        ("avslutad (härlett från perioden 2019–2021)", "Avslutad"),
        ("planerad (härlett från perioden 2030–2031)", "Planerad"),
        ("Inget pågående länsgemensamt arbete.", "Inget pågående länsgemensamt arbete."),
    ],
)
def test_status_words(status: str, word: str) -> None:
    from assistant.ui.timeline import status_word

    assert status_word(status) == word


def test_only_satsningar_without_a_period_draw_no_timeline(monkeypatch) -> None:
    app = _app(monkeypatch, Tables(ROWS))
    app.multiselect(key="initiative-area").set_value(["6. Samverkan"]).run()
    assert [i.value for i in app.info] == ["Ingen av de valda satsningarna har en angiven period."]
    assert not app.get("vega_lite_chart")
    assert "1 satsning(ar) utan angiven period visas inte i tidslinjen." in [c.value for c in app.caption]


def test_a_search_narrows_the_rows(monkeypatch) -> None:
    app = _app(monkeypatch, Tables(ROWS))
    app.text_input(key="initiative-query").input("suicid").run()
    assert len(app.dataframe) == 1 and list(app.dataframe[0].value["Satsning"]) == ["Suicidprevention"]
    assert "1 av 2 satsningar" in [c.value for c in app.caption]


def test_no_satsningar_is_a_message(monkeypatch) -> None:
    app = _app(monkeypatch, Tables((), message=""))
    assert [i.value for i in app.info] == ["Färdplanen innehåller inga satsningar."]
    assert not app.dataframe
