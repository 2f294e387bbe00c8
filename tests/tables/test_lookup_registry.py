"""The lookups declared once (assistant/tables/registry.py): what TableTools, the LLM tools and answers read."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from assistant.tables import LOOKUPS, TableTools
from assistant.tables.registry import LOOKUPS_BY_NAME, Argument


def test_names_and_llm_tool_names_are_unique():
    assert len({lookup.name for lookup in LOOKUPS}) == len(LOOKUPS)
    llm_names = [lookup.llm_tool for lookup in LOOKUPS if lookup.llm_tool]
    assert len(set(llm_names)) == len(llm_names)


@pytest.mark.parametrize("lookup", LOOKUPS, ids=lambda lookup: lookup.name)
def test_every_declared_argument_is_a_parameter_of_its_function(lookup):
    parameters = list(inspect.signature(lookup.function).parameters)
    assert parameters[0] == "tables"
    assert [a.name for a in lookup.arguments] == parameters[1:]
    assert all(a.type in (str, int, bool) for a in lookup.arguments)
    assert lookup.help and lookup.description and lookup.lead and lookup.lead_en


@pytest.mark.parametrize("lookup", LOOKUPS, ids=lambda lookup: lookup.name)
def test_every_lookup_is_a_table_tools_method_with_its_signature_and_docstring(lookup, tmp_path):
    method = getattr(TableTools(tmp_path), lookup.name)
    assert method.__doc__ == lookup.function.__doc__
    assert list(inspect.signature(method).parameters) == [a.name for a in lookup.arguments]


def test_call_picks_its_own_arguments_and_skips_the_unset():
    seen = {}

    def fake(tables, insatsomrade=None, status=None, year=None, starts_in=None, ends_in=None):
        seen.update(tables=tables, status=status, year=year)
        return "result"

    patched = dataclasses.replace(LOOKUPS_BY_NAME["initiatives"], function=fake)
    assert patched.call("tables", {"status": "pågående", "year": None, "command": "initiatives"}) == "result"
    assert seen == {"tables": "tables", "status": "pågående", "year": None}


def test_an_argument_names_its_command_line_option():
    assert Argument("starts_in", int, "bara satsningar som startar detta år").flag == "--starts-in"
