"""``studydeck stats``: the numbers as a readable table, or as JSON with ``--json``."""

from __future__ import annotations

import json
from argparse import Namespace

from studydeck import charts
from studydeck.commands._state import open_state, unknown_deck
from studydeck.environment import Environment
from studydeck.stats import (
    FORECAST_DAYS,
    HISTORY_DAYS,
    MATURE_DAYS,
    RECENT_DAYS,
    Stats,
    compute,
)

BAR_WIDTH = 40


def run(args: Namespace, env: Environment) -> int:
    with open_state(env, read_only=True) as state:
        if args.deck and args.deck not in state.store.deck_names():
            raise unknown_deck(state.store, args.deck)
        stats = compute(state.store, state.config, env.now(), deck=args.deck)
    if args.json:
        env.print(json.dumps(stats.to_json(), indent=2))
    else:
        env.print("\n".join(render(stats)))
    return 0


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def per_day(total: int, days: int) -> str:
    """An average that never shows a positive count as 0.0: ``12``, ``1.5``, ``0.03``."""
    average = total / days
    if average >= 10:
        return f"{average:.0f}"
    if average == 0:
        return "0"
    if average >= 0.1:
        return f"{average:.1f}"
    return f"{average:.2f}" if average >= 0.01 else "under 0.01"


def render(stats: Stats) -> list[str]:
    lines = [
        f"studydeck stats · {stats.deck or 'all decks'} · study day {stats.today.isoformat()}",
        "",
        "cards   " + " · ".join(f"{name} {n}" for name, n in stats.cards_by_state.items()),
        f"recall  average retrievability now {_percent(stats.average_retrievability)} "
        f"over {stats.retrievability_cards} studied card(s)",
    ]

    days = stats.reviews_per_day
    total = sum(d.count for d in days)
    studied = sum(d.count > 0 for d in days)
    lines += [
        "",
        f"reviews, last {HISTORY_DAYS} days: {total} in all · {studied} day(s) studied · "
        f"{per_day(total, len(days))} a day on average",
        *("  " + row for row in charts.heatmap([(d.day, d.count) for d in days])),
        "",
        f"reviews per day, last {RECENT_DAYS} days: {sum(d.count for d in days[-RECENT_DAYS:])}",
        f"  {'day':<10}  {'reviews':>7}",
    ]
    recent = days[-RECENT_DAYS:]
    largest = max(d.count for d in recent)
    for d in recent:
        lines.append(
            f"  {d.day.isoformat()}  {d.count:>7}  {charts.bar(d.count, largest, BAR_WIDTH)}"
        )

    lines += [
        "",
        f"true retention (reviews of cards with an interval of {MATURE_DAYS}+ days answered "
        f"Hard/Good/Easy), desired {stats.desired_retention:.0%}",
        f"  {'week of':<10}  {'reviews':>7}  {'passed':>6}  {'retention':>9}",
    ]
    for week in stats.retention_by_week:
        mark = ""
        if week.retention is not None:
            mark = "  ✓" if week.retention >= stats.desired_retention else "  below desired"
        lines.append(
            f"  {week.week.isoformat()}  {week.mature_reviews:>7}  {week.passed:>6}  "
            f"{_percent(week.retention):>9}{mark}"
        )

    lines += ["", f"due, next {FORECAST_DAYS} days (today includes overdue cards)"]
    lines.append(f"  {'day':<10}  {'due':>7}")
    largest = max(d.count for d in stats.forecast)
    for d in stats.forecast:
        lines.append(
            f"  {d.day.isoformat()}  {d.count:>7}  {charts.bar(d.count, largest, BAR_WIDTH)}"
        )
    return [line.rstrip() for line in lines]
