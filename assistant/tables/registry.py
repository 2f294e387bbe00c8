"""Every table lookup declared once: its name, function, descriptions and typed arguments.

TableTools gets one method per lookup from here, the LLM backend one langchain tool per lookup it is
offered, and a table answer its lead; a command line can add one option per argument (`Argument.flag`,
`Argument.help`) and run a lookup with `Lookup.call(tables, vars(args))`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.tables.lookups import core_indicators, decisions, initiatives, measures, terms
from assistant.tables.results import Tables, ToolResult


@dataclass(frozen=True)
class Argument:
    """One argument of a lookup.

    type: str, int or bool. help: what it does, in Swedish, as a command line or the app says it.
    required: the lookup needs it (the LLM must give it). offered_to_llm: False keeps it out of the LLM tool.
    """

    name: str
    type: type
    help: str
    required: bool = False
    offered_to_llm: bool = True
    metavar: str = ""

    @property
    def flag(self) -> str:
        """The argument as a command-line option: "--starts-in"."""
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Lookup:
    """A table lookup: `function(tables, **arguments)` returns a ToolResult whose `tool` is `name`.

    help: one Swedish line for users. description: what the LLM reads (English, Swedish domain words).
    lead / lead_en: the line a table answer starts with, for a Swedish or an English question.
    llm_tool: the name of its langchain tool; "" when the LLM is not offered this lookup.
    """

    name: str
    function: Callable[..., ToolResult]
    help: str
    description: str
    arguments: tuple[Argument, ...]
    lead: str
    lead_en: str
    llm_tool: str = ""

    def call(self, tables: Tables, values: Mapping[str, Any]) -> ToolResult:
        """Run the lookup with its own arguments picked from values (e.g. `vars(args)`); None means not given."""
        given = {a.name: values[a.name] for a in self.arguments if values.get(a.name) is not None}
        return self.function(tables, **given)


LOOKUPS: tuple[Lookup, ...] = (
    Lookup(
        "measure",
        measures.measure,
        "ett måtts hela definition ur indikatorbiblioteket",
        "Full definition of a measure of Sörmland's indicator library (mått, datakälla, täljare, nämnare …).",
        (Argument("name", str, "måttets namn (tål stavfel och saknade å/ä/ö)", required=True),),
        "Ur Sörmlands indikatorbibliotek:",
        "From Sörmland's indicator library (in Swedish, as the documents give it):",
        llm_tool="find_measure",
    ),
    Lookup(
        "measures",
        measures.measures,
        "indikatorbibliotekets mått",
        "All measures of Sörmland's indicator library, optionally of one målområde (Tillsammans, Nära …), or "
        "those that give no value for the field `missing` (Målnivå, Datakälla, Täljare, Nämnare, Riktning …).",
        (
            Argument("malomrade", str, "bara mått inom detta målområde"),
            Argument("missing", str, "bara mått som inte anger fältet (t.ex. målnivå)", metavar="FÄLT"),
        ),
        "Måtten i Sörmlands indikatorbibliotek:",
        "The measures of Sörmland's indicator library:",
        llm_tool="list_measures",
    ),
    Lookup(
        "proposed_measures",
        measures.proposed_measures,
        "projektrapportens förslag på mått per indikator",
        "The project report's proposed measures per indicator and målområde.",
        (Argument("indikator", str, "bara förslagen för denna indikator"),),
        "Projektrapportens förslag på mått:",
        "The project report's proposed measures:",
    ),
    Lookup(
        "data_sources",
        measures.data_sources,
        "indikatorbibliotekets datakällor efter typ",
        "The indicator library's data sources by type (Enkät, Register, Annan datakälla) and how often they come.",
        (Argument("typ", str, "bara datakällor av denna typ (enkät, register, annan datakälla)"),),
        "Indikatorbibliotekets datakällor efter typ (Bilaga 2):",
        "The indicator library's data sources by type (Bilaga 2):",
    ),
    Lookup(
        "core_indicators",
        core_indicators.core_indicators,
        "Socialstyrelsens kärnindikatorer, eller en av dem",
        "Socialstyrelsen's 12 national kärnindikatorer, or one by name: nyckelord, mått, datakälla.",
        (Argument("name", str, "kärnindikatorns namn"),),
        "Socialstyrelsens kärnindikatorer:",
        "Socialstyrelsen's core indicators (kärnindikatorer):",
        llm_tool="find_core_indicator",
    ),
    Lookup(
        "core_values",
        core_indicators.core_values,
        "värden som Socialstyrelsens rapport anger för en kärnindikator",
        "Values Socialstyrelsen's report states for a kärnindikator, by year, region/län and group (kvinnor/män).",
        (
            Argument("indicator", str, "kärnindikatorns namn", required=True),
            Argument("year", int, "bara värden för detta år", metavar="ÅR"),
            Argument("region", str, "bara värden för denna region eller detta län"),
            Argument("group", str, "bara värden för denna grupp (t.ex. kvinnor, män)"),
        ),
        "Värden som Socialstyrelsens rapport anger:",
        "Values stated in Socialstyrelsen's report:",
        llm_tool="core_indicator_values",
    ),
    Lookup(
        "initiative",
        initiatives.initiative,
        "en länsgemensam satsning i färdplanen",
        "One länsgemensam satsning of the färdplan: goal, period, derived status, utförare.",
        (Argument("name", str, "en satsnings namn", required=True),),
        "Satsningen i färdplanen (status härledd från perioden och dagens datum):",
        "The initiative in the färdplan (status derived from the period and today's date):",
        llm_tool="find_initiative",
    ),
    Lookup(
        "initiatives",
        initiatives.initiatives,
        "färdplanens länsgemensamma satsningar med status",
        "Länsgemensamma satsningar, optionally by insatsområde, status (pågående, avslutad, planerad), a year "
        "their period covers, or the year they start or end.",
        (
            Argument("insatsomrade", str, "bara satsningar inom detta insatsområde"),
            Argument("status", str, "pågående, avslutad, planerad eller tills vidare"),
            Argument("year", int, "bara satsningar vars period omfattar detta år"),
            Argument("starts_in", int, "bara satsningar som startar detta år", metavar="ÅR"),
            Argument("ends_in", int, "bara satsningar som slutar detta år", metavar="ÅR"),
        ),
        "Länsgemensamma satsningar i färdplanen (status härledd från perioden och dagens datum):",
        "Joint initiatives (satsningar) in the färdplan (status derived from the period and today's date):",
        llm_tool="list_initiatives",
    ),
    Lookup(
        "areas",
        initiatives.areas,
        "färdplanens insatsområden",
        "The färdplan's eight insatsområden, or only those with no ongoing joint work.",
        (Argument("without_joint_work", bool, "bara insatsområden utan pågående länsgemensamt arbete"),),
        "Färdplanens insatsområden:",
        "The färdplan's areas (insatsområden):",
    ),
    Lookup(
        "decisions",
        decisions.decisions,
        "beslut enligt dokumenten, äldst först",
        "Decisions by body (NSV, Länsstyrgruppen) and/or year.",
        (
            Argument("body", str, "bara beslut av detta organ (t.ex. NSV, Länsstyrgruppen)"),
            Argument("year", int, "bara beslut detta år", metavar="ÅR"),
            Argument("topic", str, "bara beslut om detta", offered_to_llm=False),
        ),
        "Beslut enligt dokumenten:",
        "Decisions according to the documents:",
        llm_tool="list_decisions",
    ),
    Lookup(
        "term",
        terms.term,
        "ett begrepp eller en förkortning och vad det betyder",
        "Expansion or definition of a term or abbreviation (NSV, LRS, FoUiS, RSS, SIP …).",
        (Argument("term", str, "begreppet eller förkortningen", required=True),),
        "Begrepp och förkortningar:",
        "Terms and abbreviations:",
        llm_tool="lookup_term",
    ),
)
LOOKUPS_BY_NAME: dict[str, Lookup] = {lookup.name: lookup for lookup in LOOKUPS}
