"""What may reach a text or number column: checks shared by every form, free of Flask."""

from __future__ import annotations

import re

# Control characters other than tab and newline are never part of a text, and PostgreSQL refuses
# NUL outright; lone surrogates (JSON's "\ud800" decodes to one) cannot be stored as UTF-8.
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
ASCII_DIGITS = re.compile(r"[0-9]+")


def storable(text: str) -> bool:
    return UNSTORABLE.search(text) is None


def whole_number(raw: str, max_digits: int) -> int | None:
    """0–9 digits only: str.isdigit() also accepts "²" and "٣", which int() then refuses or reads."""
    raw = raw.strip()
    return int(raw) if len(raw) <= max_digits and ASCII_DIGITS.fullmatch(raw) else None
