"""Shared fixtures: a temp data dir and deck folder per test, and the sample notes."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sample_notes import require_sample_notes

from studydeck.environment import Environment

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """No test reads or writes the real user data, config or deck folders."""
    monkeypatch.setenv("STUDYDECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDYDECK_DECKS", str(tmp_path / "decks"))
    monkeypatch.setenv("STUDYDECK_CONFIG", str(tmp_path / "config.toml"))


@pytest.fixture
def sample_notes() -> list[Path]:
    return require_sample_notes()


@pytest.fixture
def utc_local_time(monkeypatch):
    """Local times the commands print are deterministic: the process runs in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))


@pytest.fixture
def env(tmp_path, clock) -> Environment:
    """An Environment with in-memory streams, a fake clock and temp folders."""
    return Environment(
        stdin=io.StringIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        clock=clock,
        data_dir=tmp_path / "data",
        decks_dir=tmp_path / "decks",
        config_path=tmp_path / "config.toml",
    )


# ── review state (store, schedule, session) ────────────────────────────────────


def deck_yaml(name: str, cards: list[dict]) -> str:
    """Deck YAML for tests: each card dict needs at least id (question/answer get defaults)."""
    from studydeck.deck import Card, Deck, dump_deck

    full = [{"question": f"Q {c['id']}?", "answer": f"A {c['id']}", **c} for c in cards]
    return dump_deck(Deck(name, cards=[Card.from_dict(c) for c in full]))


@pytest.fixture
def write_deck(tmp_path):
    """write_deck(name, cards) -> path of decks/<name>.yaml (cards: dicts with an id)."""
    folder = tmp_path / "decks"

    def write(name: str, cards: list[dict], file: str | None = None) -> Path:
        folder.mkdir(exist_ok=True)
        path = folder / (file or f"{name}.yaml")
        path.write_text(deck_yaml(name, cards), encoding="utf-8")
        return path

    return write


@pytest.fixture
def store(tmp_path):
    from studydeck.store import Store

    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture(autouse=True)
def _config_file(tmp_path, _isolated_dirs):
    """$STUDYDECK_CONFIG names tmp_path/config.toml, and a named config file must exist."""
    (tmp_path / "config.toml").touch()
