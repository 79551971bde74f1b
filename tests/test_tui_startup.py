"""Start-up: the home screen paints at once and the deck sync runs in a worker behind it."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC

import pytest
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
