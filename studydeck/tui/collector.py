"""The cyclic garbage collector, held off while the app starts.

Importing Textual and building the home screen makes a few hundred thousand objects and no
garbage to speak of, yet they trigger collections that cost the first paint ~15–40 ms here
(measured: scripts/bench_tui.py). ``pause()`` (the launch calls it before Textual is imported)
turns collection off; ``resume()`` (once home has painted) freezes what start-up made, which
lives as long as the app, so no later collection walks it again, and turns collection back on.
An app started without ``pause()``, as in tests, is left alone.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
