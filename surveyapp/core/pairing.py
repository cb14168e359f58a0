"""Sealed pairing codes: what is stored of a code, and the pairs of two waves found with the key.

A response's pairing code is kept as its keyed hash (pairing_codes.keyed_hash), *sealed*: a random
16-byte nonce and the hash XOR-ed with HMAC-SHA-256(key, "seal" + nonce). The same code typed in two
waves so leaves two unrelated values in the database; only the pairing key (app configuration,
never the database) unseals them into equal hashes. Without the key nothing stored links two
waves' answers, and no one can test a code they know against the table.

Two waves are paired by unsealing both waves' codes: a hash found once in each wave is one pair.
A hash found twice in one wave (a self-generated code two people share, or one person answering
twice) pairs nothing in that wave: which answer belongs to whom cannot be told, so both stay
unpaired rather than risk a wrong pair.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surveyapp.core import pairing_codes
from surveyapp.core.models import PairingCode, Response

NONCE_BYTES = 16
SEALED_LENGTH = 2 * (NONCE_BYTES + hashlib.sha256().digest_size)


def _mask(key: bytes, nonce: bytes) -> bytes:
    return hmac.new(key, b"seal" + nonce, hashlib.sha256).digest()


def seal(code: str, key: bytes) -> str:
    """The stored form of ``code`` (a card code, or ``self:`` and a self-generated code)."""
    digest = bytes.fromhex(pairing_codes.keyed_hash(code, key))
    nonce = secrets.token_bytes(NONCE_BYTES)
    masked = bytes(a ^ b for a, b in zip(digest, _mask(key, nonce), strict=True))
    return (nonce + masked).hex()


def unseal(sealed: str, key: bytes) -> str:
    """The keyed hash (hex) a sealed value holds."""
    raw = bytes.fromhex(sealed)
    nonce, masked = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    return bytes(a ^ b for a, b in zip(masked, _mask(key, nonce), strict=True)).hex()


def store(db: Session, response_id: str, code: str, key: bytes) -> None:
    """Keep the response's code, sealed. Flushes, never commits."""
    db.add(PairingCode(response_id=response_id, sealed=seal(code, key)))
    db.flush()


@dataclass(frozen=True)
class Pairs:
    """Two waves' answers paired: (first wave's response id, second's) and each wave's count."""

    pairs: tuple[tuple[str, str], ...]
    answered: tuple[int, int]


def _hashes(db: Session, collection_id: str, key: bytes) -> dict[str, str]:
    """hash -> response id of a wave's codes found exactly once in it."""
    rows = db.execute(
        select(PairingCode.response_id, PairingCode.sealed)
        .join(Response, Response.id == PairingCode.response_id)
        .where(Response.collection_id == collection_id)
    ).all()
    unsealed = [(unseal(sealed, key), response_id) for response_id, sealed in rows]
    seen = Counter(h for h, _ in unsealed)
    return {h: response_id for h, response_id in unsealed if seen[h] == 1}


def answered(db: Session, collection_id: str) -> int:
    return db.scalar(
        select(func.count()).select_from(Response).where(Response.collection_id == collection_id)
    )


def paired(db: Session, first_id: str, second_id: str, key: bytes) -> Pairs:
    """The pairs of two waves (collections), in no meaningful order (sorted by hash)."""
    first, second = _hashes(db, first_id, key), _hashes(db, second_id, key)
    common = sorted(first.keys() & second.keys())
    return Pairs(
        tuple((first[h], second[h]) for h in common),
        (answered(db, first_id), answered(db, second_id)),
    )


def pair_numbers(db: Session, collection_ids: list[str], key: bytes) -> dict[str, int]:
    """response id -> a pair number for one paired export: the answers of one code in two or more
    of the waves share a number; numbers 1, 2, … are dealt in a fresh random order each time, so
    two exports' numbers say nothing of each other (and nothing of the code or its hash)."""
    people: dict[str, list[str]] = defaultdict(list)
    for collection_id in collection_ids:
        for digest, response_id in _hashes(db, collection_id, key).items():
            people[digest].append(response_id)
    paired = [ids for ids in people.values() if len(ids) > 1]
    numbers = list(range(1, len(paired) + 1))
    secrets.SystemRandom().shuffle(numbers)
    return {rid: number for ids, number in zip(paired, numbers, strict=True) for rid in ids}
