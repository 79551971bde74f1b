"""``sync_on_exit = true``: once the study UI has closed, ``studydeck sync`` runs and prints one
line (the summary, or why it failed: exit 1); not logged in, a one-line hint."""

from __future__ import annotations

from argparse import Namespace

import pytest
from conftest import FakeClock
from sync_helpers import PASSWORD, USER, Phone, near_real_time, running_server
from tui_helpers import cards, write_deck

from studydeck.cli import run_command
from studydeck.commands import tui
from studydeck.config import Config
from studydeck.errors import StudydeckError
from studydeck.schedule import Rating, Scheduler, answer
from studydeck.store import Store
from studydeck.tui import launch
from studydeck.tui.app import StudydeckApp

pytestmark = pytest.mark.usefixtures("utc_local_time")


@pytest.fixture
def clock() -> FakeClock:
    return near_real_time()


def sync_on_exit(env, on: bool = True) -> None:
    env.config_path.write_text(f"sync_on_exit = {'true' if on else 'false'}\n")


def log_in(env, server, monkeypatch) -> None:
    monkeypatch.setenv("STUDYDECK_SYNC_PASSWORD", PASSWORD)
    assert run_command(["sync", "login", "--endpoint", server.url, "--user", USER], env) == 0


def open_app(env) -> int:
    """``studydeck`` (the study UI), exit code and all."""
    env.stdout.seek(0)
    env.stdout.truncate()
    env.stderr.seek(0)
    env.stderr.truncate()
    return tui.run(Namespace(deck=None, handler="studydeck.commands.tui:run"), env)


@pytest.fixture
def ran(monkeypatch):
    """The app's run, replaced by a session that answers what ``answers`` holds (card ids),
    as a user would before quitting; records that the app ran."""
    runs: list[list[str]] = []

    def run(app, *args, **kwargs):
        runs.append(list(answers))
        with Store.open(app.backend.env.data_dir) as store:
            store.sync_decks(app.backend.env.decks_dir)
            for card_id in answers:
                now = app.backend.env.now()
                answer(store, Scheduler(Config()), store.card(card_id).num, Rating(3), now)

    answers: list[str] = []
    monkeypatch.setattr(StudydeckApp, "run", run)
    return answers, runs


def test_the_app_syncs_once_it_has_closed(env, tmp_path, monkeypatch, ran):
    pytest.importorskip("anki.collection")
    answers, runs = ran
    write_deck(env, "papers", cards(3))
    with running_server(tmp_path / "server") as server:
        log_in(env, server, monkeypatch)
        assert run_command(["sync"], env) == 0  # the server has the cards
        sync_on_exit(env)
        answers.append("c0")
        assert open_app(env) == 0
        assert runs == [["c0"]]
        printed = env.stdout.getvalue()
        assert printed.startswith(f"synced with {server.url}, 0 review(s) in, 1 review(s) out")
        assert printed.count("\n") == 1
        phone = Phone(tmp_path / "phone", server.url)
        try:
            phone.sync()
            assert [row[1:] for row in phone.revlog()] == [("c0", 3)]
        finally:
            phone.close()


def test_without_the_key_the_app_does_not_sync(env, tmp_path, monkeypatch, ran):
    pytest.importorskip("anki.collection")
    write_deck(env, "papers", cards(2))
    with running_server(tmp_path / "server") as server:
        log_in(env, server, monkeypatch)
    sync_on_exit(env, on=False)  # and the server is down: a sync would fail
    assert open_app(env) == 0
    assert env.stdout.getvalue() == env.stderr.getvalue() == ""


def test_a_failed_sync_on_exit_is_one_line_and_exit_1(env, tmp_path, monkeypatch, ran):
    pytest.importorskip("anki.collection")
    write_deck(env, "papers", cards(2))
    with running_server(tmp_path / "server") as server:
        log_in(env, server, monkeypatch)
    sync_on_exit(env)
    assert open_app(env) == 1
    err = env.stderr.getvalue()
    assert err.startswith(
        f"studydeck: sync on exit failed: cannot reach the sync server {server.url}"
    )
    assert err.count("\n") == 1 and env.stdout.getvalue() == ""


def test_not_logged_in_is_a_hint_and_no_error(env, ran):
    write_deck(env, "papers", cards(2))
    sync_on_exit(env)
    assert open_app(env) == 0
    assert env.stderr.getvalue() == (
        "studydeck: sync_on_exit: not logged in, nothing synced (run `studydeck sync login`)\n"
    )
    _, runs = ran
    assert runs == [[]]


def test_the_quiz_app_syncs_on_exit_too(env, monkeypatch):
    write_deck(env, "papers", cards(2))
    sync_on_exit(env)
    monkeypatch.setattr(launch.QuizApp, "run", lambda app, *a, **k: None)
    assert launch.run_quiz(env, None) == 0
    assert "sync_on_exit: not logged in" in env.stderr.getvalue()


@pytest.mark.parametrize("value", ['"yes"', "1", "[]"])
def test_sync_on_exit_must_be_true_or_false(env, value):
    from studydeck.config import load_config

    env.config_path.write_text(f"sync_on_exit = {value}\n")
    with pytest.raises(StudydeckError, match=r"sync_on_exit: must be true or false \(got "):
        load_config(env.config_path)
