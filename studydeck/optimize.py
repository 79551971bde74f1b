"""Fit FSRS parameters to the review log with fsrs-rs (Anki's optimizer) and apply them.

Training items are built from each card's log since its last reset: one item per review that
came a day or more after the previous one, holding the card's history up to it. Days between
reviews are counted as the scheduler counts them — ``fsrs.Scheduler`` takes
``(review_time - last_review).days``, whole elapsed 24-hour periods — so the model is fitted
on exactly the intervals it will be asked about.
"""

from __future__ import annotations

import re
import time
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import fsrs_rs_python as fsrs_rs
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from studydeck.config import Config, config_from_dict
from studydeck.errors import StudydeckError
from studydeck.paths import atomic_write_text
from studydeck.replay_fast import fast_replay
from studydeck.schedule import Scheduler, replay
from studydeck.store import RESET, CardState, Store
from studydeck.store_errors import translated

DAY = 86_400
MIN_REVIEWS = 400  # like Anki's advice: fewer reviews give parameters worse than the defaults
MIN_DAYS = 7  # reviews on a single day or two say nothing about forgetting over time
# Rewriting 100k cards in SQLite's default 2 MB cache spills dirty pages to the WAL before the
# commit (and index pages again and again): ~1 s of an --apply. 64 MB holds them.
BULK_CACHE_KIB = 64 * 1024


def elapsed_days(previous: int, current: int) -> int:
    """Whole days between two reviews (epoch seconds), exactly as ``fsrs.Scheduler`` counts."""
    return max(0, (current - previous) // DAY)


@dataclass(frozen=True, slots=True)
class Evaluation:
    log_loss: float
    rmse: float  # RMSE over bins of predicted recall (fsrs-rs "rmse_bins"), as Anki shows


@dataclass(frozen=True, slots=True)
class History:
    reviews: int  # answered reviews (forgets not counted)
    days: int  # distinct days with reviews
    items: list[fsrs_rs.FSRSItem]  # training items, in time order


@dataclass(frozen=True, slots=True)
class Fit:
    history: History
    current: tuple[float, ...]
    fitted: tuple[float, ...]
    current_eval: Evaluation
    fitted_eval: Evaluation
    seconds: float

    @property
    def improves(self) -> bool:
        """Whether the fitted parameters predict the history better (what --apply requires)."""
        return self.fitted_eval.log_loss < self.current_eval.log_loss


@translated
def card_histories(store: Store, deck: str | None = None) -> dict[int, list[tuple[int, int]]]:
    """Per card: ``(reviewed_at, rating)`` of its answers since its last reset, in time order
    (a review synced from another device is appended after newer ones of ours)."""
    where, params = ("WHERE c.deck = ?", [deck]) if deck else ("", [])
    rows = store.db.execute(
        "SELECT r.card, r.reviewed_at, r.rating FROM review_log r JOIN cards c ON c.num = r.card "
        f"{where} ORDER BY r.card, r.reviewed_at, r.id",
        params,
    )
    histories: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for card, reviewed_at, rating in rows:
        if rating == RESET:
            histories[card] = []
        else:
            histories[card].append((reviewed_at, rating))
    return histories


def training_items(histories: dict[int, list[tuple[int, int]]]) -> History:
    dated: list[tuple[int, fsrs_rs.FSRSItem]] = []
    days: set[int] = set()
    reviews = 0
    for log in histories.values():
        sequence: list[fsrs_rs.FSRSReview] = []
        previous = None
        for reviewed_at, rating in log:
            delta = 0 if previous is None else elapsed_days(previous, reviewed_at)
            sequence.append(fsrs_rs.FSRSReview(rating, delta))
            if delta > 0:
                dated.append((reviewed_at, fsrs_rs.FSRSItem(list(sequence))))
            previous = reviewed_at
            days.add(reviewed_at // DAY)
            reviews += 1
    dated.sort(key=lambda pair: pair[0])
    return History(reviews, len(days), [item for _, item in dated])


def not_enough(history: History) -> str | None:
    """Why the history is too small to fit, or None."""
    if history.reviews < MIN_REVIEWS or history.days < MIN_DAYS:
        return (
            f"not enough review history to fit parameters: {history.reviews} review(s) on "
            f"{history.days} day(s); at least {MIN_REVIEWS} reviews over {MIN_DAYS} days are "
            "needed. Nothing was changed; keep studying and try again later."
        )
    if not history.items:
        return "no card has been reviewed again on a later day yet. Nothing was changed."
    return None


def evaluate(parameters: tuple[float, ...], items: list[fsrs_rs.FSRSItem]) -> Evaluation:
    result = fsrs_rs.FSRS(list(parameters)).evaluate(items)
    return Evaluation(result.log_loss, result.rmse_bins)


def fit(history: History, config: Config) -> Fit:
    current = config.fsrs_parameters or tuple(DEFAULT_PARAMETERS)
    started = time.perf_counter()
    try:
        raw = fsrs_rs.FSRS(list(current)).compute_parameters(history.items)
    except (ValueError, RuntimeError) as exc:
        raise StudydeckError(f"the optimizer failed: {exc}") from None
    seconds = time.perf_counter() - started
    fitted = tuple(
        min(max(float(p), lo), hi)  # the scheduler rejects values outside its bounds
        for p, lo, hi in zip(raw, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )
    return Fit(
        history,
        tuple(current),
        fitted,
        evaluate(current, history.items),
        evaluate(fitted, history.items),
        seconds,
    )


# ── applying ──────────────────────────────────────────────────────────────────

_ASSIGNMENT = re.compile(r"(?m)^[ \t]*fsrs_parameters[ \t]*=")
_TABLE = re.compile(r"(?m)^[ \t]*\[")


def config_with_parameters(text: str, parameters: tuple[float, ...]) -> str:
    """The config text with ``fsrs_parameters`` set, every other line (and comment) kept."""
    line = "fsrs_parameters = [" + ", ".join(f"{p:.4f}" for p in parameters) + "]"
    match = _ASSIGNMENT.search(text)
    if match:
        start = match.start()
        close = text.find("]", match.end())  # the array ends at the first ']' (numbers only)
        end = len(text) if close < 0 else close + 1
        return text[:start] + line + text[end:]
    table = _TABLE.search(text)  # top-level keys must come before any [table]
    at = table.start() if table else len(text)
    head = text[:at]
    if head and not head.endswith("\n"):
        head += "\n"
    return head + line + "\n" + text[at:]


@translated
def apply(store: Store, config_path: Path, parameters: tuple[float, ...]) -> tuple[Config, int]:
    """Save the parameters in the config and reschedule every card by replaying its log with
    them (:func:`rescheduled`). The cards change in one transaction, and the config is written
    (atomically) inside it, so a failure of either leaves both as they were. Returns the new
    config and the number of cards rescheduled."""
    config_path = Path(config_path)
    try:
        old_text = config_path.read_text(encoding="utf-8") if config_path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise StudydeckError(f"{config_path}: cannot read config: {exc}") from None
    new_text = config_with_parameters(old_text, parameters)
    try:
        config = config_from_dict(tomllib.loads(new_text), str(config_path))
    except tomllib.TOMLDecodeError as exc:
        raise StudydeckError(f"{config_path}: cannot update it safely ({exc})") from None
    scheduler = Scheduler(config)
    with page_cache(store, BULK_CACHE_KIB), store.write():
        memories = rescheduled(store, scheduler)
        store.set_memories(list(memories.items()))
        try:
            atomic_write_text(config_path, new_text)
        except OSError as exc:
            raise StudydeckError(f"{config_path}: cannot write config: {exc}") from None
    return config, len(memories)


@contextmanager
def page_cache(store: Store, kib: int) -> Iterator[None]:
    """SQLite's page cache at ``kib`` for one bulk job, then as it was."""
    previous = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute(f"PRAGMA cache_size = {-kib}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size = {previous}")


def rescheduled(store: Store, scheduler: Scheduler) -> dict[int, CardState]:
    """Every card with a log, its state replayed with ``scheduler`` (flags kept as they are):
    what :func:`~studydeck.schedule.replay` gives, by the fast loop where it can follow the log
    (all of a normal store) and by ``replay`` itself for any card it cannot. One read of the
    whole log, in replay order; call inside ``store.write()`` so no answer slips in between."""
    fast = fast_replay(scheduler)
    cards = {
        num: (card_id, bool(suspended), bool(leech))
        for num, card_id, suspended, leech in store.db.execute(
            "SELECT num, id, suspended, leech FROM cards"
        )
    }
    rows = store.db.execute(
        "SELECT card, reviewed_at, rating FROM review_log ORDER BY card, reviewed_at, id"
    )
    memories: dict[int, CardState] = {}
    for num, log in groupby(rows, itemgetter(0)):
        if num not in cards:
            continue  # a row without its card (a damaged store): replay never saw it either
        card_id, suspended, leech = cards[num]
        part = fast.state(num, log) if fast else None
        if part is None:
            part = replay(scheduler, num, store.reviews(card_id)).fsrs_part()
        memories[num] = CardState(*part, suspended, leech)
    return memories
