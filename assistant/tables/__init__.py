"""Tables rebuilt from the documents (indicator library, kärnindikatorer, satsningar, decisions,
glossary) and the tools that answer from them."""

from .build import build_tables, extract_tables
from .tools import TableTools, ToolResult

__all__ = ["TableTools", "ToolResult", "build_tables", "extract_tables"]
