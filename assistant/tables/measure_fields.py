"""The fields of a measure in Sörmland's indicator library, declared once: column, label, how the library
writes it and the words a question names it by. Parsing, lookups, routing and answers all read this."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeasureField:
    """One field of a measure.

    key: the column in the measures table. label: the field as users read it ("Målnivå").
    written_as: the label the library writes before the field's text; "" for fields read out of another
    (täljare and nämnare come from the teknisk beskrivning). stem: the folded word start a question names
    the field by when it asks which measures lack it ("saknar målnivå"); "" when it cannot be asked so.
    asked_as: folded word starts of a question asking for the field's value ("vad är datakällan").
    """

    key: str
    label: str
    written_as: str = ""
    stem: str = ""
    asked_as: tuple[str, ...] = ()


# In the order a measure's definition shows them.
MEASURE_FIELDS: tuple[MeasureField, ...] = (
    MeasureField("titel", "Titel", "Titel"),
    MeasureField("matt", "Mått", "Mått"),
    MeasureField("matenhet", "Mätenhet", "Mätenhet", "matenhet", ("matenhet", "enhet", "unit")),
    MeasureField("syfte", "Syfte", "Syfte", "syfte", ("syfte", "varfor", "purpos")),
    MeasureField("tolkning", "Tolkning", "Tolkning", "tolkning", ("tolkning", "tolka", "interpret")),
    MeasureField(
        "riktning", "Riktning", "Riktning", "riktning", ("riktning", "onskv", "eftersträv", "eftersträvas", "direction")
    ),
    MeasureField("malniva", "Målnivå", "Målnivå", "malniva", ("malniva", "target")),
    MeasureField("typ_av_indikator", "Typ av indikator", "Typ av indikator"),
    MeasureField(
        "datakalla", "Datakälla", "Datakälla", "datakall", ("datakall", "kalla", "kallan", "system", "hamtas", "sourc")
    ),
    MeasureField("datakallans_status", "Datakällans status", "Datakällans status"),
    MeasureField(
        "felkallor",
        "Felkällor och begränsningar",
        "Felkällor och begränsningar",
        "felkall",
        ("felkall", "begransning", "ofullstand", "brist", "limitation"),
    ),
    MeasureField(
        "teknisk_beskrivning",
        "Teknisk beskrivning",
        "Teknisk beskrivning",
        "",
        ("rakn", "berakn", "avgor", "definier", "calculat", "comput"),
    ),
    MeasureField("taljare", "Täljare", "", "talj", ("talj", "numerat")),
    MeasureField("namnare", "Nämnare", "", "namnar", ("namnar", "denominat")),
    MeasureField(
        "redovisningsnivaer",
        "Redovisningsnivåer och fördelningar",
        "Om redovisningsnivåer och fördelningar",
        "",
        ("redovisningsniva", "niva"),
    ),
    MeasureField("kommentar", "Kommentar", "Kommentar", "kommentar", ("kommentar", "comment")),
)

# key -> label, in display order: the rows of a measure's definition.
MEASURE_LABELS: dict[str, str] = {f.key: f.label for f in MEASURE_FIELDS}
# Fields the library writes under a label of their own, in the order a measure's row stores them.
WRITTEN_FIELDS: tuple[MeasureField, ...] = tuple(f for f in MEASURE_FIELDS if f.written_as)
# stem -> label: "Vilka mått saknar målnivå?" asks for the measures that leave Målnivå empty.
LACKING_FIELD_STEMS: dict[str, str] = {f.stem: f.label for f in MEASURE_FIELDS if f.stem}
# label -> word starts: "hur räknas täljaren?" asks for Täljare.
ASKED_FIELD_WORDS: dict[str, tuple[str, ...]] = {f.label: f.asked_as for f in MEASURE_FIELDS if f.asked_as}
