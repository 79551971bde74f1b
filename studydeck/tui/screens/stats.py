"""Stats: reviews per day, a calendar heatmap, true retention, the forecast, states, recall.

Charts are plain Unicode blocks from :mod:`studydeck.charts` (shared with ``stats``), drawn as
Content; no plotting dependency.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from studydeck import charts
from studydeck.stats import MATURE_DAYS, DayCount, Stats
from studydeck.tui.commands import bindings_for
from studydeck.tui.text import plain

BAR_WIDTH = 40
RECENT_DAYS = 30


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def bar_chart(days: list[DayCount], width: int = BAR_WIDTH) -> Content:
    """One line per day: date, count, bar (dates short: ``03-02``)."""
    largest = max((d.count for d in days), default=0)
    lines = [
        Content.assemble(
            (d.day.strftime("%m-%d"), "$text-muted"),
            f" {d.count:>5} ",
            (charts.bar(d.count, largest, width), "$accent"),
        )
        for d in days
    ]
    return Content("\n").join(lines)


class StatsScreen(Screen[None]):
    SCOPE = "stats"
    BINDINGS = bindings_for("stats")
    AUTO_FOCUS = "#stats-body"

    def __init__(self, load: Callable[[], Stats]) -> None:
        super().__init__()
        self.load = load

    def compose(self) -> ComposeResult:
        yield Static(id="stats-title", markup=False)
        with VerticalScroll(id="stats-body", can_focus=True):
            yield Static(id="stats-summary", markup=False)
            yield Static(id="stats-heatmap", markup=False)
            yield Static(id="stats-reviews", markup=False)
            yield Static(id="stats-retention", markup=False)
            yield Static(id="stats-forecast", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        stats = self.load()
        self.stats = stats

        def put(name: str, content: Content) -> None:
            self.query_one(f"#stats-{name}", Static).update(content)

        deck = stats.deck or "all decks"
        put("title", plain(f"Statistics · {deck} · study day {stats.today.isoformat()}"))
        states = " · ".join(f"{name} {n}" for name, n in stats.cards_by_state.items())
        put(
            "summary",
            Content.assemble(
                ("Cards  ", "bold"),
                states,
                "\n",
                ("Recall ", "bold"),
                f"average retrievability now {_percent(stats.average_retrievability)} over "
                f"{stats.retrievability_cards} studied cards",
            ),
        )
        days = stats.reviews_per_day
        total = sum(d.count for d in days)
        heat = charts.heatmap([(d.day, d.count) for d in days])
        put(
            "heatmap",
            Content.assemble(
                (f"Reviews, last {len(days)} days: {total}\n", "bold"),
                Content("\n").join(Content(row) for row in heat),
            ),
        )
        put(
            "reviews",
            Content.assemble(
                (f"Reviews per day, last {RECENT_DAYS}\n", "bold"),
                bar_chart(days[-RECENT_DAYS:]),
            ),
        )
        put("retention", self._retention(stats))
        put(
            "forecast",
            Content.assemble(
                (f"Due, next {len(stats.forecast)} days (today holds the overdue)\n", "bold"),
                bar_chart(stats.forecast),
            ),
        )

    @staticmethod
    def _retention(stats: Stats) -> Content:
        lines: list[Content] = [
            Content.assemble(
                (f"True retention (interval ≥ {MATURE_DAYS} d), desired ", "bold"),
                (f"{stats.desired_retention:.0%}", "bold"),
            )
        ]
        for week in stats.retention_by_week:
            if not week.mature_reviews:
                continue
            below = week.retention is not None and week.retention < stats.desired_retention
            lines.append(
                Content.assemble(
                    (f"week of {week.week.isoformat()}", "$text-muted"),
                    f"  {week.passed:>4}/{week.mature_reviews:<4} ",
                    (f"{_percent(week.retention):>6}", "$text-error" if below else "$text-success"),
                )
            )
        if len(lines) == 1:
            lines.append(Content("no reviews of mature cards in these weeks yet"))
        return Content("\n").join(lines)

    def action_home(self) -> None:
        self.app.action_home()
