"""The one stylesheet, ``studydeck.tcss``, read in parts so that start-up parses only home's.

Parsing all of it cost home's first paint ~10 ms (a third of the app's CSS). A part starts at a
line ``/* screen: NAME */``; NAME is a screen's ``SCOPE``. The rules before the first part are
the app's. Each part is added to the app's stylesheet as its screen is first pushed, as user CSS
(like ``CSS_PATH``): Textual parses a new source alone and styles the new screen's widgets with
it, where a screen's own ``CSS_PATH`` would re-parse every source and restyle every screen.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from textual.app import App
from textual.screen import Screen

STYLESHEET = Path(__file__).with_name("studydeck.tcss")
APP_PART = ""  # the rules before the first screen part
_PART = re.compile(r"^/\* screen: (\w+) \*/$", re.MULTILINE)


@cache
def parts() -> dict[str, str]:
    """Each part's rules by screen scope (``APP_PART``: the app's), in file order."""
    text = STYLESHEET.read_text(encoding="utf-8")
    pieces = _PART.split(text)  # [app rules, name, rules, name, rules, …]
    found = {APP_PART: pieces[0]}
    for name, rules in zip(pieces[1::2], pieces[2::2], strict=True):
        found[name] = rules
    return found


def add_styles_for(app: App, screen: Screen) -> None:
    """Give ``app`` the app's rules and ``screen``'s part, unless it has them already."""
    scope = getattr(screen, "SCOPE", None)
    for name in (APP_PART, scope):
        rules = parts().get(name) if name is not None else None
        read_from = (str(STYLESHEET), f"screen: {name}" if name else "app")
        if rules and not app.stylesheet.has_source(*read_from):
            app.stylesheet.add_source(rules, read_from=read_from)
