"""Command-line parsing: no option is ever guessed from a prefix."""

import argparse

import pytest

from studydeck.cli import build_parser, run_command


def all_parsers(parser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from all_parsers(sub)


def test_an_unknown_option_is_not_read_as_a_longer_one(env, capsys):
    # `status` has no --deck; with prefix matching it was taken for --decks (a folder).
    with pytest.raises(SystemExit) as exit_:
        run_command(["status", "--deck", "transformers"], env)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith("unrecognized arguments: --deck transformers\n")


@pytest.mark.parametrize("argv", [["status", "--data", "d"], ["quiz", "--cr"], ["study", "--pl"]])
def test_abbreviations_are_usage_errors(env, capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        run_command(argv, env)
    assert exit_.value.code == 2
    assert f"unrecognized arguments: {' '.join(argv[1:])}\n" in capsys.readouterr().err


def test_every_parser_refuses_abbreviations():
    parsers = list(all_parsers(build_parser()))
    assert len(parsers) > 10  # the top level, each command and each export/import format
    assert [p.prog for p in parsers if p.allow_abbrev] == []


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["status", "--json"], "status"),
        (["--decks", "status", "study"], "study"),  # "status" is --decks' value here
        (["--data-dir=x", "sync", "login"], "sync"),
        (["--help"], None),
        (["--version"], None),
        (["bogus"], None),
        ([], None),
    ],
)
def test_the_command_is_found_before_parsing_so_only_its_parser_is_built(argv, named):
    from studydeck.cli import _command_named

    assert _command_named(argv) == named


def test_a_parser_with_one_command_parses_it_as_the_full_one_does():
    from studydeck.cli import build_parser

    argv = ["--decks", "d", "quiz", "--deck", "x", "-n", "5", "--plain", "--data-dir", "e"]
    assert vars(build_parser("quiz").parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    ("argv", "bare"),
    [
        ([], True),
        (["--data-dir", "e", "--decks=d"], True),  # what launches the study UI
        (["--data-dir"], False),  # a value missing: argparse's error, with its full usage
        (["--help"], False),
        (["status"], False),
    ],
)
def test_global_options_alone_need_no_command_parsers(argv, bare):
    from studydeck.cli import _only_global_options

    assert _only_global_options(argv) is bare
    if bare:
        assert vars(build_parser(bare=True).parse_args(argv)) == vars(
            build_parser().parse_args(argv)
        )


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--json"],
        ["--decks", "d", "status", "--json", "--data-dir", "e"],
        ["--decks", "status", "status"],  # "status" is --decks' value, then the command
        ["--config", "c.toml", "status", "--config", "later.toml"],  # the later one wins
        ["status", "--json", "--json"],
    ],
)
def test_a_plain_status_is_read_as_argparse_reads_it(argv):
    from studydeck.cli import plain_status_args

    assert vars(plain_status_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--json", "status"],  # --json belongs to status: argparse refuses it before
        ["status", "--help"],
        ["status", "-h"],
        ["status", "--jso"],
        ["status", "--deck", "x"],
        ["status", "status"],
        ["status", "--decks"],
        ["status", "--decks", "--json"],
        ["status", "--decks="],
        ["--decks=d", "status"],
        ["status", "--", "--json"],
        ["study"],
    ],
)
def test_anything_but_a_plain_status_is_left_to_argparse(argv):
    from studydeck.cli import plain_status_args

    assert plain_status_args(argv) is None
