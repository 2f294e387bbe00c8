"""The table tools as langchain tools for the LLM backend: typed arguments; each returns its rows as text
for the model and, as the artifact, the ToolResult whose per-row citations the answer cites."""

from __future__ import annotations

import json

from langchain_core.tools import BaseTool, StructuredTool

from assistant.tables.tools import TableTools, ToolResult


def langchain_tools(tools: TableTools) -> list[BaseTool]:
    """One langchain tool per lookup; content is the rows as JSON text, the artifact the ToolResult."""
    if not tools.available:
        return []

    def find_measure(name: str) -> tuple[str, ToolResult]:
        """Full definition of a measure of Sörmland's indicator library (mått, datakälla, täljare, nämnare …)."""
        return _as_text_and_result(tools.measure(name))

    def list_measures(malomrade: str = "", missing: str = "") -> tuple[str, ToolResult]:
        """All measures of Sörmland's indicator library, optionally of one målområde (Tillsammans, Nära …), or
        those that give no value for the field `missing` (Målnivå, Datakälla, Täljare, Nämnare, Riktning …)."""
        return _as_text_and_result(tools.measures(malomrade or None, missing or None))

    def find_core_indicator(name: str = "") -> tuple[str, ToolResult]:
        """Socialstyrelsen's 12 national kärnindikatorer, or one by name: nyckelord, mått, datakälla."""
        return _as_text_and_result(tools.core_indicators(name or None))

    def core_indicator_values(
        indicator: str, year: int = 0, region: str = "", group: str = ""
    ) -> tuple[str, ToolResult]:
        """Values Socialstyrelsen's report states for a kärnindikator, by year, region/län and group (kvinnor/män)."""
        return _as_text_and_result(tools.core_values(indicator, year or None, region or None, group or None))

    def find_initiative(name: str) -> tuple[str, ToolResult]:
        """One länsgemensam satsning of the färdplan: goal, period, derived status, utförare."""
        return _as_text_and_result(tools.initiative(name))

    def list_initiatives(
        insatsomrade: str = "", status: str = "", year: int = 0, starts_in: int = 0, ends_in: int = 0
    ) -> tuple[str, ToolResult]:
        """Länsgemensamma satsningar, optionally by insatsområde, status (pågående, avslutad, planerad), a year
        their period covers, or the year they start or end."""
        return _as_text_and_result(
            tools.initiatives(insatsomrade or None, status or None, year or None, starts_in or None, ends_in or None)
        )

    def list_data_sources(typ: str = "") -> tuple[str, ToolResult]:
        """The indicator library's data sources by type (Enkät, Register, Annan datakälla) and how often they come."""
        return _as_text_and_result(tools.data_sources(typ or None))

    def list_decisions(body: str = "", year: int = 0) -> tuple[str, ToolResult]:
        """Decisions by body (NSV, Länsstyrgruppen) and/or year."""
        return _as_text_and_result(tools.decisions(body or None, year or None))

    def lookup_term(term: str) -> tuple[str, ToolResult]:
        """Expansion or definition of a term or abbreviation (NSV, LRS, FoUiS, RSS, SIP …)."""
        return _as_text_and_result(tools.term(term))

    functions = (
        find_measure,
        list_measures,
        find_core_indicator,
        core_indicator_values,
        find_initiative,
        list_initiatives,
        list_decisions,
        lookup_term,
    )
    return [StructuredTool.from_function(f, response_format="content_and_artifact") for f in functions]


def _as_text_and_result(result: ToolResult) -> tuple[str, ToolResult]:
    if not result.found:
        return result.message, result
    rows = [
        {**row, "källa": f"{c.title}, {c.section}" + (f", s. {c.page}" if c.page else "")}
        for row, c in zip(result.rows, result.citations)
    ]
    return json.dumps(rows, ensure_ascii=False), result
