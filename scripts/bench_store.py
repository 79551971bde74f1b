"""Review-state benchmark: 100,000 cards in 10 decks, ~1,000,000 review-log rows, side by side
with Anki's own engine on the same cards (same run, same machine).

Measures: whole-process ``studydeck status --json`` (warm) vs a whole process that opens the Anki
collection and calls ``sched.deck_due_tree()``; the in-process due-queue query; answering a card
(FSRS + commit, p50/p99); peak RSS of the status process. Fixture data is cached in a temp dir.

Usage: .venv/bin/python scripts/bench_store.py [--rebuild]
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from studydeck.deck import Card, Deck, save_deck  # noqa: E402
from studydeck.store import REVIEW, Store, to_epoch  # noqa: E402

N_DECKS, PER_DECK = 10, 10_000
REVIEWED_SHARE = 0.9  # the rest stay new
LOG_PER_REVIEWED = 11  # ~1,000,000 log rows
CACHE = Path(tempfile.gettempdir()) / "studydeck-bench-store-v2"
NOW = datetime.now(UTC).replace(microsecond=0)
TARGETS = {"status": 0.050, "status_ratio": 0.15, "answer_p50_ratio": 0.5, "answer_p99": 0.010,
           "rss_mb": 100}  # fmt: skip


def build_studydeck(root: Path) -> None:
    decks, data = root / "decks", root / "data"
    decks.mkdir(parents=True)
    for d in range(N_DECKS):
        cards = [
            Card(f"d{d}-{i}", f"Question {i} of deck {d}?", f"Answer {i}", source_line=i + 1)
            for i in range(PER_DECK)
        ]
        save_deck(Deck(f"deck-{d:02d}", cards=cards), decks / f"deck-{d:02d}.yaml")
    started = time.perf_counter()
    with Store.open(data) as store:
        store.sync_decks(decks)
        print(f"  first sync (parse 100k cards of YAML): {time.perf_counter() - started:.1f} s")
        rng = random.Random(1)
        now = to_epoch(NOW)
        nums = [n for (n,) in store.db.execute("SELECT num FROM cards ORDER BY num")]
        reviewed = [n for n in nums if rng.random() < REVIEWED_SHARE]
        states, log = [], []
        columns = 5 + 20
        for num in reviewed:
            stability, difficulty = rng.uniform(1, 200), rng.uniform(2, 9)
            last = now - rng.randint(1, 90) * 86400
            due = last + int(stability * 86400)
            states.append((REVIEW, stability, difficulty, due, last, LOG_PER_REVIEWED, num))
            for k in range(LOG_PER_REVIEWED):
                at = last - (LOG_PER_REVIEWED - k) * 86400 * 3
                before = (2, None, stability, difficulty, at, at - 86400, k, 0, 0, 0)
                after = (2, None, stability, difficulty, at + 86400, at, k + 1, 0, 0, 0)
                log.append((num, at, 3, 8000, *before, *after))
        with store.write():
            store.db.executemany(
                "UPDATE cards SET state=?, stability=?, difficulty=?, due=?, last_review=?, "
                "reps=? WHERE num=?",
                states,
            )
            from studydeck.store import _LOG_STATE_COLUMNS

            store.db.executemany(
                f"INSERT INTO review_log (card, reviewed_at, rating, duration_ms, "
                f"{_LOG_STATE_COLUMNS}) VALUES ({','.join('?' * (columns - 1))})",
                log,
            )
        store.db.execute("ANALYZE")
        print(f"  studydeck fixture: {len(nums)} cards, {len(log)} log rows")


def build_anki(root: Path, studydeck_data: Path) -> Path:
    from anki.collection import Collection

    path = root / "anki" / "collection.anki2"
    path.parent.mkdir(parents=True)
    col = Collection(str(path))
    col.set_config("fsrs", True)
    model = col.models.by_name("Basic")
    today, crt_ms = col.sched.today, int(time.time() * 1000)
    src = Store.open(studydeck_data)
    notes, cards, revlog = [], [], []
    deck_ids = {}
    for num, card_id, deck, position, state, due, stability, difficulty, reps in src.db.execute(
        "SELECT num, id, deck, position, state, due, stability, difficulty, reps FROM cards"
    ):
        did = deck_ids.get(deck) or deck_ids.setdefault(deck, col.decks.id(deck))
        nid = cid = crt_ms + num
        notes.append((nid, f"g{num}", model["id"], 0, 0, "", f"Q {card_id}\x1fA", f"Q {card_id}",
                      0, 0, ""))  # fmt: skip
        if state == REVIEW:
            due_day = today + (due - to_epoch(NOW)) // 86400
            data = json.dumps({"s": stability, "d": difficulty})
            cards.append((cid, nid, did, 0, 0, 0, 2, 2, due_day, max(1, int(stability)), 2500,
                          reps, 0, 0, 0, 0, 0, data))  # fmt: skip
        else:
            cards.append((cid, nid, did, 0, 0, 0, 0, 0, position, 0, 0, 0, 0, 0, 0, 0, 0, "{}"))
    for rid, (num, at) in enumerate(
        src.db.execute("SELECT card, reviewed_at FROM review_log ORDER BY id")
    ):
        revlog.append((at * 1000 + rid, crt_ms + num, 0, 3, 1, 1, 2500, 8000, 1))
    src.close()
    col.db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
    col.db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
    col.db.executemany("INSERT OR IGNORE INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", revlog)
    col.close()
    print(f"  anki fixture: {len(cards)} cards, {len(revlog)} revlog rows")
    return path


def fixture(rebuild: bool) -> Path:
    if rebuild or not (CACHE / "ready").exists():
        shutil.rmtree(CACHE, ignore_errors=True)
        print(f"building fixtures in {CACHE} ...")
        build_studydeck(CACHE)
        build_anki(CACHE, CACHE / "data")
        (CACHE / "ready").write_text("ok")
        # Start afresh: children forked from this now-large process would report its RSS.
        os.execv(sys.executable, [sys.executable, __file__])
    return CACHE


def timed_process(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and max peak RSS (MB) of ``runs`` runs after one warm-up."""
    times, rss = [], []
    for i in range(runs + 1):
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        assert os.waitstatus_to_exitcode(status) == 0, argv
        if i:
            times.append(elapsed)
            rss.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(rss)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    root = fixture("--rebuild" in sys.argv)
    # Warm means as installed: bytecode compiled (pip does it; PYTHONDONTWRITEBYTECODE, set in
    # some sandboxes, would otherwise make every run compile studydeck from source, ~10 ms).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "studydeck")], check=True)
    config = root / "config.toml"  # empty: the defaults, as for a new user
    config.write_text("")
    env = {
        **os.environ,
        "STUDYDECK_DATA_DIR": str(root / "data"),
        "STUDYDECK_DECKS": str(root / "decks"),
        "STUDYDECK_CONFIG": str(config),
    }
    runs = 10
    sd_status, sd_rss = timed_process([sys.executable, "-m", "studydeck", "status", "--json"],
                                      env, runs)  # fmt: skip
    anki_code = (
        "import sys; from anki.collection import Collection; col = Collection(sys.argv[1]); "
        "col.sched.deck_due_tree(); col.close()"
    )
    anki_path = str(root / "anki" / "collection.anki2")
    anki_status, anki_rss = timed_process([sys.executable, "-c", anki_code, anki_path], env, runs)
    # The floor under any whole-process figure: the interpreter starting and stopping.
    bare, _ = timed_process([sys.executable, "-c", "pass"], env, runs)
    no_site, _ = timed_process([sys.executable, "-S", "-c", "pass"], env, runs)

    # In-process: the due queue (status counts and the next card).
    from studydeck.config import Config
    from studydeck.schedule import Rating, Scheduler, answer, next_card, status

    work = Path(tempfile.mkdtemp(prefix="studydeck-bench-"))
    shutil.copytree(root / "data", work / "data")
    store = Store.open(work / "data")
    config = Config(new_per_day=9999, reviews_per_day=9999)  # 500 answers in one "day"
    queue_sd = _best(lambda: (status(store, config, NOW), next_card(store, config, NOW)), 20)

    from anki.collection import Collection

    shutil.copytree(root / "anki", work / "anki")
    col = Collection(str(work / "anki" / "collection.anki2"))
    col.decks.select(col.decks.id_for_name("deck-00"))  # Anki queues one deck (and children)
    queue_anki = _best(lambda: (col.sched.deck_due_tree(), col.sched.get_queued_cards()), 20)
    for deck in col.decks.all_names_and_ids():  # same high limits as ours for 500 answers
        conf = col.decks.config_dict_for_deck_id(deck.id)
        conf["new"]["perDay"] = conf["rev"]["perDay"] = 9999
        col.decks.update_config(conf)

    scheduler = Scheduler(config)
    sd_answers, anki_answers = [], []

    def answer_ours(i: int) -> None:
        card = next_card(store, config, NOW)
        started = time.perf_counter()
        answer(store, scheduler, card.num, Rating(1 + i % 4), NOW + timedelta(seconds=i), 5000)
        sd_answers.append(time.perf_counter() - started)
        store.checkpoint_when_idle()  # as the front ends do while the next card is read

    def answer_anki(i: int) -> None:
        queued = col.sched.get_queued_cards().cards[0]
        card = col.get_card(queued.card.id)
        card.start_timer()
        started = time.perf_counter()
        states = queued.states
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=i % 4))
        anki_answers.append(time.perf_counter() - started)

    # In turns of 25, so that a burst of load from elsewhere falls on both sides alike.
    for turn in range(0, 500, 25):
        for i in range(turn, turn + 25):
            answer_ours(i)
        for i in range(turn, turn + 25):
            answer_anki(i)
    col.close()
    store.close()
    shutil.rmtree(work)

    rows = [
        ("status --json, whole process (median)", sd_status, anki_status, TARGETS["status"]),
        ("due queue in-process (counts + next card)", queue_sd, queue_anki, None),
        ("answer p50 (FSRS + commit)", statistics.median(sd_answers),
         statistics.median(anki_answers), None),
        ("answer p99", percentile(sd_answers, 99), percentile(anki_answers, 99),
         TARGETS["answer_p99"]),
    ]  # fmt: skip
    print(f"store bench: {N_DECKS * PER_DECK:,} cards in {N_DECKS} decks, "
          f"~{int(N_DECKS * PER_DECK * REVIEWED_SHARE * LOG_PER_REVIEWED):,} log rows")  # fmt: skip
    print(f"{'measure':<44}{'studydeck':>12}{'anki':>12}{'ratio':>8}  target")
    for name, floor in (("  floor: python -c pass", bare), ("  floor: python -S -c pass", no_site)):
        print(f"{name:<44}{floor * 1000:>10.2f}ms")
    for name, ours, theirs, target in rows:
        goal = f"<= {target * 1000:.0f} ms" if target else ""
        if name.startswith("status"):
            goal += f" and <= {TARGETS['status_ratio']}x anki"
        if name.startswith("answer p50"):
            goal = f"<= {TARGETS['answer_p50_ratio']}x anki"
        print(
            f"{name:<44}{ours * 1000:>10.2f}ms{theirs * 1000:>10.2f}ms{ours / theirs:>8.2f}  {goal}"
        )
    print(f"{'peak RSS of the status process':<44}{sd_rss:>10.1f}MB{anki_rss:>10.1f}MB"
          f"{sd_rss / anki_rss:>8.2f}  <= {TARGETS['rss_mb']} MB")  # fmt: skip


def _best(call, repeat: int) -> float:
    """Median in-process time of ``call`` over ``repeat`` calls (after one warm-up)."""
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    main()
