"""`forget`: studied cards go back to new with a RESET row; new cards are left alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from studydeck.cli import main
from studydeck.errors import StudydeckError
from studydeck.schedule import Scheduler, answer
from studydeck.store import NEW, Store


@pytest.fixture
def one_studied(tmp_path, write_deck):
    write_deck("a", [{"id": "a-1"}, {"id": "a-2"}, {"id": "a-3"}])
    with Store.open(tmp_path / "data") as store:
        store.sync_decks(tmp_path / "decks")
        num = store.card("a-1").num
        answer(store, Scheduler(), num, 3, datetime(2026, 3, 1, 12, tzinfo=UTC), duration_ms=1)
    return tmp_path / "data"


def test_new_cards_get_no_reset_row(one_studied, capsys):
    assert main(["forget", "a-1", "a-2", "a-3", "a-2"]) == 0
    assert capsys.readouterr().out == (
        "reset 1 card(s) to new (history kept); 2 card(s) were already new\n"
    )
    with Store.open(one_studied) as store:
        assert [(r.card_id, r.rating) for r in store.reviews()] == [("a-1", 3), ("a-1", 0)]
        assert {c.memory.state for c in store.cards()} == {NEW}


def test_forgetting_again_changes_nothing(one_studied, capsys):
    assert main(["forget", "a-1"]) == 0
    assert main(["forget", "a-1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "reset 0 card(s) to new (history kept); 1 card(s) were already new"
    )
    with Store.open(one_studied) as store:
        assert [r.rating for r in store.reviews()] == [3, 0]


def test_an_unknown_id_changes_nothing(one_studied):
    from studydeck.cli import build_parser
    from studydeck.commands import forget
    from studydeck.environment import Environment

    env = Environment.from_options(None, None, None)
    with pytest.raises(StudydeckError, match="no such card: nope"):
        forget.run(build_parser().parse_args(["forget", "a-1", "nope"]), env)
    with Store.open(one_studied) as store:
        assert [r.rating for r in store.reviews()] == [3]
