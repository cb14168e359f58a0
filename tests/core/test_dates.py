"""Dates as written on forms: the one parser the settings, paper entry and group sessions share."""

from __future__ import annotations

import datetime as dt

import pytest

from surveyapp.core.dates import parse_date, past_day

TODAY = dt.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7.3.2026", dt.date(2026, 3, 7)),
        (" 07.03.2026 ", dt.date(2026, 3, 7)),
        ("2026-03-07", dt.date(2026, 3, 7)),
        ("31.2.2026", None),
        ("7.3.26", None),
        ("20260307", None),
        ("7. 3. 2026", None),
        ("", None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", TODAY),
        ("  ", TODAY),
        ("6.3.2026", dt.date(2026, 3, 6)),
        ("7.3.2026", TODAY),
        ("8.3.2026", None),  # not yet
        ("1.1.2000", dt.date(2000, 1, 1)),
        ("31.12.1999", None),
        ("huomenna", None),
    ],
)
def test_past_day(raw, expected):
    assert past_day(raw, TODAY) == expected
