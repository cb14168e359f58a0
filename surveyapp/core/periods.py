"""Coarsen a date to the configured precision, so no response carries its exact moment."""

from __future__ import annotations

import datetime as dt


def period_start(day: dt.date, precision: str) -> dt.date:
    """The first day of the day, ISO week or month that ``day`` falls in."""
    if precision == "day":
        return day
    if precision == "week":
        return day - dt.timedelta(days=day.isoweekday() - 1)
    if precision == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown date precision {precision!r}")


def label(start: dt.date, precision: str) -> str:
    """ISO-style label: 2026-11-16, 2026-W47 or 2026-11."""
    if precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return f"{start.year}-{start.month:02d}"
    return start.isoformat()
