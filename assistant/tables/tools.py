"""TableTools: the lookups of assistant.tables.registry as methods over tables.sqlite of one build.

`tools.measure("Kontinuitet 1")`, `tools.initiatives(status="pågående")` … each method is the lookup of
that name (assistant/tables/lookups/), with the lookup's own signature and docstring.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

from assistant.index.catalog import read_catalog
from assistant.models import DocumentInfo
from assistant.tables.lookups.measures import measure_label
from assistant.tables.registry import LOOKUPS, LOOKUPS_BY_NAME, Lookup
from assistant.tables.results import EMPTY_FIELD, ToolResult
from assistant.tables.store import DB_NAME, read_table

__all__ = ["EMPTY_FIELD", "TableTools", "ToolResult", "measure_label"]


class TableTools:
    """Lookups over tables.sqlite of one build; tables are read once and kept (they are small)."""

    def __init__(self, build_dir: Path, today: datetime.date | None = None) -> None:
        self.path = Path(build_dir) / DB_NAME
        self.today = today
        self._cache: dict[str, list[dict]] = {}
        self._documents: dict[str, DocumentInfo] | None = None

    @property
    def available(self) -> bool:
        """True when the build has tables (an index built before them has none)."""
        return self.path.is_file()

    def table(self, name: str) -> list[dict]:
        """All rows of a table (fields, source_* provenance and extra); [] when it or the file is missing."""
        if name not in self._cache:
            self._cache[name] = read_table(self.path, name) if self.available else []
        return self._cache[name]

    @property
    def documents(self) -> dict[str, DocumentInfo]:
        """The build's documents by id (documents.json beside the tables), to judge rows by the search filters;
        {} when the build has no catalogue."""
        if self._documents is None:
            known = (self.path.parent / "documents.json").is_file()
            self._documents = {e.info.doc_id: e.info for e in read_catalog(self.path.parent)} if known else {}
        return self._documents

    def lookup(self, lookup_name: str, /, **arguments: Any) -> ToolResult:
        """Run the lookup of that name with these arguments (KeyError for an unknown name)."""
        return LOOKUPS_BY_NAME[lookup_name].function(self, **arguments)


def _as_method(lookup: Lookup):
    def method(self: TableTools, *args: Any, **kwargs: Any) -> ToolResult:
        return lookup.function(self, *args, **kwargs)

    functools.update_wrapper(method, lookup.function)
    method.__qualname__ = f"TableTools.{lookup.name}"
    return method


for _lookup in LOOKUPS:
    setattr(TableTools, _lookup.name, _as_method(_lookup))
