"""A self-generated pairing code: built on the form from facts the person always knows.

Longitudinal youth and health surveys pair waves with such codes (Yurek, Vasey & Havens 2008,
Evaluation Review 32(5); Schnell, Bachteler & Reiher 2010, Evaluation Review 34(5)). The elements
here are those found stable over months in that work and easy to answer without looking anything
up: the first letter of the mother's first name and of the father's first name (or of the person
who stood in their place), and the day and month of one's own birth. Elements that change or are
often misremembered (number of older siblings, eye colour, a favourite anything) are left out.

What it risks, which README repeats: the code is *computable* by anyone who knows those four facts
about a person. Whoever can read the database *and* holds the app's pairing key can compute a
known person's code and find their answers. Without the key, the stored hash reveals nothing.
At most 30 · 30 · 366 = 329 400 different codes (18,3 bits: the 29 Finnish letters A–Ö or "don't
know", twice, and the 366 days of a year); real first letters and birthdays are far from uniform,
so fewer in practice: two people in a group of 40 would share a code with a probability of about
0,24 % if codes were uniform, and more in reality. A
random code card (pairing_codes.py, 26,7 bits, computable by no one) is the stronger choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveyapp.core import pairing_codes

# Finnish alphabet letters a first name may start with, and "-" for "don't know / no such person".
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ") + ("-",)
ELEMENTS = ("mother", "father", "day", "month")


@dataclass(frozen=True)
class SelfCode:
    mother: str
    father: str
    day: int
    month: int

    def canonical(self) -> str:
        """The code as one string, e.g. ``AK0703`` (what is hashed; never stored)."""
        return f"{self.mother}{self.father}{self.day:02d}{self.month:02d}"


DAYS_IN_MONTH = {
    1: 31,
    2: 29,
    3: 31,
    4: 30,
    5: 31,
    6: 30,
    7: 31,
    8: 31,
    9: 30,
    10: 31,
    11: 30,
    12: 31,
}


def parse(mother: str, father: str, day: str, month: str) -> tuple[SelfCode | None, dict[str, str]]:
    """The code from the form's four answers, or the problems by element (all four or none)."""
    errors: dict[str, str] = {}
    letters = {}
    for name, raw in (("mother", mother), ("father", father)):
        letter = raw.strip().upper()
        if letter not in LETTERS:
            errors[name] = "letter"
        letters[name] = letter
    numbers = {}
    for name, raw, top in (("day", day, 31), ("month", month, 12)):
        text = raw.strip()
        value = int(text) if text.isascii() and text.isdigit() and len(text) <= 2 else 0
        if not 1 <= value <= top:
            errors[name] = "number"
        numbers[name] = value
    if "day" not in errors and "month" not in errors:
        if numbers["day"] > DAYS_IN_MONTH[numbers["month"]]:
            errors["day"] = "date"
    if errors:
        return None, errors
    return SelfCode(letters["mother"], letters["father"], numbers["day"], numbers["month"]), {}


def keyed_hash(code: SelfCode, key: bytes) -> str:
    """The stored form: HMAC under the pairing key, apart from card codes by a prefix."""
    return pairing_codes.keyed_hash("self:" + code.canonical(), key)
