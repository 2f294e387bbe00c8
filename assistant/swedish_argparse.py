"""argparse in Swedish: the help (`-h`, "användning:", the section headings) and every usage error, which exits
with code 2 as argparse's own does.

argparse writes its texts in English through gettext and ships no Swedish catalogue; this module gives the
help its own -h text and Swedish headings (a HelpFormatter) and says argparse's error messages in Swedish
(ArgumentParser.error), pattern by pattern.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

HELP_TEXT = "visa den här hjälpen och avsluta"
USAGE_PREFIX = "användning: "
_HEADINGS = {"positional arguments": "argument", "options": "flaggor", "optional arguments": "flaggor"}
_KINDS = {"int": "ett heltal", "float": "ett tal", "str": "en text"}
# argparse's error messages (Python 3.11 to 3.13) and how they read in Swedish; `argument X: …` is said
# first, then the message inside it.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), swedish)
    for pattern, swedish in (
        (r"the following arguments are required: (?P<names>.*)", "det här saknas: {names}"),
        (r"unrecognized arguments: (?P<names>.*)", "okända argument: {names}"),
        (
            r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
            "ogiltigt val {value} (välj bland {choices})",
        ),
        (r"invalid (?P<kind>\S+) value: (?P<value>.*)", "{value} är inte {kind}"),
        (r"expected one argument", "ett värde saknas"),
        (r"expected at most one argument", "tar högst ett värde"),
        (r"expected at least one argument", "kräver minst ett värde"),
        (r"expected (?P<count>\d+) arguments?", "kräver {count} värden"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "{option} kan vara flera: {matches}"),
        (r"not allowed with argument (?P<other>.*)", "går inte att ange tillsammans med {other}"),
        (r"one of the arguments (?P<names>.*) is required", "ett av argumenten {names} krävs"),
        (r"ignored explicit argument (?P<value>.*)", "tar inget värde (fick {value})"),
        (r"unexpected option string: (?P<option>.*)", "oväntad flagga {option}"),
        (r"can't open '(?P<file>.*)': (?P<error>.*)", "kan inte öppna {file} ({error})"),
    )
)
_ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)", re.DOTALL)


def swedish_error(message: str) -> str:
    """One of argparse's error messages in Swedish (an unknown one is kept, after a Swedish lead)."""
    argument = _ARGUMENT.fullmatch(message)
    if argument:
        return f"{argument['name']}: {swedish_error(argument['message'])}"
    for pattern, swedish in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            values = found.groupdict()
            if "kind" in values:
                values["kind"] = _KINDS.get(values["kind"], f"av typen {values['kind']}")
            return swedish.format(**values)
    return f"felaktigt anrop ({message})"


class SwedishHelpFormatter(argparse.HelpFormatter):
    """argparse's help with "användning:" and Swedish section headings."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        # prefix "" (argparse's own, for a subcommand's prog) is kept; only the default is said in Swedish.
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)

    def start_section(self, heading) -> None:
        super().start_section(_HEADINGS.get(heading, heading))


class SwedishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser (and its subcommands' parsers) whose help and usage errors are in Swedish.

    A flag must be spelled out: argparse would take `--k 2` for `--kind 2` and answer with a filter nobody asked for.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", SwedishHelpFormatter)
        kwargs.setdefault("allow_abbrev", False)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_TEXT)

    def error(self, message: str) -> NoReturn:
        """Usage, then "<prog>: fel: <the message in Swedish>" and where the help is; exit code 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {swedish_error(message)}\nSe {self.prog} --help.\n")
