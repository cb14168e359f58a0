"""Dates as people write them on forms: 7.3.2026, or 2026-03-07. No Flask here."""

from __future__ import annotations

import datetime as dt
import re


def parse_date(raw: str) -> dt.date | None:
    """7.3.2026 (or 2026-03-07); None for anything else, or a day that does not exist."""
    raw = raw.strip()
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", raw):
            day, month, year = (int(part) for part in raw.split("."))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        return None


def past_day(raw: str, today: dt.date) -> dt.date | None:
    """A day written on a paper form or for a group session: from 2000 to today; empty means today."""
    if not raw.strip():
        return today
    parsed = parse_date(raw)
    return parsed if parsed is not None and dt.date(2000, 1, 1) <= parsed <= today else None
