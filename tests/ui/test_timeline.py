"""Tests for assistant.ui.timeline: the satsningar's periods parsed into bars on a time axis."""

from __future__ import annotations

import datetime

import altair as alt
import pandas as pd

from assistant.ui.timeline import OPEN_ENDED_YEARS, periods, status_label, timeline_chart

TODAY = datetime.date(2026, 11, 23)


def frame(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=["Satsning", "Period", "Status"])


def test_periods_parse_years_and_open_ended_periods() -> None:
    bars = periods(
        frame(
            ("A", "2021–2026", "pågående (härlett från perioden 2021–2026)"),
            ("B", "2024-tv", "pågående (tills vidare)"),
            ("C", "", "okänd"),
        ),
        today=TODAY,
    )
    assert list(bars["Satsning"]) == ["A", "B"]
    assert bars.iloc[0]["Start"] == pd.Timestamp(2021, 1, 1) and bars.iloc[0]["Slut"] == pd.Timestamp(2026, 12, 31)
    assert bars.iloc[1]["Slut"] == pd.Timestamp(2026 + OPEN_ENDED_YEARS, 12, 31)
    assert list(bars["Status"]) == ["Pågår", "Pågår tills vidare"]  # the words the page shows


def test_the_periods_written_in_the_roadmap_are_all_read() -> None:
    # The forms corpus/tables/fardplan-satsningar.json uses: en dash, spaced hyphen, "-tv", "tills vidare".
    written = ["2021–2026", "2024 - 2029", "2023-tv", "2022 — 2027", "2025 – tills vidare"]
    bars = periods(frame(*[(str(n), period, "") for n, period in enumerate(written)]), today=TODAY)
    assert [(b.Start.year, b.Slut.year) for b in bars.itertuples()] == [
        (2021, 2026),
        (2024, 2029),
        (2023, 2031),
        (2022, 2027),
        (2025, 2031),
    ]


def test_an_open_ended_period_runs_past_today_when_every_end_year_has_passed() -> None:
    bars = periods(frame(("A", "2019-2020", ""), ("B", "2019-tv", "")), today=TODAY)
    assert bars.iloc[1]["Slut"] == pd.Timestamp(TODAY.year + OPEN_ENDED_YEARS, 12, 31)


def test_rows_without_years_give_an_empty_frame_with_the_columns() -> None:
    bars = periods(frame(("A", "", ""), ("B", "snart", "")), today=TODAY)
    assert bars.empty
    assert list(bars.columns) == ["Satsning", "Start", "Slut", "Period", "Status", "Insatsområde"]


def test_status_label_drops_only_the_derivation() -> None:
    assert status_label("pågående (tills vidare) (härlett från perioden 2023-tv)") == "pågående (tills vidare)"
    assert status_label("avslutad (härlett från perioden 2021–2023)") == "avslutad"
    assert status_label("planerad") == "planerad"
    assert status_label(None) == ""


def test_the_chart_draws_one_bar_per_satsning_and_a_rule_at_today() -> None:
    bars = periods(frame(("A", "2021–2026", "pågående"), ("B", "2027-2028", "planerad")), today=TODAY)
    chart = timeline_chart(bars, today=TODAY)
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    bar_layer, rule_layer = spec["layer"]
    assert bar_layer["mark"]["type"] == "bar" and rule_layer["mark"]["type"] == "rule"
    assert bar_layer["encoding"]["x"]["field"] == "Start" and bar_layer["encoding"]["x2"]["field"] == "Slut"
    assert bar_layer["encoding"]["color"]["field"] == "Status"
    datasets = list(spec["datasets"].values())
    assert sorted(row["Satsning"] for data in datasets for row in data if "Satsning" in row) == ["A", "B"]
    assert any(str(row.get("Idag", "")).startswith("2026-11-23") for data in datasets for row in data)
