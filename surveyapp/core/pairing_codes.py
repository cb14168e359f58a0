"""Pairing codes: a code only the participant keeps, which pairs their answers across waves.

A code card carries six random characters and a check character from the access codes' alphabet
(no look-alikes: no B/8, G/6, I/1/L, O/0, S/5, U/V, Z/2), printed as ``ACD-EF3X``. The check
character is Luhn mod N over the alphabet (ISO/IEC 7812's Luhn generalised to 22 characters): it
catches every single mistyped character and every swap of two neighbouring characters except
"A" with "9" (the alphabet's first and last), so a mistyped code is refused rather than paired
with someone else's. Six random characters give 22**6 ≈ 113 million codes (26,7 bits).

The server never stores a code: only its keyed hash, HMAC-SHA-256 with a key from the app's
configuration (never in the database), so the database alone cannot link a code typed on a form
to a card, nor be searched for a code someone knows. Whoever holds both the database and the key
can test a code they know; that is why the key lives outside the database and its backups.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from surveyapp.core.access_codes import ALPHABET

RANDOM_LENGTH = 6
LENGTH = RANDOM_LENGTH + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_SEPARATORS = str.maketrans("", "", " -–")
MIN_KEY_BYTES = 32


def check_character(body: str) -> str:
    """Luhn mod N: from the right, every second value doubled and its base-N digits added."""
    n = len(ALPHABET)
    total = 0
    for position, ch in enumerate(reversed(body)):
        value = _VALUE[ch]
        if position % 2 == 0:
            value *= 2
            value = value // n + value % n
        total += value
    return ALPHABET[(n - total % n) % n]


def valid(code: str) -> bool:
    """A normalised code whose last character checks the rest."""
    return (
        len(code) == LENGTH
        and all(ch in _VALUE for ch in code)
        and check_character(code[:-1]) == code[-1]
    )


def normalise(raw: str) -> str | None:
    """The code as typed (any case, spaces and hyphens ignored); None when it cannot be one."""
    code = raw.translate(_SEPARATORS).upper()
    return code if valid(code) else None


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + check_character(body)


def printed(code: str) -> str:
    """As on the card: two groups of three and four, easy to read aloud and to type."""
    return f"{code[:3]}-{code[3:]}"


def sheet(count: int) -> list[str]:
    """``count`` different new codes for a sheet of cards."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_code())
    return sorted(codes)


def keyed_hash(code: str, key: bytes) -> str:
    """What the database keeps of a code: its HMAC-SHA-256 under the configured key, in hex."""
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"the pairing key must be at least {MIN_KEY_BYTES} bytes")
    return hmac.new(key, code.encode("utf-8"), hashlib.sha256).hexdigest()
