"""Read-only lookups in the rebuilt tables, one module per table family; each returns a ToolResult.

No SQL is ever built from user text: tables are read whole (they are small) and filtered in Python.
The lookups are declared once, with their arguments, in assistant.tables.registry.
"""
