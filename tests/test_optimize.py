"""optimize: training items counted like the scheduler, a fit on a simulated log, --apply."""

from __future__ import annotations

import io
import random
import tomllib
from datetime import UTC, datetime
from types import SimpleNamespace

import fsrs_rs_python as fsrs_rs
import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from studydeck.config import Config, load_config
from studydeck.optimize import (
    card_histories,
    config_with_parameters,
    elapsed_days,
    evaluate,
    fit,
    training_items,
)
from studydeck.schedule import Scheduler, replay
from studydeck.simulate import simulate
from studydeck.store import CardState, Store, from_epoch

START = datetime(2025, 1, 1, 6, tzinfo=UTC)
TRUE = list(DEFAULT_PARAMETERS)
TRUE[0:4] = [1.0, 3.0, 9.0, 25.0]  # initial stabilities far from the defaults
TRUE[8] = 2.2
TRUE[20] = 0.35  # a different forgetting-curve shape
TRUE = tuple(TRUE)


def run(env, *argv):
    from studydeck.cli import run_command

    return run_command(argv, env)


@pytest.fixture
def simulated(store, write_deck, tmp_path):
    write_deck("s", [{"id": f"s-{i}"} for i in range(400)])
    write_deck("other", [{"id": "x-1"}])
    store.sync_decks(tmp_path / "decks")
    made = simulate(store, TRUE, START, 150, new_per_day=14, seed=1)
    assert 2000 < made < 4000  # "a few thousand reviews"
    return store


def test_elapsed_days_is_the_schedulers_count():
    rng = random.Random(3)
    for _ in range(2000):
        previous = rng.randint(1_700_000_000, 1_800_000_000)
        current = previous + rng.randint(0, 40 * 86400)
        assert elapsed_days(previous, current) == (from_epoch(current) - from_epoch(previous)).days


def test_items_replay_to_the_schedulers_memory_state(simulated):
    """fsrs-rs, fed our items, lands on the state py-fsrs reached: the days agree."""
    scheduler = Scheduler(Config(fsrs_parameters=TRUE, learning_steps=(), relearning_steps=()))
    model = fsrs_rs.FSRS(list(TRUE))
    histories = card_histories(simulated)
    checked = 0
    for num, log in list(histories.items())[:150]:
        reviews = []
        for i, (at, rating) in enumerate(log):
            delta = elapsed_days(log[i - 1][0], at) if i else 0
            reviews.append(fsrs_rs.FSRSReview(rating, delta))
        state = model.memory_state(fsrs_rs.FSRSItem(reviews))
        expected = replay(scheduler, num, simulated.reviews(simulated.card_by_num(num).id))
        assert state.stability == pytest.approx(expected.stability, rel=2e-3)
        assert state.difficulty == pytest.approx(expected.difficulty, rel=2e-3)
        checked += 1
    assert checked == 150


def test_fit_reaches_the_log_loss_of_the_true_parameters(simulated):
    history = training_items(card_histories(simulated))
    assert history.reviews > 2000 and len(history.items) > 1000
    result = fit(history, Config())
    true_loss = evaluate(TRUE, history.items).log_loss
    assert result.fitted_eval.log_loss <= true_loss * 1.01
    assert result.current_eval.log_loss > true_loss * 1.01  # the defaults are measurably off
    assert result.current == tuple(DEFAULT_PARAMETERS)


def test_items_start_after_a_reset(store, write_deck, tmp_path):
    write_deck("d", [{"id": "a"}])
    store.sync_decks(tmp_path / "decks")
    num = store.card("a").num
    day = 86400
    with store.write():
        for at, rating in ((0, 3), (2 * day, 1), (3 * day, 0), (5 * day, 3), (9 * day + 5, 3)):
            state = store.card("a").memory
            store.add_review(num, 1_700_000_000 + at, rating, None, state, state)
    assert card_histories(store)[num] == [
        (1_700_000_000 + 5 * day, 3),
        (1_700_000_000 + 9 * day + 5, 3),
    ]
    history = training_items(card_histories(store))
    assert history.reviews == 2 and len(history.items) == 1
    assert repr(history.items[0]) == (  # FSRSReview exposes its fields only in its repr
        "FSRSItem { reviews: [FSRSReview { rating: 3, delta_t: 0 }, "
        "FSRSReview { rating: 3, delta_t: 4 }] }"
    )


def test_too_little_history_changes_nothing(env, write_deck, store, tmp_path):
    write_deck("d", [{"id": f"d-{i}"} for i in range(30)])
    store.sync_decks(tmp_path / "decks")
    simulate(store, TRUE, START, 20, new_per_day=5)
    before = store.db.execute("SELECT * FROM cards").fetchall()
    assert run(env, "optimize", "--apply") == 0
    out = env.stdout.getvalue()
    assert out.startswith("not enough review history to fit parameters: ")
    assert "at least 400 reviews over 7 days" in out and "Nothing was changed" in out
    assert env.config_path.read_text() == ""  # conftest's empty config, untouched
    assert store.db.execute("SELECT * FROM cards").fetchall() == before


def test_apply_saves_parameters_and_reschedules_like_a_replay(env, simulated):
    env.config_path.write_text(
        "# my settings\nnew_per_day = 15  # a comment to keep\n"
        "fsrs_parameters = [\n  " + ",\n  ".join(map(str, DEFAULT_PARAMETERS)) + "\n]  # old\n"
        "desired_retention = 0.85\n",
        encoding="utf-8",
    )
    before = {c.id: c.memory for c in simulated.cards()}
    with Store.open(env.data_dir) as other:  # the command opens its own connection
        other.set_suspended(["s-5"], True)
    assert run(env, "optimize", "--apply") == 0
    out = env.stdout.getvalue()
    assert "  current" in out and "  fitted" in out and "applied: saved to" in out

    text = env.config_path.read_text(encoding="utf-8")
    assert text.startswith(
        "# my settings\nnew_per_day = 15  # a comment to keep\nfsrs_parameters = ["
    )
    assert text.endswith("]  # old\ndesired_retention = 0.85\n") and text.count("fsrs_param") == 1
    config = load_config(env.config_path)
    assert config.new_per_day == 15 and config.desired_retention == 0.85
    assert len(config.fsrs_parameters) == 21 and config.fsrs_parameters != tuple(DEFAULT_PARAMETERS)

    scheduler = Scheduler(config)
    changed = 0
    for card in simulated.cards():
        log = simulated.reviews(card.id)
        if not log:
            assert card.memory == before[card.id]
            continue
        assert card.memory.fsrs_part() == replay(scheduler, card.num, log).fsrs_part()
        changed += card.memory.stability != before[card.id].stability
    assert changed > 300
    assert simulated.card("s-5").memory.suspended  # flags are kept


@pytest.mark.parametrize("failing", ["config write", "card writes"])
def test_a_failed_apply_leaves_cards_and_config_as_they_were(simulated, tmp_path, monkeypatch,
                                                              failing):  # fmt: skip
    from studydeck import optimize
    from studydeck.errors import StudydeckError

    config_path = tmp_path / "config.toml"
    config_path.write_text("new_per_day = 15\n", encoding="utf-8")
    before = simulated.db.execute("SELECT * FROM cards ORDER BY num").fetchall()
    if failing == "config write":

        def no_space(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(optimize, "atomic_write_text", no_space)
    else:
        set_memories = Store.set_memories

        def half_then_fail(store, memories):
            memories = list(memories)
            set_memories(store, memories[: len(memories) // 2])  # written, then rolled back
            raise StudydeckError("disk full")

        monkeypatch.setattr(Store, "set_memories", half_then_fail)
    cache_size = simulated.db.execute("PRAGMA cache_size").fetchone()
    with pytest.raises(StudydeckError):
        optimize.apply(simulated, config_path, TRUE)
    assert config_path.read_text(encoding="utf-8") == "new_per_day = 15\n"
    assert simulated.db.execute("SELECT * FROM cards ORDER BY num").fetchall() == before
    assert not simulated.db.in_transaction
    assert simulated.db.execute("PRAGMA cache_size").fetchone() == cache_size  # as it was


@pytest.mark.parametrize("share", [1.0, 0.1])
def test_the_bulk_write_keeps_the_schema(store, write_deck, tmp_path, share, monkeypatch):
    """Rewriting most cards drops and rebuilds the state indexes; the schema comes back as it
    was, and the queue's indexes still answer their queries."""
    listed = []
    state_indexes = Store._state_indexes
    monkeypatch.setattr(Store, "_state_indexes", lambda s: listed.append(1) or state_indexes(s))
    write_deck("d", [{"id": f"c{i}"} for i in range(20_000)])
    store.sync_decks(tmp_path / "decks")
    schema = store.db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    nums = [n for (n,) in store.db.execute("SELECT num FROM cards ORDER BY num")]
    chosen = nums[: int(len(nums) * share)]
    memories = [
        (n, CardState(2, None, 3.5, 5.0, 1_700_000_000 + n, 1_699_000_000, 1)) for n in chosen
    ]
    with store.write():
        store.set_memories(memories)
    assert (
        store.db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        == schema
    )
    assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert [store.card_by_num(n).memory for n, _ in memories[:: len(memories) // 7]] == [
        m for _, m in memories[:: len(memories) // 7]
    ]
    due = store.db.execute("SELECT count(*) FROM cards WHERE due >= 1700000000").fetchone()[0]
    assert due == len(chosen)
    assert len(listed) == (share == 1.0)  # only a rewrite of most cards rebuilds


def test_config_text_edits():
    params = (0.5,) * 21
    assert (
        config_with_parameters("", params) == f"fsrs_parameters = [{', '.join(['0.5000'] * 21)}]\n"
    )
    edited = config_with_parameters("a = 1\n[extra]\nb = 2", params)
    assert edited.startswith("a = 1\nfsrs_parameters = [0.5000,") and edited.endswith(
        "\n[extra]\nb = 2"
    )
    assert tomllib.loads(edited)["fsrs_parameters"] == [0.5] * 21
    assert config_with_parameters("rollover_hour = 3", params).startswith("rollover_hour = 3\nfsrs")


def test_plain_report_without_apply(env, simulated):
    assert run(env, "optimize") == 0
    lines = env.stdout.getvalue().splitlines()
    assert lines[0].startswith("history: ") and lines[1].split() == [
        "parameters",
        "log-loss",
        "RMSE",
    ]
    assert lines[-1] == "run `studydeck optimize --apply` to save them and reschedule your cards"
    assert env.config_path.read_text() == ""  # conftest's empty config, untouched


def test_no_apply_hint_for_parameters_that_fit_worse(env, simulated, monkeypatch):
    from studydeck import optimize

    def evaluate_as_in_the_issue(parameters, items):
        current = tuple(parameters) == tuple(DEFAULT_PARAMETERS)
        return optimize.Evaluation(0.3389 if current else 0.3421, 0.02)

    monkeypatch.setattr(optimize, "evaluate", evaluate_as_in_the_issue)
    before = simulated.db.execute("SELECT * FROM cards").fetchall()
    for argv in (["optimize"], ["optimize", "--apply"]):
        env.stdout = io.StringIO()
        assert run(env, *argv) == 0
        lines = env.stdout.getvalue().splitlines()
        assert lines[2:4] == ["  current       0.3389   2.00%", "  fitted        0.3421   2.00%"]
        assert lines[-1] == (
            "the fitted parameters do not predict your history better than the current ones, "
            "so there is nothing to apply; nothing was changed"
        )
        assert "--apply" not in env.stdout.getvalue()
    assert env.config_path.read_text() == ""
    assert simulated.db.execute("SELECT * FROM cards").fetchall() == before


def test_the_fit_time_is_shown_in_ms_under_a_second(env, simulated, monkeypatch):
    from studydeck import optimize

    ticks = iter([100.0, 100.0042])
    monkeypatch.setattr(optimize, "time", SimpleNamespace(perf_counter=lambda: next(ticks)))
    assert run(env, "optimize") == 0
    fitted = [line for line in env.stdout.getvalue().splitlines() if line.startswith("fitted in")]
    assert len(fitted) == 1 and fitted[0].startswith("fitted in 4 ms: [")


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.0, "under 1 ms"), (0.0004, "under 1 ms"), (0.0042, "4 ms"), (0.2, "200 ms"),
     (0.9996, "1.00 s"), (12.3, "12.30 s")],
)  # fmt: skip
def test_durations(seconds, shown):
    from studydeck.commands.optimize import duration

    assert duration(seconds) == shown
