"""Self-generated pairing codes: four facts, checked; stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac

from surveyapp.core import self_codes

KEY = b"k" * 32


def test_four_facts_make_one_code():
    code, errors = self_codes.parse(" ä", "k", "7", "03")
    assert errors == {} and code.canonical() == "ÄK0703"
    assert (
        self_codes.keyed_hash(code, KEY)
        == hmac.new(KEY, "self:ÄK0703".encode(), hashlib.sha256).hexdigest()
    )


def test_dont_know_is_a_letter_of_its_own():
    code, errors = self_codes.parse("-", "-", "29", "2")
    assert errors == {} and code.canonical() == "--2902"


def test_every_problem_is_named_and_nothing_is_made():
    assert self_codes.parse("Ab", "1", "32", "13") == (
        None,
        {"mother": "letter", "father": "letter", "day": "number", "month": "number"},
    )
    assert self_codes.parse("A", "B", "31", "4") == (None, {"day": "date"})
    assert self_codes.parse("A", "B", "٣", "4") == (None, {"day": "number"})
