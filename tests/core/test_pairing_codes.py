"""Pairing code cards: the check character catches mistypes; only a keyed hash leaves the module."""

from __future__ import annotations

import hashlib
import hmac
import itertools

import pytest

from surveyapp.core import pairing_codes
from surveyapp.core.access_codes import ALPHABET

KEY = b"k" * 32


def luhn_mod_n(body: str) -> str:
    """The check character, written out independently of the module (ISO/IEC 7812 generalised)."""
    n = len(ALPHABET)
    factor, total = 2, 0
    for ch in reversed(body):
        addend = factor * ALPHABET.index(ch)
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def test_new_codes_carry_their_check_character():
    for code in pairing_codes.sheet(200):
        assert len(code) == 7 and set(code) <= set(ALPHABET)
        assert code[-1] == luhn_mod_n(code[:-1])
        assert pairing_codes.normalise(pairing_codes.printed(code).lower()) == code


def test_known_check_characters():
    assert pairing_codes.check_character("AAAAAA") == "A"  # every value 0
    # "C" (1) doubled at the rightmost place: 2; the rest 0: check (22 - 2) % 22 = 20 → "7".
    assert pairing_codes.check_character("AAAAAC") == ALPHABET[20] == "7"
    # "C" one place further left is not doubled: (22 - 1) % 22 = 21 → "9".
    assert pairing_codes.check_character("AAAACA") == ALPHABET[21] == "9"


def test_every_single_mistype_is_refused():
    code = "KX3RT9" + pairing_codes.check_character("KX3RT9")
    for position, ch in itertools.product(range(7), ALPHABET):
        typo = code[:position] + ch + code[position + 1 :]
        assert (pairing_codes.normalise(typo) is None) == (typo != code)


def test_neighbour_swaps_are_refused_but_a_with_9():
    slipped = set()
    for a, b in itertools.permutations(ALPHABET, 2):
        body = "C" + a + b + "DEF"
        code = body + pairing_codes.check_character(body)
        swapped = code[0] + b + a + code[3:]
        if pairing_codes.normalise(swapped) is not None:
            slipped.add(frozenset((a, b)))
    assert slipped == {frozenset("A9")}


@pytest.mark.parametrize("raw", ["", "ACD-EF3", "ACD-EF3XX", "BCD-EF3X", "ACD EF3 0"])
def test_what_cannot_be_a_code(raw):
    assert pairing_codes.normalise(raw) is None


def test_keyed_hash_is_hmac_sha256_and_needs_a_real_key():
    assert (
        pairing_codes.keyed_hash("ACDEF37", KEY)
        == hmac.new(KEY, b"ACDEF37", hashlib.sha256).hexdigest()
    )
    assert pairing_codes.keyed_hash("ACDEF37", KEY) != pairing_codes.keyed_hash(
        "ACDEF37", b"l" * 32
    )
    with pytest.raises(ValueError):
        pairing_codes.keyed_hash("ACDEF37", b"short")
