"""Tests for assistant.ui.indicators_page: one measure's full definition with its source (the list: test_app.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from assistant.models import Citation
from assistant.retrieval.neighbours import ChunkNeighbours
from assistant.ui import resources

SOURCE = Citation("Titel: Antal SIP per enhet", "bilagor", "Bilagor", "Bilaga 1", 12)


class Tables:
    """The one table tool the definition reads."""

    def __init__(self, rows: tuple[dict, ...], message: str = "") -> None:
        self.rows, self.message, self.asked = rows, message, []

    def measure(self, name: str) -> SimpleNamespace:
        self.asked.append(name)
        citations = (SOURCE,) * len(self.rows)  # one source per field, the same passage
        return SimpleNamespace(rows=self.rows, citations=citations, message=self.message)


@pytest.fixture(autouse=True)
def shared_assistant(monkeypatch: pytest.MonkeyPatch) -> None:
    assistant = SimpleNamespace(retriever=SimpleNamespace(build_dir="b"))
    monkeypatch.setattr(resources, "current_settings", lambda: None)
    monkeypatch.setattr(resources, "open_assistant", lambda settings: assistant)
    monkeypatch.setattr(resources, "chunk_neighbours", lambda build_dir, _assistant: ChunkNeighbours([]))


def _definition(tables) -> None:
    from assistant.ui import indicators_page

    indicators_page._show_definition(tables, "Antal SIP per enhet Samordning 1", "Antal SIP *per* enhet")


def _app(tables) -> AppTest:
    app = AppTest.from_function(_definition, args=(tables,), default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_definition_shows_every_field_as_text_and_its_one_source() -> None:
    tables = Tables(({"Fält": "Mått", "Uppgift": "Antal <SIP>"}, {"Fält": "Datakälla", "Uppgift": "Cosmic_2"}))
    app = _app(tables)
    assert tables.asked == ["Antal SIP per enhet Samordning 1"]
    assert [h.value for h in app.subheader] == [r"Antal SIP \*per\* enhet"]
    texts = [m.value for m in app.markdown]
    assert "**Mått**  \nAntal &lt;SIP&gt;" in texts and "**Datakälla**  \nCosmic\\_2" in texts
    assert "**Källa**" in texts
    assert [t for t in texts if t.startswith("**[")] == ["**[1]** Bilagor · Bilaga 1 · s. 12"]  # one source, not two


def test_a_measure_without_a_definition_is_a_warning() -> None:
    app = _app(Tables((), message="Hittade inget mått som heter 'x'."))
    assert [w.value for w in app.warning] == ["Hittade inget mått som heter 'x'."]
    assert not app.subheader
    assert [w.value for w in _app(Tables(())).warning] == ["Måttets definition hittades inte."]
