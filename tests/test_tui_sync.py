"""The study UI's Sync command (home's ``y``, the palette): ``studydeck sync`` in a worker, with a
progress line, a summary notification and fresh counts; errors are one notification."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading

import pytest
from conftest import FakeClock
from sync_helpers import PASSWORD, USER, Phone, near_real_time, running_server
from tui_helpers import cards, make_app, screen_text, write_deck

from studydeck.cli import run_command
from studydeck.commands import sync as sync_command
from studydeck.config import Config
from studydeck.schedule import Rating, Scheduler, answer
from studydeck.store import Store
from studydeck.tui.screens.home import HomeScreen
from studydeck.tui.screens.study import StudyScreen

pytestmark = pytest.mark.usefixtures("utc_local_time")


@pytest.fixture
def clock() -> FakeClock:
    return near_real_time()


@pytest.fixture
def server(tmp_path):
    pytest.importorskip("anki.collection")
    with running_server(tmp_path / "server") as running:
        yield running


def log_in(env, server, monkeypatch) -> None:
    monkeypatch.setenv("STUDYDECK_SYNC_PASSWORD", PASSWORD)
    assert run_command(["sync", "login", "--endpoint", server.url, "--user", USER], env) == 0


@pytest.fixture
def gated_step(monkeypatch):
    """The study UI's sync stops at its pull step until the test releases it (a slow sync);
    ``studydeck sync`` (no progress callback) goes through."""
    announced, release = threading.Event(), threading.Event()
    original = sync_command.sync_store

    def gated(*args, progress=None, **kwargs):
        if progress is None:
            return original(*args, **kwargs)

        def step(what: str) -> None:
            progress(what)
            if what == "reading reviews made elsewhere":
                announced.set()
                release.wait(timeout=60)

        return original(*args, progress=step, **kwargs)

    monkeypatch.setattr(sync_command, "sync_store", gated)
    yield announced, release
    release.set()  # never leave the worker waiting when a test fails


def new_count(app, deck: str) -> str:
    return str(app.screen.query_one("#decks").get_row(deck)[1])


def notes(app) -> list:
    return list(app._notifications)


async def test_sync_key_shows_progress_then_a_summary_and_refreshes_the_counts(
    env, clock, server, monkeypatch, tmp_path, gated_step
):
    announced, release = gated_step
    log_in(env, server, monkeypatch)
    write_deck(env, "papers", cards(4))
    assert run_command(["sync"], env) == 0  # first sync: the server gets the cards
    phone = Phone(tmp_path / "phone", server.url)
    try:
        assert phone.sync() == "download"
        with Store.open(env.data_dir) as store:  # c0 reviewed here…
            answer(store, Scheduler(Config()), store.card("c0").num, Rating(3), clock())
        phone.review("c0", 3)  # …and on the phone, which also reviews c1
        phone.review("c1", 4)
        assert phone.sync() == "normal"
    finally:
        phone.close()

    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert new_count(app, "papers") == "3"
        await pilot.press("y")
        await asyncio.to_thread(announced.wait, 60)
        await pilot.pause()
        assert "Sync: reading reviews made elsewhere…" in screen_text(app)
        await pilot.press("y")  # a second sync while one runs: refused, said so
        await pilot.pause()
        assert [n.message for n in notes(app)] == ["A sync is already running."]
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = notes(app)[-1]
        assert done.title == f"Synced with {server.url}" and not done.markup
        assert done.message == "pushed 1 review, pulled 2, 1 card reviewed on both sides merged"
        assert "Sync:" not in screen_text(app)  # the progress line is gone
        assert new_count(app, "papers") == "2"  # c1 was reviewed on the phone
        assert isinstance(app.screen, HomeScreen)
    with Store.open(env.data_dir) as store:
        assert len(store.reviews("c0")) == 2 and len(store.reviews("c1")) == 1


async def test_sync_with_the_server_down_is_one_notification_and_the_app_goes_on(
    env, tmp_path, monkeypatch
):
    pytest.importorskip("anki.collection")
    with running_server(tmp_path / "server") as server:
        log_in(env, server, monkeypatch)
    write_deck(env, "papers", cards(2))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = notes(app)
        assert note.severity == "error" and not note.markup
        assert note.message.startswith(f"Sync failed: cannot reach the sync server {server.url}")
        assert "\n" not in note.message
        assert "Sync:" not in screen_text(app)
        await pilot.press("y")  # the failed sync is over: another may start
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(notes(app)) == 2
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)


async def test_sync_from_the_palette_when_not_logged_in_says_how_to_log_in(env):
    pytest.importorskip("anki.collection")
    write_deck(env, "papers", cards(2))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"sync", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = notes(app)
        assert note.severity == "error"
        assert note.message == "Sync failed: not logged in: run `studydeck sync login` first"
        assert isinstance(app.screen, HomeScreen)


async def test_sync_without_the_anki_extra_names_it(env, monkeypatch):
    for name in [m for m in sys.modules if m == "anki" or m.startswith("anki.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "anki", None)
    write_deck(env, "papers", cards(2))
    app = make_app(env)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = notes(app)
        assert note.message == (
            "Sync failed: syncing with Anki needs Anki's engine: pip install 'studydeck[anki]'"
        )
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)


LAUNCH = """
import asyncio, sys
from studydeck.environment import Environment
from studydeck.tui.app import StudydeckApp
from studydeck.tui.backend import Backend

async def main():
    app = StudydeckApp(Backend(Environment.from_options(None, None, None)))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        print("anki" in sys.modules)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        print("anki" in sys.modules)

asyncio.run(main())
"""


def test_anki_is_imported_when_a_sync_runs_not_when_the_app_starts(env):
    pytest.importorskip("anki.collection")
    write_deck(env, "papers", cards(2))
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "True"], out.stderr


async def test_sync_text_reaches_the_screen_as_text_never_markup(env, monkeypatch):
    """The server's address (in the steps) and error messages are shown verbatim: no markup
    read from them, no live actions, no control characters."""
    from tui_helpers import clickable_actions

    from studydeck.errors import StudydeckError
    from studydeck.tui.backend import Backend

    nasty = "[bold]x[/bold] [@click=app.quit]y[/] \x1b]0;title\x07z"
    shown = threading.Event()
    release = threading.Event()

    def sync_with_anki(self, progress):
        progress(f"syncing with {nasty}")
        shown.set()
        release.wait(timeout=60)
        raise StudydeckError(f"cannot reach the sync server {nasty}")

    monkeypatch.setattr(Backend, "sync_with_anki", sync_with_anki)
    write_deck(env, "papers", cards(2))
    app = make_app(env)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("y")
        await asyncio.to_thread(shown.wait, 60)
        await pilot.pause()
        assert "Sync: syncing with [bold]x[/bold] [@click=app.quit]y[/] ]0;titlez…" in (
            screen_text(app)
        )
        assert clickable_actions(app) == []
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = notes(app)
        assert not note.markup
        assert note.message == (
            "Sync failed: cannot reach the sync server [bold]x[/bold] [@click=app.quit]y[/] "
            "]0;titlez"
        )
        assert isinstance(app.screen, HomeScreen)
