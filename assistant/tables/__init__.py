"""Tables rebuilt from the documents (indicator library, kärnindikatorer, satsningar, decisions,
glossary) and the tools that answer from them."""

from assistant.tables.build import build_tables, extract_tables
from assistant.tables.tools import TableTools, ToolResult

__all__ = ["TableTools", "ToolResult", "build_tables", "extract_tables"]
