"""Text charts in plain Unicode blocks, shared by ``stats`` and the TUI Stats screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

SHADES = "·░▒▓█"  # no reviews, then four levels
EIGHTHS = " ▏▎▍▌▋▊▉█"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``largest``, in eighths of a cell."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def shade(count: int, largest: int) -> str:
    """One heatmap cell: blank for none, then four levels relative to the busiest day."""
    if count <= 0 or largest <= 0:
        return SHADES[0]
    return SHADES[min(4, 1 + (count * 4 - 1) // largest)]


def heatmap(days: Sequence[tuple[date, int]]) -> list[str]:
    """A calendar heatmap: one row per weekday (Mon first), one column per week, oldest left.
    Cells before the first day or after the last are blank."""
    if not days:
        return []
    counts = dict(days)
    largest = max(counts.values())
    first, last = days[0][0], days[-1][0]
    monday = first - timedelta(days=first.weekday())
    weeks = (last - monday).days // 7 + 1
    rows = []
    for weekday in range(7):
        cells = []
        for week in range(weeks):
            day = monday + timedelta(weeks=week, days=weekday)
            cells.append(shade(counts.get(day, 0), largest) if first <= day <= last else " ")
        rows.append(f"{WEEKDAYS[weekday]} {''.join(cells)}")
    return rows
