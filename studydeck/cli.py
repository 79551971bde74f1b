"""Command line: parse arguments, build the Environment, hand off to ``studydeck.commands``.

Command modules are imported only when their command runs, so ``studydeck --help`` and the
non-TUI commands never pay for Textual. ``status`` in its plain forms (what prompts and status
bars run, often) does not even import argparse: see :mod:`studydeck.status_args`.
"""

from __future__ import annotations

import gc
import importlib
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studydeck import __version__
from studydeck.errors import StudydeckError
from studydeck.status_args import VALUED_OPTIONS as _VALUED
from studydeck.status_args import plain_status_args

if TYPE_CHECKING:
    import argparse

    from studydeck.environment import Environment

PROG = "studydeck"


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options accepted before or after the subcommand (the later one wins)."""
    import argparse  # here and below: not imported at all for a plain ``status``

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


def _positive_int(text: str) -> int:
    """An argparse ``type=``: a bad count is a usage error (exit 2), like any bad option."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def _command(sub, name: str, handler: str, help: str, description: str | None = None):
    import argparse

    parser = sub.add_parser(
        name,
        help=help,
        description=description or help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,  # `status --deck x` must not be read as `--decks x`
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
        "edits of the notes; cards whose item disappears are archived, not deleted.\n"
        "A folder builds every note under it (deck papers/x from papers/x.md), and\n"
        "rebuilds only the notes that changed.",
    )
    p.add_argument(
        "notes",
        nargs="+",
        metavar="NOTES.md|DIR",
        help="markdown note files, or folders of notes (hidden and tool folders skipped)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="rebuild a folder's notes even when unchanged since the last build",
    )
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
    p.add_argument(
        "--with",
        dest="with_",
        action="append",
        choices=["metadata"],
        default=[],
        help="also make metadata cards: authors and year, venue, study type, section "
        "(off by default: they ask how a paper is filed, not what it says)",
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


def _add_export(sub) -> None:
    p = _command(
        sub,
        "export",
        "studydeck.commands.export:run",
        "export cards to Anki (.apkg with progress, or TSV)",
        "Export cards to Anki. 'export anki' writes a package with your progress (due dates,\n"
        "FSRS memory state, review history; needs pip install 'studydeck[anki]');\n"
        "'export tsv' writes Anki's text-import format (no scheduling).",
    )
    kinds = p.add_subparsers(title="formats", dest="format", metavar="FORMAT", required=True)
    handler = "studydeck.commands.export:run"
    anki = _command(
        kinds,
        "anki",
        handler,
        "write an Anki package (.apkg) with scheduling and review history",
        "Write an Anki package: one note per card (GUID = card id) in decks\n"
        "studydeck::<deck>, keeping due dates, FSRS memory state, suspended cards and\n"
        "every review. Re-importing a newer export updates the notes in place.",
    )
    anki.add_argument("out", metavar="OUT.apkg", help="package to write")
    anki.add_argument(
        "--no-scheduling", action="store_true", help="export every card as new, without history"
    )
    tsv = _command(
        kinds,
        "tsv",
        handler,
        "write Anki's text-import format (no scheduling)",
        "Write a tab-separated file with Anki's header lines (notetype Basic, deck,\n"
        "tags and GUID columns), importable by any Anki through File › Import.",
    )
    tsv.add_argument("out", metavar="OUT.txt", help="file to write")
    for parser in (anki, tsv):
        parser.add_argument(
            "--deck",
            action="append",
            metavar="NAME",
            help="export only this deck; repeat for more (default: all)",
        )


def _add_import(sub) -> None:
    p = _command(
        sub,
        "import",
        "studydeck.commands.import_anki:run",
        "import cards and review history from Anki",
        "Import cards from another tool. 'import anki' reads an Anki package.",
    )
    kinds = p.add_subparsers(title="formats", dest="format", metavar="FORMAT", required=True)
    anki = _command(
        kinds,
        "anki",
        "studydeck.commands.import_anki:run",
        "read an Anki package (.apkg) into deck files and the review log",
        "Read an Anki package into one deck file per Anki deck (first field → question,\n"
        "second → answer, one card per cloze) and its review history into the review\n"
        "log, so FSRS state is rebuilt from it. Needs pip install 'studydeck[anki]'.",
    )
    anki.add_argument("package", metavar="IN.apkg", help="Anki package to read")
    anki.add_argument(
        "-o",
        "--output",
        metavar="DECKS_DIR",
        help="where to write the decks (default: the deck folder; history is imported only there)",
    )
    anki.add_argument(
        "--force",
        action="store_true",
        help="replace a deck file of the same name (its archived cards and the cards the "
        "package lacks are kept as archived)",
    )


def _add_status(sub) -> None:
    p = _command(
        sub,
        "status",
        "studydeck.commands.status:run",
        "show what is due, per deck",
        "Per deck: new cards today's session would introduce (daily limit applied), learning\n"
        "cards due today, reviews due today (limit applied), total cards, suspended cards, next\n"
        "due time; then the number of reviews done today.",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"decks": [{"deck", "new", "learning", "due", "total", ...}], '
        '"reviewed_today": N}',
    )


def _add_study(sub) -> None:
    p = _command(
        sub,
        "study",
        "studydeck.commands.study:run",
        "review the cards due today",
        "Review today's cards: learning steps due, then due reviews (most overdue first),\n"
        "then new cards in deck order. --plain runs line by line (pipes, scripts, screen\n"
        "readers): Enter shows the answer (or type yours first), then 1-4 or\n"
        "again/hard/good/easy. Commands start with a colon, as in quiz --plain: :u undoes\n"
        "the last answer, :s skips, :q quits (a bare q only gets a hint).\n"
        "Each answer is saved before 'recorded: ID RATING due TIME' is printed.",
    )
    p.add_argument("--plain", action="store_true", help="line-by-line session (no full screen)")
    p.add_argument("--deck", metavar="NAME", help="study only this deck")


def _add_suspend(sub) -> None:
    p = _command(
        sub, "suspend", "studydeck.commands.suspend:run", "keep cards out of study sessions"
    )
    p.add_argument("ids", nargs="+", metavar="ID", help="card ids")


def _add_unsuspend(sub) -> None:
    p = _command(
        sub, "unsuspend", "studydeck.commands.unsuspend:run", "let suspended cards back in"
    )
    p.add_argument("ids", nargs="+", metavar="ID", help="card ids")


def _add_unbury(sub) -> None:
    p = _command(
        sub,
        "unbury",
        "studydeck.commands.unbury:run",
        "bring back cards buried until tomorrow",
        "Answering a card buries its siblings (the other cards from the same note item) until\n"
        "the next study day, like Anki; `b` in the study screen buries a card by hand. This\n"
        "brings them back today, in every deck or in one.",
    )
    p.add_argument("--deck", metavar="NAME", help="only this deck")


def _add_forget(sub) -> None:
    p = _command(
        sub,
        "forget",
        "studydeck.commands.forget:run",
        "reset cards to new, keeping their review history",
    )
    p.add_argument("ids", nargs="+", metavar="ID", help="card ids")


def _add_quiz(sub) -> None:
    p = _command(
        sub,
        "quiz",
        "studydeck.commands.quiz:run",
        "quiz yourself: typed answers or multiple choice",
        "Quiz on a deck: type the answer (graded with fuzzy matching; you may override\n"
        "the grade) or pick one of four options. Answers update the schedule like\n"
        "reviews, unless --cram. Due cards come first, then the rest of the deck.\n"
        "--plain: commands start with a colon (:s skip, :u undo, :q quit), so an answer\n"
        "'q' is graded as an answer.",
    )
    p.add_argument("--deck", metavar="NAME", help="quiz on one deck (default: all decks)")
    p.add_argument(
        "--mode",
        choices=("typed", "choice", "mixed"),
        default="typed",
        help="typed answers, four-option choice, or a mix (default: typed)",
    )
    p.add_argument(
        "-n", dest="number", type=_positive_int, default=20, metavar="N", help="questions (20)"
    )
    p.add_argument(
        "--cram", action="store_true", help="practice only: never changes the schedule or the log"
    )
    p.add_argument("--plain", action="store_true", help="line by line, no full-screen view")


def _add_stats(sub) -> None:
    p = _command(
        sub,
        "stats",
        "studydeck.commands.stats:run",
        "review statistics: activity, retention, forecast",
        "Reviews per day (last 90 days) with a calendar heatmap, true retention of mature\n"
        "cards per week against your desired retention, due cards for the next 30 days,\n"
        "cards by state and the average probability of recall now.",
    )
    p.add_argument("--deck", metavar="NAME", help="one deck (default: all decks)")
    p.add_argument("--json", action="store_true", help="the same numbers as JSON")


def _add_optimize(sub) -> None:
    p = _command(
        sub,
        "optimize",
        "studydeck.commands.optimize:run",
        "fit FSRS parameters to your review history",
        "Fit the FSRS parameters to your review log (fsrs-rs, Anki's optimizer) and compare\n"
        "log-loss and RMSE of the current and the fitted parameters on the same history.\n"
        "--apply saves them to the config and reschedules every card by replaying its log.",
    )
    p.add_argument("--deck", metavar="NAME", help="fit on one deck's reviews only")
    p.add_argument(
        "--apply", action="store_true", help="save the fitted parameters and reschedule cards"
    )


def _add_sync(sub) -> None:
    p = _command(
        sub,
        "sync",
        "studydeck.commands.sync:run",
        "sync reviews both ways with Anki (your phone) through a sync server",
        "Two-way sync of cards and reviews with Anki through Anki's sync server (self-hosted\n"
        "`python -m anki.syncserver`, or AnkiWeb). Reviews made on either side end up on\n"
        "both; deck files stay the truth for card content. Log in first:\n"
        "'studydeck sync login'. Needs pip install 'studydeck[anki]'.",
    )
    p.add_argument(
        "--full",
        choices=("upload", "download"),
        help="replace the server's collection with studydeck's (upload) or studydeck's copy "
        "with the server's (download); what is replaced is backed up first",
    )
    actions = p.add_subparsers(title="actions", dest="action", metavar="ACTION")
    login = _command(
        actions,
        "login",
        "studydeck.commands.sync:run",
        "log in to the sync server (saves only Anki's host key, mode 0600)",
        "Log in to the sync server. The password comes from $STUDYDECK_SYNC_PASSWORD or a\n"
        "prompt and is never saved: only the host key and the endpoint are (mode 0600).",
    )
    login.add_argument(
        "--endpoint",
        metavar="URL",
        help="sync server URL (default http://127.0.0.1:8080/; 'ankiweb' for AnkiWeb)",
    )
    login.add_argument("--user", metavar="NAME", help="user name (asked when not given)")
    _command(actions, "logout", "studydeck.commands.sync:run", "forget the saved host key")


COMMANDS = (
    _add_build,
    _add_check,
    _add_status,
    _add_study,
    _add_suspend,
    _add_unsuspend,
    _add_unbury,
    _add_forget,
    _add_export,
    _add_import,
    _add_quiz,
    _add_stats,
    _add_optimize,
    _add_sync,
)


_BY_NAME = {add.__name__.removeprefix("_add_"): add for add in COMMANDS}


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when it is plain to see: the first word that is no option
    nor an option's value. ``None`` for ``--help``, ``--version`` or anything unusual."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif word.startswith(tuple(f"{o}=" for o in _VALUED)):
            continue
        elif word.startswith("-"):
            return None
        else:
            return word if word in _BY_NAME else None
    return None


def build_parser(only: str | None = None, *, bare: bool = False) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: with just that command's subparser (building all
    fourteen costs ~20 ms of every start-up; the result of parsing that command is the same);
    ``bare``: with none, for a command line of global options alone (the study UI's launch)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Spaced-repetition study and quizzes from your research-paper notes.",
        epilog=f"Run '{PROG} COMMAND --help' for a command's options.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in () if bare else (_BY_NAME[only],) if only in _BY_NAME else COMMANDS:
        add(sub)
    return parser


def _only_global_options(argv: Sequence[str]) -> bool:
    """``argv`` is global options and their values and nothing else (no command, no help)."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            if next(words, None) is None:
                return False
        elif not word.startswith(tuple(f"{o}=" for o in _VALUED)):
            return False
    return True


def _parse(argv: Sequence[str]) -> tuple[argparse.ArgumentParser | None, Any]:
    """The parsed arguments (and the parser, when one was built)."""
    args = plain_status_args(argv)
    if args is not None:
        return None, args
    parser = build_parser(_command_named(argv), bare=_only_global_options(argv))
    return parser, parser.parse_args(argv)


def command(handler: str) -> Callable[[argparse.Namespace, Environment], int | None]:
    """The ``run`` function a parsed command names (``"module:function"``), imported now."""
    module_name, _, func_name = handler.partition(":")
    return getattr(importlib.import_module(module_name), func_name)


def run_command(argv: Sequence[str], env: Environment) -> int:
    """Parse ``argv`` and run its command in ``env`` (no error handling: for tests and scripts)."""
    _, args = _parse(argv)
    return int(command(args.handler)(args, env) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up allocates thousands of containers and none is cyclic garbage: the collector's
    # passes over them were ~3 ms of a 30 ms ``status``. Paused until the command's module is
    # imported; a plain status, over by then in all but its query, runs without it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None, collecting: bool) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser, args = _parse(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        assert parser is not None  # a plain status names its handler
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            build_parser().print_help()  # every command listed (parsing needed none)
            return 0
        handler = "studydeck.commands.tui:run"  # no command in a terminal: the study UI
    from studydeck.environment import Environment

    env = Environment.from_options(args.data_dir, args.decks, args.config)
    run = command(handler)
    if collecting and parser is not None:
        gc.enable()  # any command but a plain status: long enough for cycles to matter
    try:
        _require_named_config(args.config, env.config_path)
        if env.data_dir.exists() and not env.data_dir.is_dir():
            raise StudydeckError(
                f"cannot open the review state: {env.data_dir} is a file, not a folder"
            )
        return int(run(args, env) or 0)
    except StudydeckError as exc:
        env.warn(f"error: {exc}")
        return 1
    except sqlite3.Error as exc:  # last resort: a database fault is never a traceback
        env.warn(f"error: {env.data_dir / 'studydeck.db'}: database error: {exc}")
        return 1
    except KeyboardInterrupt:
        env.warn("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 141


def _require_named_config(option: str | None, path: Path) -> None:
    """A config file named by --config or $STUDYDECK_CONFIG must exist (the default may not)."""
    named_by = (
        "--config" if option else "STUDYDECK_CONFIG" if os.environ.get("STUDYDECK_CONFIG") else None
    )
    if named_by and not path.exists():
        raise StudydeckError(f"{path}: no such config file (named by {named_by})")


if __name__ == "__main__":
    raise SystemExit(main())
