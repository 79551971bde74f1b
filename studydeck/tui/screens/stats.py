"""Stats on one screen: cards and recall, reviews per day over the last RECENT_DAYS days and
the due forecast as compact column charts side by side (as Anki's graphs), and true
retention per week on a line. The per-day window is the CLI ``stats``'s (``RECENT_DAYS``)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from studydeck.stats import MATURE_DAYS, RECENT_DAYS, Stats
from studydeck.tui.commands import bindings_for
from studydeck.tui.text import plain
from studydeck.tui.widgets.column_chart import column_chart

RETENTION_WEEKS = 6  # the latest weeks shown on the retention line


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


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
            with Horizontal(id="stats-charts"):
                yield Static(id="stats-reviews", markup=False)
                yield Static(id="stats-forecast", markup=False)
            yield Static(id="stats-retention", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        stats = self.stats = self.load()

        def put(name: str, content: Content) -> None:
            self.query_one(f"#stats-{name}", Static).update(content)

        deck = stats.deck or "all decks"
        put("title", plain(f"Statistics · {deck} · study day {stats.today.isoformat()}"))
        states = " · ".join(f"{name} {n}" for name, n in stats.cards_by_state.items())
        recent = stats.reviews_per_day[-RECENT_DAYS:]
        total = sum(d.count for d in recent)
        studied = sum(d.count > 0 for d in recent)
        due_today = stats.forecast[0].count if stats.forecast else 0
        put(
            "summary",
            Content.assemble(
                ("Cards  ", "bold"),
                states,
                "\n",
                ("Recall ", "bold"),
                f"average retrievability now {_percent(stats.average_retrievability)} over "
                f"{stats.retrievability_cards} studied cards",
                "\n",
                ("Days   ", "bold"),
                f"{total} reviews on {studied} of the last {RECENT_DAYS} days · "
                f"{due_today} due today (overdue included)",
            ),
        )
        put(
            "reviews",
            Content.assemble(
                (f"Reviews, last {RECENT_DAYS} days: {total}\n", "bold"), column_chart(recent)
            ),
        )
        due = sum(d.count for d in stats.forecast)
        put(
            "forecast",
            Content.assemble(
                (f"Due, next {len(stats.forecast)} days: {due}\n", "bold"),
                column_chart(stats.forecast),
            ),
        )
        put("retention", self._retention(stats))

    @staticmethod
    def _retention(stats: Stats) -> Content:
        """``True retention (interval ≥ 21 d), desired 90%: week of 02-09 93.0% (14/15) · …``"""
        head = Content.assemble(
            (f"True retention (interval ≥ {MATURE_DAYS} d), desired ", "bold"),
            (f"{stats.desired_retention:.0%}", "bold"),
            ": ",
        )
        weeks = [w for w in stats.retention_by_week if w.mature_reviews][-RETENTION_WEEKS:]
        if not weeks:
            return head + Content("no reviews of mature cards in these weeks yet")
        parts = []
        for week in weeks:
            below = week.retention is not None and week.retention < stats.desired_retention
            parts.append(
                Content.assemble(
                    (f"week of {week.week.strftime('%m-%d')} ", "$text-muted"),
                    (_percent(week.retention), "$text-error" if below else "$text-success"),
                    f" ({week.passed}/{week.mature_reviews})",
                )
            )
        return head + Content(" · ").join(parts)

    def action_home(self) -> None:
        self.app.action_home()
