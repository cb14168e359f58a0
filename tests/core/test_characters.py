"""What may be stored: no control characters or lone surrogates; whole numbers in 0–9 digits only."""

from __future__ import annotations

import pytest

from surveyapp.core.characters import storable, whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hyvä ryhmä\tkiitos\n", True),
        ("", True),
        ("a\x00b", False),
        ("\x1b[2J", False),
        ("\x7f", False),
        ("Kiva \ud83d", False),
        ("😀", True),
        ("\u202e", True),
    ],
)
def test_storable(text, expected):
    assert storable(text) is expected


@pytest.mark.parametrize(
    ("raw", "max_digits", "expected"),
    [
        ("12", 4, 12),
        (" 0 ", 4, 0),
        ("1234", 4, 1234),
        ("12345", 4, None),
        ("", 4, None),
        ("²", 4, None),
        ("٣", 4, None),
        ("８", 4, None),
        ("-1", 4, None),
        ("1_0", 4, None),
        ("1e3", 4, None),
        ("12\x00", 4, None),
    ],
)
def test_whole_number(raw, max_digits, expected):
    assert whole_number(raw, max_digits) == expected
