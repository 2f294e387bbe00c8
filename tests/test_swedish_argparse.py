"""The command line's help and usage errors in Swedish (assistant/swedish_argparse.py), with exit code 2."""

from __future__ import annotations

import argparse

import pytest

from assistant import cli
from assistant.swedish_argparse import SwedishArgumentParser, swedish_error

ENGLISH = ("usage", "options", "positional arguments", "show this help", "error", "required", "invalid", "argument ")


def _command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the parser, as the words that call it: (), ("search",), ("api-key", "create") …"""
    paths = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                paths += _command_paths(command, (*path, name))
    return paths


COMMANDS = _command_paths(cli._parser())


def test_the_walk_finds_every_command() -> None:
    assert {("search",), ("ask",), ("serve",), ("api-key", "create"), ("api-key", "revoke")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "assistant")
def test_every_help_is_swedish_and_describes_every_argument(command: tuple[str, ...], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([*command, "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"användning: {' '.join(('assistant', *command))}")
    assert "visa den här hjälpen och avsluta" in shown
    assert "flaggor:" in shown
    assert not [word for word in ENGLISH if word in shown.lower()], shown


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "assistant")
def test_every_argument_has_a_help_text(command: tuple[str, ...]) -> None:
    parser = cli._parser()
    for word in command:
        parser = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[word]
    undescribed = [a.dest for a in parser._actions if not a.help and not isinstance(a, argparse._SubParsersAction)]
    assert undescribed == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "assistant: fel: det här saknas: kommando"),
        (["search"], "assistant search: fel: det här saknas: FRÅGA"),
        (["search", "vård", "-k", "tre"], "assistant search: fel: -k: 'tre' är inte ett heltal"),
        (["search", "vård", "--doc"], "assistant search: fel: --doc: ett värde saknas"),
        (["sök", "vård"], "assistant: fel: kommando: ogiltigt val 'sök' (välj bland 'ingest'"),
        (["ask", "vård", "--okänd"], "assistant: fel: okända argument: --okänd"),
        (["api-key"], "assistant api-key: fel: det här saknas: åtgärd"),
        (["serve", "--port", "åtta"], "assistant serve: fel: --port: 'åtta' är inte ett heltal"),
    ],
)
def test_a_usage_error_is_said_in_swedish_with_the_usage_and_exit_code_2(argv, said: str, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("användning: assistant")
    assert said in err
    assert "Se assistant" in err and "--help." in err
    assert "error" not in err and "usage" not in err


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("the following arguments are required: FRÅGA, NAMN", "det här saknas: FRÅGA, NAMN"),
        ("unrecognized arguments: --x y", "okända argument: --x y"),
        ("argument --folds: invalid int value: '2,5'", "--folds: '2,5' är inte ett heltal"),
        ("argument --vikt: invalid float value: 'x'", "--vikt: 'x' är inte ett tal"),
        ("argument --dag: invalid date value: 'x'", "--dag: 'x' är inte av typen date"),
        ("argument --a: expected at most one argument", "--a: tar högst ett värde"),
        ("argument --a: expected at least one argument", "--a: kräver minst ett värde"),
        ("argument --a: expected 2 arguments", "--a: kräver 2 värden"),
        ("ambiguous option: --e could match --export, --exact", "--e kan vara flera: --export, --exact"),
        ("argument --b: not allowed with argument --a", "--b: går inte att ange tillsammans med --a"),
        ("one of the arguments --a --b is required", "ett av argumenten --a --b krävs"),
        ("argument --force: ignored explicit argument 'ja'", "--force: tar inget värde (fick 'ja')"),
        ("something new in a later Python", "felaktigt anrop (something new in a later Python)"),
    ],
)
def test_argparse_messages_in_swedish(english: str, swedish: str) -> None:
    assert swedish_error(english) == swedish


def test_a_parser_without_help_has_no_help_flag_and_a_subcommands_usage_keeps_its_prog(capsys) -> None:
    parser = SwedishArgumentParser(prog="prov", add_help=False)
    commands = parser.add_subparsers(metavar="kommando")
    commands.add_parser("kör")
    assert "-h" not in parser.format_usage()
    with pytest.raises(SystemExit):
        parser.parse_args(["kör", "--help"])
    assert capsys.readouterr().out.startswith("användning: prov kör [-h]")


def test_an_abbreviated_flag_is_refused_not_taken_for_a_longer_one(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["search", "Lokalt vårdkompetensråd", "--k", "2"])  # not --kind 2
    assert exited.value.code == 2
    assert "okända argument: --k 2" in capsys.readouterr().err
