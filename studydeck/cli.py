"""Command line: parse arguments, build the Environment, hand off to ``studydeck.commands``.

Command modules are imported only when their command runs, so ``studydeck --help`` and the
non-TUI commands never pay for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from studydeck import __version__
from studydeck.errors import StudydeckError

PROG = "studydeck"


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options accepted before or after the subcommand (the later one wins)."""
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("where things live")
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="review state folder (env STUDYDECK_DATA_DIR; default: the user data dir)",
    )
    group.add_argument(
        "--decks",
        metavar="DIR",
        default=default,
        help="deck folder (env STUDYDECK_DECKS; default: ./decks if present, else DATA_DIR/decks)",
    )
    group.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="config file (env STUDYDECK_CONFIG; default: config.toml in the user config dir)",
    )


def _command(sub, name: str, handler: str, help: str, description: str | None = None):
    parser = sub.add_parser(
        name,
        help=help,
        description=description or help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(parser, suppress=True)
    parser.set_defaults(handler=handler)
    return parser


def _add_build(sub) -> None:
    p = _command(
        sub,
        "build",
        "studydeck.commands.build:run",
        "turn markdown paper notes into decks",
        "Turn markdown paper notes into question-answer decks, one deck per note\n"
        "(<note stem>.yaml). Rebuilding keeps card ids, so review history survives\n"
        "edits of the notes; cards whose item disappears are archived, not deleted.",
    )
    p.add_argument("notes", nargs="+", metavar="NOTES.md", help="markdown note files")
    p.add_argument(
        "-o",
        "--output",
        metavar="DECKS_DIR",
        help="where to write the decks (default: the deck folder, see --decks)",
    )
    p.add_argument(
        "--report",
        action="store_true",
        help="print, per note, cards made per rule and every rejected candidate with its reason",
    )


def _add_check(sub) -> None:
    p = _command(
        sub,
        "check",
        "studydeck.commands.check:run",
        "validate deck files",
        "Validate deck files; print each fault as file:line: message.\n"
        "Exit status 1 when any deck has a fault.",
    )
    p.add_argument(
        "decks_to_check",
        nargs="*",
        metavar="DECK.yaml",
        help="deck files (default: every deck in the deck folder)",
    )


COMMANDS = (_add_build, _add_check)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Spaced-repetition study and quizzes from your research-paper notes.",
        epilog=f"Run '{PROG} COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            parser.print_help()
            return 0
        handler = "studydeck.commands.tui:run"  # no command in a terminal: the study UI
    from studydeck.environment import Environment

    env = Environment.from_options(args.data_dir, args.decks, args.config)
    module_name, _, func_name = handler.partition(":")
    run = getattr(importlib.import_module(module_name), func_name)
    try:
        return int(run(args, env) or 0)
    except StudydeckError as exc:
        env.warn(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        env.warn("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 141


if __name__ == "__main__":
    raise SystemExit(main())
