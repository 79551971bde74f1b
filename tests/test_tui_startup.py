"""Start-up: the home screen paints at once and the deck sync runs in a worker behind it."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import threading
from datetime import UTC

import pytest
from textual import events
from textual.widgets import DataTable
from tui_helpers import Ticker, cards, screen_text, write_deck

from studydeck.errors import StudydeckError
from studydeck.store import Store
from studydeck.tui.app import StudydeckApp
from studydeck.tui.backend import Backend
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.study import StudyScreen


def unsynced_app(env, **options) -> StudydeckApp:
    """The app as ``studydeck`` opens it: the store open, the decks not yet read."""
    return StudydeckApp(Backend(env, tz=UTC, sync=False), monotonic=Ticker(), **options)


@pytest.fixture
def gated_sync(monkeypatch):
    """A sync that stops after announcing its first deck file until the test releases it, like
    a first sync of a large collection that takes seconds."""
    announced, release = threading.Event(), threading.Event()
    original = Store.sync_decks

    def slow_sync(self, folder, progress=None):
        def gated(done, total, what):
            progress(done, total, what)
            announced.set()
            release.wait(timeout=10)

        return original(self, folder, gated)

    monkeypatch.setattr(Store, "sync_decks", slow_sync)
    yield announced, release
    release.set()  # never leave the worker thread waiting when a test fails


async def wait_for(pilot, predicate, what: str) -> None:
    for _ in range(200):
        if predicate():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"{what} never happened; screen:\n{screen_text(pilot.app)}")


async def test_home_paints_while_the_decks_are_read_then_the_table_fills(env, gated_sync):
    announced, release = gated_sync
    write_deck(env, "alpha", cards(3, prefix="a"))
    write_deck(env, "beta", cards(2, prefix="b"))
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, announced.is_set, "the first progress report")
        await wait_for(pilot, lambda: "Reading decks 1/2" in screen_text(app), "the status line")
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.loading and table.row_count == 0
        text = screen_text(app)
        assert "Reading decks 1/2 alpha.yaml" in text and "Next due" not in text

        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not table.loading and table.row_count == 2
        text = screen_text(app)
        assert "alpha" in text and "beta" in text and "5 to study now" in text
        assert "Reading decks" not in text
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert "Question 0?" in screen_text(app)


async def test_enter_pressed_while_the_decks_are_read_studies_the_first_deck_once_read(
    env, gated_sync
):
    """Issue 14: the deck's name shows in the status line before the table fills; an Enter
    pressed then is kept, said so, and run when the sync ends."""
    _, release = gated_sync
    write_deck(env, "alpha", cards(3, prefix="a"))
    write_deck(env, "beta", cards(2, prefix="b"))
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "alpha.yaml" in screen_text(app), "the deck's name")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "still reading decks: Study starts when they are ready" in screen_text(app)

        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), "the study screen")
        await pilot.pause()
        assert app.screen.deck_title == "alpha"
        assert "Question 0?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the kept key ran once, not again


async def test_the_last_key_pressed_while_the_decks_are_read_is_the_one_run(env, gated_sync):
    announced, release = gated_sync
    write_deck(env, "alpha", cards(1, prefix="a"))
    write_deck(env, "beta", cards(1, prefix="b"))
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, announced.is_set, "the first progress report")
        await pilot.press("s", "enter", "a")
        await pilot.pause()
        assert "Study all starts when they are ready" in screen_text(app)
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), "the study screen")
        assert app.screen.deck_title == "All decks"
        assert app.screen_stack[1:-1] == [app.home]  # nothing else was opened


async def test_a_key_kept_during_the_sync_gives_way_to_study_now(env, gated_sync):
    announced, release = gated_sync
    write_deck(env, "alpha", cards(2, prefix="a"))
    app = unsynced_app(env, study_now=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, announced.is_set, "the first progress report")
        await pilot.press("s")
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), "the study screen")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen) and len(app.screen_stack) == 3


async def test_a_failed_sync_is_a_notification_and_the_app_stays_usable(env, monkeypatch):
    write_deck(env, "alpha", cards(2, prefix="a"))
    with Store.open(env.data_dir) as store:  # what an earlier run left in the store
        store.sync_decks(env.decks_dir)
    write_deck(env, "beta", cards(1, prefix="b"))  # a changed folder: the worker must sync

    def broken_sync(self, folder, progress=None):
        raise StudydeckError("deck folder [bold]unreadable[/bold] [@click=app.quit]x[/]")

    monkeypatch.setattr(Store, "sync_decks", broken_sync)
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = list(app._notifications)
        assert note.severity == "error" and not note.markup
        assert note.message == (
            "Could not read the decks: deck folder [bold]unreadable[/bold] [@click=app.quit]x[/]"
        )
        assert app.screen.query_one(DataTable).row_count == 1  # the last good sync's decks
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)


async def test_sync_problems_are_notified_once_the_worker_is_done(env):
    write_deck(env, "alpha", cards(1, prefix="a"))
    write_deck(env, "dup", cards(1, prefix="a"))  # clashes with alpha's id
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [n for n in app._notifications if n.title == "Deck skipped"]
        assert notes and all(not n.markup for n in notes)
        assert "a0" in notes[0].message


async def test_study_deck_opens_the_deck_once_the_sync_is_done(env):
    write_deck(env, "alpha", cards(2, prefix="a"))
    app = unsynced_app(env, deck="alpha", study_now=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert "Question 0?" in screen_text(app)


async def test_a_named_deck_gone_in_the_sync_ends_the_app_with_the_error(env):
    write_deck(env, "alpha", cards(1, prefix="a"))
    app = unsynced_app(env, deck="gone", study_now=True)
    async with app.run_test(size=(100, 30)):
        for _ in range(200):  # the app exits on its own: no pilot keys once it has
            if app.startup_error is not None:
                break
            await asyncio.sleep(0.01)
    assert app.return_code == 1
    assert isinstance(app.startup_error, StudydeckError)
    assert "no deck named 'gone'" in str(app.startup_error)


async def test_enter_kept_during_a_sync_that_finds_no_decks_is_answered(env, gated_sync):
    announced, release = gated_sync
    env.decks_dir.mkdir(parents=True)
    (env.decks_dir / "broken.yaml").write_text("format: studydeck/1\ncards: [\n", encoding="utf-8")
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, announced.is_set, "the first progress report")
        await pilot.press("enter")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert "Study: there is no deck to study." in messages, messages


async def test_the_cursor_starts_on_the_first_deck_with_cards_to_study(env):
    """A first deck with nothing to study (a note of titles only) does not make the first
    Enter do nothing: the cursor starts on the first deck that has cards."""
    write_deck(env, "alpha", [])
    write_deck(env, "beta", cards(2, prefix="b"))
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 2
        assert app.screen.selected_deck() == "beta"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StudyScreen), "the study screen")
        assert app.screen.deck_title == "beta"


# ── a warm start: no deck file changed since the last sync ──────────────────────


@pytest.fixture
def no_full_sync(monkeypatch):
    """Fails a test whose app runs the full sync (parsing deck files) at all."""

    def full_sync(self, folder, progress=None):
        raise AssertionError("a warm start runs no full sync")

    monkeypatch.setattr(Store, "sync_decks", full_sync)


def synced_earlier(env) -> None:
    with Store.open(env.data_dir) as store:  # what an earlier run left in the store
        store.sync_decks(env.decks_dir)


async def test_a_warm_start_paints_the_counts_at_once_without_a_sync_worker(env, request):
    write_deck(env, "alpha", cards(3, prefix="a"))
    synced_earlier(env)
    request.getfixturevalue("no_full_sync")
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert app.decks_ready and not table.loading and table.row_count == 1
        assert "3 to study now" in screen_text(app)
        assert "Reading decks" not in screen_text(app)
        assert [w for w in app.workers if w.group == "sync"] == []
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)


async def test_a_warm_start_sends_all_of_home_in_its_first_frame(env, request):
    """The first frame the terminal gets is the whole of home: counts and footer keys, not a
    part of it (a frame Textual drew while it held paints was dropped; a footer's keys came a
    frame late)."""
    write_deck(env, "alpha", cards(3, prefix="a"))
    synced_earlier(env)
    request.getfixturevalue("no_full_sync")
    app = unsynced_app(env)
    frames: list[tuple[str, str]] = []  # (kind of update, the screen) as the terminal gets it
    display = app._display

    def first_frame(screen, renderable) -> None:
        if renderable is not None and not app._batch_count and not frames:
            frames.append((type(renderable).__name__, screen_text(app)))
        display(screen, renderable)

    app._display = first_frame
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [(kind, text)] = frames
    assert kind == "LayoutUpdate"  # the whole screen, not the changed parts
    assert "Next due" in text and "alpha" in text and "3 to study now" in text
    assert "Study all" in text and "Quit" in text  # the footer's keys


async def test_a_key_typed_ahead_of_the_first_paint_goes_to_home(env, request):
    """Home opens after the app's mount (so that its first frame is painted), yet before any
    key the terminal gave: a key read while the app was mounting still studies."""
    write_deck(env, "alpha", cards(3, prefix="a"))
    synced_earlier(env)
    request.getfixturevalue("no_full_sync")

    class TypedAhead(StudydeckApp):
        def on_mount(self) -> None:  # runs before StudydeckApp.on_mount
            self.post_message(events.Key("a", "a"))  # as the driver posts a key it read

    app = TypedAhead(Backend(env, tz=UTC, sync=False), monotonic=Ticker())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)


async def test_a_warm_start_notifies_the_problems_the_last_sync_found(env, request):
    write_deck(env, "alpha", cards(1, prefix="a"))
    write_deck(env, "dup", cards(1, prefix="a"))  # clashes with alpha's id
    synced_earlier(env)
    request.getfixturevalue("no_full_sync")
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        notes = [n for n in app._notifications if n.title == "Deck skipped"]
        assert len(notes) == 1 and not notes[0].markup and "a0" in notes[0].message


async def test_a_deck_file_changed_since_the_last_sync_is_read_in_the_worker(env, request):
    write_deck(env, "alpha", cards(1, prefix="a"))
    synced_earlier(env)
    write_deck(env, "alpha", cards(2, prefix="a"))  # edited since
    announced, release = request.getfixturevalue("gated_sync")
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, announced.is_set, "the first progress report")
        assert not app.decks_ready
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 to study now" in screen_text(app)


# ── what the home screen's first paint imports ──────────────────────────────────

# Run in a fresh interpreter, through the CLI as `studydeck` runs in a terminal, with the app
# headless: the modules loaded when home has painted its counts, then after `a` opened study.
PROBE = """
import asyncio, gc, json, sys
from studydeck.tui.app import StudydeckApp
from studydeck.tui.screens.home import HomeScreen

seen = {}
home_mounted = HomeScreen.on_mount

def on_mount(self):
    seen["gc while starting"] = gc.isenabled()
    home_mounted(self)

HomeScreen.on_mount = on_mount

def headless_run(self, *args, **kwargs):
    async def drive():
        async with self.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            seen["home"] = sorted(sys.modules)
            seen["gc once painted"] = gc.isenabled(), gc.get_freeze_count() > 0
            seen["screen"] = "\\n".join(s.text for s in self.screen._compositor.render_strips())
            await pilot.press("a")
            await pilot.pause()
            seen["study"] = sorted(sys.modules)
    asyncio.run(drive())

StudydeckApp.run = headless_run
sys.stdin.isatty = sys.stdout.isatty = lambda: True
from studydeck.cli import main
main([])
print(json.dumps(seen))
"""

# Not needed to paint home: the other screens and what only they use.
NOT_FOR_HOME = (
    "fsrs",
    "rapidfuzz",
    "anki",
    "flatlatex",
    "yaml",  # a warm start parses no deck file
    "studydeck.schedule",
    "studydeck.session",
    "studydeck.grading",
    "studydeck.quiz",
    "studydeck.stats",
    "studydeck.charts",
    "studydeck.mathtext",
    "studydeck.deck",
    "studydeck.anki",
    "studydeck.tui.launch",
    "studydeck.tui.editor",
    "studydeck.tui.screens.study",
    "studydeck.tui.screens.summary",
    "studydeck.tui.screens.help",
    "studydeck.tui.screens.quiz",
    "studydeck.tui.screens.stats",
    "studydeck.tui.widgets",
    "rich._emoji_codes",  # column labels are Text, not markup
)


def loaded(modules: list[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules for n in names if m == n or m.startswith(f"{n}.")}


def test_the_home_screen_paints_without_the_study_screens_fsrs_or_anki(env):
    write_deck(env, "alpha", cards(3, prefix="a"))
    synced_earlier(env)
    variables = {
        "STUDYDECK_DATA_DIR": str(env.data_dir),
        "STUDYDECK_DECKS": str(env.decks_dir),
        "STUDYDECK_CONFIG": str(env.config_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert "3 to study now" in seen["screen"]
    assert loaded(seen["home"], NOT_FOR_HOME) == set()
    # The probe sees them once they are used: studying loads the study screen and fsrs.
    assert {"fsrs", "studydeck.tui.screens.study"} <= loaded(seen["study"], NOT_FOR_HOME)
    # No garbage collection while starting; once home has painted, on, start-up frozen.
    assert seen["gc while starting"] is False
    assert seen["gc once painted"] == [True, True]


async def test_an_app_started_without_the_launch_leaves_the_collector_alone(env):
    write_deck(env, "alpha", cards(1, prefix="a"))
    frozen = gc.get_freeze_count()
    app = unsynced_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() == frozen


# yaml-rs 0.1.6 (the deck parser's fast path) crashes the process when it is called after the
# thread that imported it has ended. A worker runs in the event loop's executor, whose threads
# end with the app: a fresh interpreter (nothing imported the parser before) runs the app three
# times, each reading a changed deck file in a worker, then reads one more on the main thread.
APPS_IN_TURN = """
import asyncio, sys
from pathlib import Path
from studydeck.deck import Card, Deck, save_deck
from studydeck.environment import Environment
from studydeck.store import Store
from studydeck.tui.app import StudydeckApp
from studydeck.tui.backend import Backend

data, decks, config = map(Path, sys.argv[1:])
env = Environment(data_dir=data, decks_dir=decks, config_path=config)

def write(n):
    cards = [Card(f"a{i}", f"Question {i}?", f"Answer {i}") for i in range(n)]
    save_deck(Deck("alpha", cards=cards), env.decks_dir / "alpha.yaml")

async def study_app():
    app = StudydeckApp(Backend(env, sync=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.decks_ready and app.backend.problems == [], app.backend.problems
    app.backend.close()

for n in (1, 2, 3):
    write(n)
    asyncio.run(study_app())
write(4)
with Store.open(env.data_dir) as store:
    store.sync_decks(env.decks_dir)
    print(store.deck_totals())
"""


def test_decks_read_in_workers_of_apps_run_in_turn_do_not_crash_the_process(env):
    env.decks_dir.mkdir(parents=True)
    paths = [str(p) for p in (env.data_dir, env.decks_dir, env.config_path)]
    done = subprocess.run(
        [sys.executable, "-c", APPS_IN_TURN, *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "'total': 4" in done.stdout, done.stdout
