"""The satsningar's periods ("2021–2026", "2024-tv") as bars on a time axis."""

from __future__ import annotations

import datetime
import re

import altair as alt
import pandas as pd

from assistant.tables.lookups.initiatives import status_label

_PERIOD = re.compile(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d|tv|tills vidare)", re.IGNORECASE)
OPEN_ENDED_YEARS = 2
BAR_PIXELS = 30


# The derived statuses as staff say them.
STATUS_WORDS = {
    "pågående": "Pågår",
    "pågående (tills vidare)": "Pågår tills vidare",
    "avslutad": "Avslutad",
    "planerad": "Planerad",
    "okänd (period saknas)": "Period saknas",
}


def status_word(status: str) -> str:
    """'pågående (tills vidare) (härlett från perioden 2025-tv)' -> 'Pågår tills vidare'."""
    label = status_label(status)
    return STATUS_WORDS.get(label, label[:1].upper() + label[1:])


def periods(frame: pd.DataFrame, today: datetime.date | None = None) -> pd.DataFrame:
    """Satsning, start, end, period text and status of each row whose period names its years.

    An open-ended period ("tills vidare") runs until OPEN_ENDED_YEARS after the latest end year shown.
    """
    today = today or datetime.date.today()
    parsed = []
    for _, row in frame.iterrows():
        match = _PERIOD.search(str(row.get("Period", "")))
        if match:
            end = int(match.group(2)) if match.group(2).isdigit() else None
            parsed.append((row, int(match.group(1)), end))
    ends = [end for _, _, end in parsed if end is not None] or [today.year]
    open_end = max(max(ends), today.year) + OPEN_ENDED_YEARS
    return pd.DataFrame.from_records(
        [
            {
                "Satsning": row["Satsning"],
                "Start": pd.Timestamp(year=start, month=1, day=1),
                "Slut": pd.Timestamp(year=end or open_end, month=12, day=31),
                "Period": row["Period"],
                "Status": status_word(row["Status"]),
                "Insatsområde": row.get("Insatsområde", ""),
            }
            for row, start, end in parsed
        ],
        columns=["Satsning", "Start", "Slut", "Period", "Status", "Insatsområde"],
    )


def timeline_chart(bars: pd.DataFrame, today: datetime.date | None = None) -> alt.LayerChart:
    """One bar per satsning from start to end, coloured by status, with a rule at today's date."""
    today = pd.Timestamp(today or datetime.date.today())
    base = (
        alt.Chart(bars)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("Start:T", title="År", axis=alt.Axis(format="%Y", tickCount="year")),
            x2="Slut:T",
            y=alt.Y(
                "Satsning:N",
                sort=alt.EncodingSortField("Start", order="ascending"),
                title=None,
                axis=alt.Axis(labelLimit=0),  # whole names, never cut
            ),
            color=alt.Color("Status:N", legend=alt.Legend(orient="bottom", title="Status")),
            tooltip=["Satsning", "Period", "Status", "Insatsområde"],
        )
    )
    rule = alt.Chart(pd.DataFrame({"Idag": [today]})).mark_rule(strokeDash=[4, 4]).encode(x="Idag:T")
    return (base + rule).properties(height=alt.Step(BAR_PIXELS))
