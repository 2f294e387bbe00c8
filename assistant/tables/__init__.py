"""Tables rebuilt from the documents (indicator library, kärnindikatorer, satsningar, decisions,
glossary) and the lookups that answer from them: extract/ reads the tables, lookups/ answers from them,
and registry.py declares every lookup once for TableTools, the LLM tools and answers."""

from assistant.tables.build import build_tables, extract_tables
from assistant.tables.registry import LOOKUPS, Argument, Lookup
from assistant.tables.tools import TableTools, ToolResult

__all__ = ["LOOKUPS", "Argument", "Lookup", "TableTools", "ToolResult", "build_tables", "extract_tables"]
