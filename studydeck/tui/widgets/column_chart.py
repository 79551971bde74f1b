"""A compact column chart of counts per day, one cell per day (as Anki's review graphs):
the last 30 days read at a glance in 30 columns and a few rows."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from studydeck.stats import DayCount

LEVELS = " ▁▂▃▄▅▆▇█"  # eighths of a cell, bottom up


def column_rows(values: Sequence[int], height: int) -> list[str]:
    """``height`` lines, top first; the largest value fills a column, any positive value
    shows at least an eighth."""
    largest = max(values, default=0)
    heights = [max(1, round(v / largest * height * 8)) if v > 0 and largest else 0 for v in values]
    return [
        "".join(LEVELS[max(0, min(8, h - (row - 1) * 8))] for h in heights)
        for row in range(height, 0, -1)
    ]


def column_chart(days: Sequence[DayCount], height: int = 6) -> Content:
    """The columns with a y axis (the largest count at the top) and the first and last day
    under them: ``12 ┤ ▃█ ▁`` … ``02-01 … 03-02``."""
    counts = [d.count for d in days]
    top = str(max(counts, default=0))
    pad = len(top)
    lines: list[Content] = []
    for index, row in enumerate(column_rows(counts, height)):
        label = top if index == 0 else ""
        tick = "┤" if index == 0 else "│"
        lines.append(Content.assemble((f"{label:>{pad}} {tick}", "$text-muted"), (row, "$accent")))
    width = len(counts)
    lines.append(Content.styled(f"{'0':>{pad}} └" + "─" * width, "$text-muted"))
    if days:
        first, last = days[0].day.strftime("%m-%d"), days[-1].day.strftime("%m-%d")
        gap = max(1, width - len(first) - len(last))
        lines.append(Content.styled(" " * (pad + 2) + first + " " * gap + last, "$text-muted"))
    return Content("\n").join(lines)
