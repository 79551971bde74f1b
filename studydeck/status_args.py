"""The plain forms of ``studydeck status``, read without argparse.

``status`` is what shell prompts and status bars run, again and again; argparse's import, its
own imports (gettext, locale, shutil and the compressors) and building the parser are ~7 ms of
a ~50 ms run. :func:`plain_status_args` reads the plain forms to the very values argparse gives
(``tests/test_cli_options.py`` holds the two together) and leaves anything else to argparse.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

VALUED_OPTIONS = ("--data-dir", "--decks", "--config")  # the global options that take a value
_STATUS = "studydeck.commands.status:run"


def plain_status_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """What argparse makes of ``argv`` when it is a plain ``status``: the word ``status``,
    ``--json`` after it, and ``--data-dir``/``--decks``/``--config`` each followed by its own
    word (``--opt value``) anywhere, the later one winning. ``None`` for anything else (help,
    ``--opt=value``, a value like an option, a typo…), which argparse then parses and judges."""
    values: dict[str, object] = {"data_dir": None, "decks": None, "config": None}
    words = iter(argv)
    seen_command = False
    for word in words:
        if word in VALUED_OPTIONS:
            value = next(words, None)
            if not value or value.startswith("-"):
                return None
            values[word[2:].replace("-", "_")] = value
        elif word == "status" and not seen_command:
            seen_command = True
            values["json"] = False
        elif word == "--json" and seen_command:
            values["json"] = True
        else:
            return None
    return SimpleNamespace(**values, handler=_STATUS) if seen_command else None
