"""`studydeck sync` against a real Anki sync server, with a second collection as the phone."""

from __future__ import annotations

import json
import re
import sys
import time

import pytest
from conftest import FakeClock
from sync_helpers import PASSWORD, USER, Phone, near_real_time, running_server

from studydeck.anki.model import study_day
from studydeck.cli import run_command
from studydeck.config import Config
from studydeck.errors import StudydeckError
from studydeck.schedule import Rating, Scheduler, answer, replay
from studydeck.store import Store, from_epoch

pytest.importorskip("anki.collection")


# Anki counts days in local time; pin it so due-day expectations are exact.
pytestmark = pytest.mark.usefixtures("utc_local_time")


@pytest.fixture
def clock() -> FakeClock:
    return near_real_time()


@pytest.fixture
def server(tmp_path):
    with running_server(tmp_path / "server") as running:
        yield running


@pytest.fixture
def phone(tmp_path, server):
    device = Phone(tmp_path / "phone", server.url)
    yield device
    device.close()


def run(env, *argv) -> int:
    env.stdout.seek(0)
    env.stdout.truncate()
    env.stderr.seek(0)
    env.stderr.truncate()
    return run_command(list(argv), env)


def out(env) -> str:
    return env.stdout.getvalue() + env.stderr.getvalue()


@pytest.fixture
def logged_in(env, server, monkeypatch):
    monkeypatch.setenv("STUDYDECK_SYNC_PASSWORD", PASSWORD)
    assert run(env, "sync", "login", "--endpoint", server.url, "--user", USER) == 0
    return env


CARDS = [
    {"id": f"sy-{i:02d}", "question": f"What is idea {i}?", "answer": f"A{i}"} for i in range(8)
]


def review_here(env, clock, card_id: str, rating: int) -> None:
    with Store.open(env.data_dir) as store:
        store.sync_decks(env.decks_dir)
        card = store.card(card_id)
        answer(store, Scheduler(Config()), card.num, Rating(rating), clock())


def stored(env, card_id: str):
    with Store.open(env.data_dir) as store:
        return store.card(card_id), store.reviews(card_id)


def anki_day(phone, clock, due_epoch: int) -> int:
    due = from_epoch(due_epoch)
    return phone.col.sched.today + (study_day(due, 4) - study_day(clock(), 4)).days


# ── login / logout ─────────────────────────────────────────────────────────────


def test_login_saves_only_host_key_private(logged_in, server):
    path = logged_in.data_dir / "anki" / "sync.json"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    text = path.read_text()
    assert PASSWORD not in text and "hkey" in text and server.url in text
    assert run(logged_in, "sync", "logout") == 0
    assert 'hkey": null' in path.read_text()
    with pytest.raises(StudydeckError, match="not logged in"):
        run(logged_in, "sync")


# ── 1. first sync uploads; the phone gets every card with our scheduling ──────────


def test_first_sync_uploads_cards_with_due_dates_and_memory(logged_in, write_deck, clock, phone):
    env = logged_in
    write_deck("papers", CARDS)
    for i, rating in enumerate([3, 4, 2]):
        review_here(env, clock, f"sy-0{i}", rating)
        clock.advance(seconds=5)
    assert run(env, "sync") == 0, out(env)
    assert "full upload" in out(env)
    assert phone.sync() == "download"
    guids = {row[0] for row in phone.col.db.all("SELECT guid FROM notes")}
    assert guids == {c["id"] for c in CARDS}
    names = {phone.col.decks.name(phone.card(c["id"]).did) for c in CARDS}
    assert names == {"studydeck::papers"}
    for i in range(3):
        card, log = stored(env, f"sy-0{i}")
        theirs = phone.card(card.id)
        assert theirs.reps == 1
        assert abs(theirs.memory_state.stability - card.memory.stability) < 1e-3
        if card.memory.state == 2:  # review: a day number
            assert theirs.due == anki_day(phone, clock, card.memory.due)
        else:  # learning step: an epoch second
            assert theirs.due == card.memory.due
        assert [r[0] // 1000 for r in phone.revlog(card.id)] == [r.reviewed_at for r in log]
    assert phone.card("sy-07").type == 0
    # nothing changed: a second sync writes nothing
    assert run(env, "sync") == 0
    assert "0 review(s) in, 0 review(s) out, 0 card(s) added, 0 updated, 0 rescheduled" in out(env)


# ── 2. reviews in studydeck reach the phone ────────────────────────────────────


def test_reviews_here_reach_the_phone(logged_in, write_deck, clock, phone):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    for i, rating in enumerate([3, 4, 3, 1, 4]):
        review_here(env, clock, f"sy-0{i}", rating)
        clock.advance(seconds=7)
    assert run(env, "sync") == 0, out(env)
    assert "5 review(s) out" in out(env)
    assert phone.sync() == "normal"
    assert len(phone.revlog()) == 5
    for i in range(5):
        card, _ = stored(env, f"sy-0{i}")
        theirs = phone.card(card.id)
        if card.memory.state == 2:
            assert theirs.due == anki_day(phone, clock, card.memory.due)
        else:
            assert theirs.due == card.memory.due
        computed = phone.col.compute_memory_state(theirs.id)
        assert computed.stability == pytest.approx(card.memory.stability, rel=0.02)


# ── 3. reviews on the phone come into studydeck ────────────────────────────────


def test_reviews_on_the_phone_come_in(logged_in, write_deck, clock, phone):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    ids = []
    for i, rating in enumerate([3, 3, 4, 2, 1]):
        ids.append(phone.review(f"sy-0{i}", rating))
        time.sleep(0.01)
    assert phone.sync() == "normal"
    assert run(env, "sync") == 0, out(env)
    assert "5 review(s) in" in out(env)
    config = Config()
    with Store.open(env.data_dir) as store:
        log = store.reviews()
        assert sorted(r.reviewed_at for r in log) == sorted(i // 1000 for i in ids)
        for i in range(5):
            card = store.card(f"sy-0{i}")
            assert (
                card.memory.fsrs_part()
                == replay(Scheduler(config), card.num, store.reviews(card.id)).fsrs_part()
            )
            theirs = phone.card(card.id)
            assert card.memory.stability == pytest.approx(theirs.memory_state.stability, rel=0.02)
            if theirs.queue == 2:
                # Both fuzz review intervals, each its own way (Anki: ±~20 % at a week).
                ours_day = anki_day(phone, clock, card.memory.due)
                ours_ivl = (card.memory.due - card.memory.last_review) / 86400
                assert abs(ours_day - theirs.due) <= max(1, 0.3 * ours_ivl)
            else:
                assert abs(card.memory.due - theirs.due) <= 86400
    # nothing comes in twice, and our copies of them never go back as new rows
    assert run(env, "sync") == 0
    assert "0 review(s) in, 0 review(s) out" in out(env)
    phone.sync()
    assert len(phone.revlog()) == 5
    # our replayed state went back: both sides now hold the same due dates
    with Store.open(env.data_dir) as store:
        for i in range(5):
            card = store.card(f"sy-0{i}")
            theirs = phone.card(card.id)
            expected = (
                anki_day(phone, clock, card.memory.due) if theirs.queue == 2 else card.memory.due
            )
            assert theirs.due == expected


# ── 4. both sides review the same card offline ────────────────────────────────


def test_both_review_the_same_card(logged_in, write_deck, clock, phone):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    review_here(env, clock, "sy-00", 3)  # studydeck, 2 minutes ago
    phone_id = phone.review("sy-00", 1)  # the phone, now
    assert run(env, "sync") == 0, out(env)  # ours reaches the server first
    phone.sync()  # the phone's review goes up; its card loses to our newer one
    assert run(env, "sync") == 0, out(env)  # merged: both reviews, replayed
    assert "1 review(s) in" in out(env)
    assert "1 rescheduled" in out(env)
    phone.sync()
    with Store.open(env.data_dir) as store:
        card = store.card("sy-00")
        log = store.reviews("sy-00")
        assert sorted(r.reviewed_at for r in log) == sorted(
            [int(clock().timestamp()), phone_id // 1000]
        )
        merged = sorted(log, key=lambda r: r.reviewed_at)
        assert card.memory.fsrs_part() == replay(Scheduler(Config()), card.num, merged).fsrs_part()
    assert len(phone.revlog("sy-00")) == 2
    theirs = phone.card("sy-00")
    assert theirs.reps == card.memory.reps == 2
    assert theirs.due == card.memory.due  # a learning step: epoch seconds
    assert theirs.memory_state.stability == pytest.approx(card.memory.stability, abs=1e-3)
    assert run(env, "sync") == 0
    assert "0 review(s) in, 0 review(s) out" in out(env) and "0 rescheduled" in out(env)


# ── 6. failures: one line, exit 1, nothing changed ────────────────────────────


def test_wrong_password_is_one_line(env, server, monkeypatch):
    monkeypatch.setenv("STUDYDECK_SYNC_PASSWORD", "wrong")
    with pytest.raises(StudydeckError) as caught:
        run(env, "sync", "login", "--endpoint", server.url, "--user", USER)
    assert "refused the login" in str(caught.value) and "\n" not in str(caught.value)
    assert not (env.data_dir / "anki" / "sync.json").exists()


def test_server_down_changes_nothing(logged_in, write_deck, clock, server):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    review_here(env, clock, "sy-01", 3)
    state = (env.data_dir / "anki" / "sync.json").read_text()
    server.stop()
    with pytest.raises(StudydeckError) as caught:
        run(env, "sync")
    assert "cannot reach the sync server" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert (env.data_dir / "anki" / "sync.json").read_text() == state
    assert len(stored(env, "sy-01")[1]) == 1


def test_locked_collection_is_one_line(logged_in, write_deck):
    from anki.collection import Collection

    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    other = Collection(str(env.data_dir / "anki" / "collection.anki2"))
    try:
        with pytest.raises(StudydeckError) as caught:
            run(env, "sync")
    finally:
        other.close()
    assert "open in another program" in str(caught.value) and "\n" not in str(caught.value)
    assert run(env, "sync") == 0, out(env)


def test_full_sync_demand_with_data_on_both_sides(logged_in, write_deck, clock, phone):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    phone.review("sy-05", 3)
    phone.col.mod_schema(check=False)  # e.g. a notetype edited on the phone
    result = phone.col.sync_collection(phone.auth, sync_media=False)
    assert result.required == result.FULL_SYNC
    phone.col.close_for_full_sync()
    phone.col.full_upload_or_download(auth=phone.auth, server_usn=None, upload=True)
    phone.col.reopen(after_full_sync=True)
    review_here(env, clock, "sy-01", 3)
    with pytest.raises(StudydeckError) as caught:
        run(env, "sync")
    message = str(caught.value)
    assert "--full download" in message and "--full upload" in message and "\n" not in message
    assert len(stored(env, "sy-05")[1]) == 0  # nothing pulled
    assert run(env, "sync", "--full", "download") == 0, out(env)
    assert "full download" in out(env) and "backup" in out(env)
    assert list((env.data_dir / "anki" / "backups").glob("collection-*.anki2"))
    assert len(stored(env, "sy-05")[1]) == 1  # the phone's review came in
    phone.sync()
    assert len(phone.revlog("sy-01")) == 1  # ours went out again


# ── 7. edited and archived cards ──────────────────────────────────────────────


def test_edited_card_updates_note_and_archived_card_is_suspended(
    logged_in, write_deck, clock, phone
):
    env = logged_in
    write_deck("papers", CARDS)
    review_here(env, clock, "sy-02", 3)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    edited = [dict(c) for c in CARDS if c["id"] != "sy-03"]
    edited[2]["question"] = "What is idea two, <edited>?"
    write_deck("papers", edited)
    assert run(env, "sync") == 0, out(env)
    assert "0 card(s) added, 2 updated" in out(env)
    phone.sync()
    note = phone.card("sy-02").note()
    assert note["Question"] == "What is idea two, &lt;edited&gt;?"
    assert len(phone.revlog("sy-02")) == 1 and phone.card("sy-02").reps == 1
    gone = phone.card("sy-03")
    assert gone.queue == -1 and "studydeck::archived" in gone.note().tags
    assert phone.col.db.scalar("SELECT count() FROM notes") == len(CARDS)


def test_without_anki_names_the_extra(env, monkeypatch):
    for name in [m for m in sys.modules if m == "anki" or m.startswith("anki.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "anki", None)
    for argv in (["sync"], ["sync", "login", "--user", "x"], ["sync", "--full", "upload"]):
        with pytest.raises(StudydeckError, match=r"pip install 'studydeck\[anki\]'"):
            run(env, *argv)


def test_full_upload_backs_up_the_server_first(logged_in, write_deck, clock, phone):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    phone.col.mod_schema(check=False)
    phone.col.sync_collection(phone.auth, sync_media=False)
    phone.col.close_for_full_sync()
    phone.col.full_upload_or_download(auth=phone.auth, server_usn=None, upload=True)
    phone.col.reopen(after_full_sync=True)
    review_here(env, clock, "sy-04", 4)
    assert run(env, "sync", "--full", "upload") == 0, out(env)
    assert "full upload" in out(env)
    backups = list((env.data_dir / "anki" / "backups").glob("server-*.anki2"))
    assert len(backups) == 1 and backups[0].stat().st_size > 0
    assert phone.sync() == "download"  # the phone must take the uploaded collection
    assert len(phone.revlog("sy-04")) == 1
    assert run(env, "sync") == 0, out(env)
    assert "0 review(s) in, 0 review(s) out" in out(env)


# ── incremental: only the cards that changed are read ──────────────────────────


def test_incremental_sync_reads_only_changed_cards(
    logged_in, write_deck, clock, phone, monkeypatch
):
    env = logged_in
    write_deck("papers", CARDS)
    review_here(env, clock, "sy-07", 3)
    clock.advance(seconds=5)
    assert run(env, "sync") == 0, out(env)
    saved = json.loads((env.data_dir / "anki" / "sync.json").read_text())
    assert saved["reviews"].startswith("1:1:")
    assert saved["watermark"] >= 0  # the uploaded revlog is not read again
    phone.sync()
    review_here(env, clock, "sy-00", 3)
    clock.advance(seconds=5)
    review_here(env, clock, "sy-01", 4)
    phone.review("sy-05", 3)
    phone.sync()

    def every_card(*args, **kwargs):
        raise AssertionError("an incremental sync read every card")

    monkeypatch.setattr(Store, "cards", every_card)
    assert run(env, "sync") == 0, out(env)
    assert "1 review(s) in, 2 review(s) out, 0 card(s) added, 0 updated" in out(env)
    # sy-00 and sy-01 are rescheduled; sy-05, reviewed on the phone, only when the due Anki
    # wrote differs from the one we compute from that review — usually, not always (a CI run
    # saw them agree), so either count is right
    assert re.search(r"\b[23] rescheduled", out(env)), out(env)
    phone.sync()
    for card_id in ("sy-00", "sy-01", "sy-05"):
        card, log = stored(env, card_id)
        assert len(log) == 1
        assert phone.card(card_id).reps == 1
        assert phone.card(card_id).memory_state.stability == pytest.approx(
            card.memory.stability, rel=1e-3
        )
    assert run(env, "sync") == 0, out(env)
    assert "0 review(s) in, 0 review(s) out, 0 card(s) added, 0 updated, 0 rescheduled" in out(env)


def test_suspending_here_without_a_review_still_reaches_the_phone(
    logged_in, write_deck, clock, phone
):
    env = logged_in
    write_deck("papers", CARDS)
    assert run(env, "sync") == 0, out(env)
    phone.sync()
    with Store.open(env.data_dir) as store:
        store.set_suspended(["sy-03"], True)
    assert run(env, "sync") == 0, out(env)
    assert "1 rescheduled" in out(env)
    phone.sync()
    assert phone.card("sy-03").queue == -1
