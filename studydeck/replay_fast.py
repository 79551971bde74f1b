"""A card's log replayed as one tight loop over plain numbers, equal bit for bit to
:func:`studydeck.schedule.replay` — for ``optimize --apply``, which reschedules every card.

``replay`` drives ``fsrs.Scheduler.review_card`` answer by answer (a Card copy, datetimes, enum
matches and a seeded fuzz generator each time): ~34k reviews/s. Here every step is the package's
own expression, operand for operand and in its order, with the parts that do not depend on the
card computed once, so each float comes out identical. Two things make it cheap:

- a card's stored state keeps only its last answer's due date, and nothing in FSRS reads an
  earlier due date back, so only the last answer is scheduled (and fuzzed: seeding the fuzz
  generator costs more than all the arithmetic of a review);
- times stay epoch seconds: ``(a - b).days`` of whole-second UTC datetimes is ``(a - b) // DAY``.

The formulas are those of the fsrs version in ``MIRRORED_FSRS``; with another one installed,
:func:`fast_replay` gives None and callers replay. A log this loop cannot follow exactly (a time
that is not an int inside the datetime range, a rating other than 0–4, a stability that overflowed)
gives None for that card, and the caller replays it with the reference scheduler.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from importlib.metadata import version

from fsrs.scheduler import MAX_DIFFICULTY, MIN_DIFFICULTY, STABILITY_MIN

from studydeck.schedule import Scheduler
from studydeck.store import LEARNING, NEW, RELEARNING, RESET, REVIEW, to_epoch

MIRRORED_FSRS = "6.3.2"  # fsrs/scheduler.py as read when writing this; re-read it on upgrade
DAY = 86_400
US = 1_000_000  # microseconds a second
LAST_EPOCH = to_epoch(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))  # datetime.max, whole s
NEW_STATE = (NEW, None, None, None, None, None, 0, 0)  # CardState().fsrs_part(): after a reset

FsrsPart = tuple  # CardState.fsrs_part(): state, step, s, d, due, last_review, reps, lapses


def fast_replay(scheduler: Scheduler) -> FastReplay | None:
    """The fast loop for this scheduler; None when the installed fsrs is not the mirrored one."""
    return FastReplay(scheduler) if version("fsrs") == MIRRORED_FSRS else None


class FastReplay:
    """``replay(scheduler, num, reviews).fsrs_part()``, computed from the log's rows alone."""

    def __init__(self, scheduler: Scheduler) -> None:
        self.scheduler = scheduler
        f = scheduler.fsrs
        w = f.parameters
        e = math.e
        ratings = range(5)  # indexed by rating; entry 0 (a reset) is never read
        # fsrs _initial_stability / _initial_difficulty(clamp=True)
        self.initial_stability = tuple(max(w[r - 1], STABILITY_MIN) for r in ratings)
        self.initial_difficulty = tuple(
            min(max(w[4] - (e ** (w[5] * (r - 1))) + 1, MIN_DIFFICULTY), MAX_DIFFICULTY)
            for r in ratings
        )
        # _short_term_stability: e ** (w17 * (rating - 3 + w18)), times s ** -w19
        self.short_term_gain = tuple(e ** (w[17] * (r - 3 + w[18])) for r in ratings)
        # _next_recall_stability multiplies by hard_penalty, then easy_bonus; one is 1 per rating
        self.recall_bonus = (1, 1, w[15], 1, w[16])
        # _next_difficulty: delta, then mean reversion w7 * initial(Easy) + (1 - w7) * arg_2
        self.difficulty_delta = tuple(-(w[6] * (r - 3)) for r in ratings)
        self.easy_target = w[7] * (w[4] - (e ** (w[5] * (4 - 1))) + 1)
        self.keep_share = 1 - w[7]
        self.forget_divisor = e ** (w[17] * w[18])
        self.e_w8 = e ** w[8]
        self.w = w
        self.decay, self.factor = f._DECAY, f._FACTOR
        self.interval_per_stability = (f.desired_retention ** (1 / f._DECAY)) - 1
        self.maximum_interval = f.maximum_interval
        self.learning = Steps(f.learning_steps)
        self.relearning = Steps(f.relearning_steps)
        longest = max(
            max(1, f.maximum_interval) * DAY, self.learning.longest, self.relearning.longest
        )
        self.last_safe_time = LAST_EPOCH - longest  # every due date stays a valid datetime
        self._fuzz_ranges: dict[int, tuple[int, int]] = {}
        self._fuzz = random.Random()

    def state(self, num: int, log: Iterable[tuple[int, int, int]]) -> FsrsPart | None:
        """The card's state after ``log``, rows ``(card, reviewed_at, rating)`` in
        ``(reviewed_at, id)`` order, resets included (the card column, there because the bulk
        read gives it, is not read); None if this loop cannot reproduce the replay exactly."""
        w = self.w
        w9, w10, w11, w12, w13, w14, w19 = w[9], w[10], w[11], w[12], w[13], w[14], w[19]
        e, e_w8 = math.e, self.e_w8
        decay, factor, forget_divisor = self.decay, self.factor, self.forget_divisor
        initial_stability, initial_difficulty = self.initial_stability, self.initial_difficulty
        short_term_gain, recall_bonus = self.short_term_gain, self.recall_bonus
        difficulty_delta, easy_target, keep_share = (
            self.difficulty_delta, self.easy_target, self.keep_share
        )  # fmt: skip
        learning, relearning, last_safe_time = self.learning, self.relearning, self.last_safe_time

        state, step, s, d, last, reps, lapses = NEW, None, None, None, None, 0, 0
        before_reps, before_last, at = 0, None, 0
        step_us: int | None = None  # the last answer's (re)learning step; None: days from s
        for _, at, rating in log:
            if type(at) is not int or not 0 <= at <= last_safe_time:
                return None
            if type(rating) is not int or not 0 <= rating <= 4:
                return None
            if rating == RESET:
                state, step, s, d, last, reps, lapses = NEW, None, None, None, None, 0, 0
                continue
            before_reps, before_last, before_state = reps, last, state
            if state == NEW:  # fsrs takes a new card as Learning, step 0, no memory yet
                s, d = initial_stability[rating], initial_difficulty[rating]
                state, step = LEARNING, 0
            else:
                elapsed = (at - last) // DAY
                if elapsed < 1:  # _short_term_stability
                    gain = short_term_gain[rating] * (s**-w19)
                    if rating != 1 and gain < 1.0:
                        gain = 1.0
                    s = s * gain
                else:
                    r = (1 + factor * elapsed / s) ** decay  # get_card_retrievability
                    if rating == 1:  # _next_forget_stability
                        long_term = (
                            w11 * (d**-w12) * (((s + 1) ** w13) - 1) * (e ** ((1 - r) * w14))
                        )
                        short_term = s / forget_divisor
                        s = short_term if short_term < long_term else long_term
                    else:  # _next_recall_stability
                        s = s * (
                            1
                            + e_w8
                            * (11 - d)
                            * (s**-w9)
                            * ((e ** ((1 - r) * w10)) - 1)
                            * recall_bonus[rating]
                        )
                if s < STABILITY_MIN:
                    s = STABILITY_MIN
                d = easy_target + keep_share * (d + (10.0 - d) * difficulty_delta[rating] / 9.0)
                if d < MIN_DIFFICULTY:
                    d = MIN_DIFFICULTY
                if d > MAX_DIFFICULTY:
                    d = MAX_DIFFICULTY
            # the next interval, as review_card's state machine picks it
            if state == REVIEW:
                if rating == 1 and relearning.count:
                    state, step, step_us = RELEARNING, 0, relearning.us[0]
                else:
                    step_us = None
            else:
                steps = learning if state == LEARNING else relearning
                count = steps.count
                if count == 0 or (step >= count and rating != 1):
                    state, step, step_us = REVIEW, None, None
                elif rating == 1:
                    step, step_us = 0, steps.us[0]
                elif rating == 2:
                    step_us = steps.hard_first_us if step == 0 else steps.us[step]
                elif rating == 3 and step + 1 != count:
                    step += 1
                    step_us = steps.us[step]
                else:  # Good on the last step, or Easy
                    state, step, step_us = REVIEW, None, None
            lapses += before_state == REVIEW and rating == 1
            reps += 1
            last = at
        if state == NEW:
            return NEW_STATE
        if not math.isfinite(s):  # round() would raise; leave that to the reference replay
            return None
        if step_us is not None:  # to_epoch(at + step): timestamp() divides microseconds
            due = int((at * US + step_us) / US)
        else:
            due = at + self._fuzzed_days(s, num, before_reps, before_last) * DAY
        return state, step, s, d, due, last, reps, lapses

    def _fuzzed_days(self, s: float, num: int, reps: int, last: int | None) -> int:
        """fsrs _next_interval, then Scheduler._fuzzed on it: the same range, and the same
        draw from a generator seeded alike (one reused, as seeding resets it whole)."""
        days = round((s / self.factor) * self.interval_per_stability)
        days = min(max(days, 1), self.maximum_interval)
        if days < 2.5:
            return days
        bounds = self._fuzz_ranges.get(days)
        if bounds is None:
            bounds = self._fuzz_ranges[days] = self.scheduler.fuzz_range(days)
        self._fuzz.seed(f"{num}:{reps}:{last}")
        return self._fuzz.randint(*bounds)


class Steps:
    """A scheduler's (re)learning steps as microseconds, with Hard's interval on the first."""

    def __init__(self, steps: tuple[timedelta, ...]) -> None:
        self.count = len(steps)
        self.us = tuple(step // timedelta(microseconds=1) for step in steps)
        hard = steps[0] * 1.5 if len(steps) == 1 else (steps[0] + steps[1]) / 2.0 if steps else None
        self.hard_first_us = None if hard is None else hard // timedelta(microseconds=1)
        self.longest = max([*self.us, self.hard_first_us or 0]) // US + 1  # seconds, rounded up
