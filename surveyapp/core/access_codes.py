"""Single-use access codes of a collection: generated in batches, used once, never linked to an answer.

A code is eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V),
printed as ``ABCD-EFGH`` and read back case-insensitively, spaces and hyphens ignored.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import case, false, func, select, update
from sqlalchemy.orm import Session

from surveyapp.core import throttle
from surveyapp.core.models import AccessCode, Collection

ALPHABET = "ACDEFHJKMNPQRTWXY34679"
LENGTH = 8
MAX_BATCH = 500


class CodeRejected(Exception):
    """The code is not a usable code of this collection: unknown, used, of another collection, or malformed.

    Deliberately one reason for all of them, so a failure never tells whether a code exists elsewhere.
    ``wait``: the client tried too many wrong codes and may try again in this many seconds.
    """

    def __init__(self, wait: int = 0) -> None:
        super().__init__(wait)
        self.wait = wait


@dataclass(frozen=True)
class Client:
    """Who types a code: the client as a keyed hash (web/clients.py), the clock, the policy."""

    key: str
    now: int
    policy: throttle.Policy


def normalise(raw: str) -> str | None:
    """The code as stored, or None when it cannot be one."""
    code = "".join(raw.split()).replace("-", "").upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def printed(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def generate(db: Session, collection: Collection, municipality_code: str | None, count: int) -> int:
    """Add ``count`` new codes as the collection's next batch; returns the batch number. Flushes, never commits."""
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"a batch has 1 to {MAX_BATCH} codes")
    existing = set(
        db.scalars(select(AccessCode.code).where(AccessCode.collection_id == collection.id))
    )
    batch = (
        db.scalar(
            select(func.max(AccessCode.batch)).where(AccessCode.collection_id == collection.id)
        )
        or 0
    ) + 1
    codes: list[str] = []
    while len(codes) < count:
        code = new_code()
        if code not in existing:
            existing.add(code)
            codes.append(code)
    db.add_all(
        AccessCode(
            collection_id=collection.id,
            code=code,
            municipality_code=municipality_code,
            batch=batch,
            used=False,
        )
        for code in codes
    )
    db.flush()
    return batch


def find(db: Session, collection: Collection, raw: str) -> AccessCode:
    """The unused code ``raw`` of this collection, without using it; CodeRejected otherwise."""
    code = normalise(raw)
    row = db.get(AccessCode, (collection.id, code), populate_existing=True) if code else None
    if row is None or row.used:
        raise CodeRejected()
    return row


def admit(db: Session, collection: Collection, raw: str, client: Client) -> AccessCode:
    """The unused code ``raw`` of this collection, without using it; CodeRejected otherwise.

    Wrong codes are counted per client only (never per collection), so guessers slow down themselves and
    nobody else: a respondent with a valid code from another address always gets in. The count is in
    the caller's transaction: the caller commits it whatever else happens.
    """
    wait = throttle.blocked_for(db, client.key, client.now)
    if wait:
        raise CodeRejected(wait)
    try:
        return find(db, collection, raw)
    except CodeRejected:
        throttle.record_failure(db, client.key, now=client.now, policy=client.policy)
        raise


def consume(db: Session, collection: Collection, raw: str) -> str | None:
    """Mark the code used, in the caller's transaction; returns its municipality. CodeRejected when unusable.

    The collection's row is locked first (PostgreSQL), so two answers with one code cannot both pass; the
    UPDATE itself also checks, in the same statement, that the code is still unused (SQLite).
    It is a single UPDATE of every code row of the collection: on PostgreSQL each row gets the same new
    version (xmin) in its old physical order, so neither version numbers nor row positions single out
    the code just used, although it is written in the same transaction as the answer.
    """
    code = normalise(raw)
    if code is None:
        raise CodeRejected()
    db.execute(select(Collection.id).where(Collection.id == collection.id).with_for_update())
    other = AccessCode.__table__.alias("unused")
    still_unused = (
        select(other.c.code)
        .where(
            other.c.collection_id == collection.id, other.c.code == code, other.c.used == false()
        )
        .exists()
    )
    result = db.execute(
        update(AccessCode)
        .where(AccessCode.collection_id == collection.id, still_unused)
        .values(used=case((AccessCode.code == code, True), else_=AccessCode.used))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        raise CodeRejected()
    return db.scalar(
        select(AccessCode.municipality_code).where(
            AccessCode.collection_id == collection.id, AccessCode.code == code
        )
    )


@dataclass(frozen=True)
class Counts:
    issued: int
    used: int

    @property
    def unused(self) -> int:
        return self.issued - self.used


def counts(db: Session, collection: Collection) -> dict[str | None, Counts]:
    """Issued and used codes per municipality (None: the collection's project-level unit). Never which codes."""
    rows = db.execute(
        select(
            AccessCode.municipality_code,
            func.count(),
            func.sum(case((AccessCode.used, 1), else_=0)),
        )
        .where(AccessCode.collection_id == collection.id)
        .group_by(AccessCode.municipality_code)
    )
    return {place: Counts(issued, int(used or 0)) for place, issued, used in rows}


def batches(db: Session, collection: Collection) -> list[tuple[int, str | None, int]]:
    """(batch, municipality, number of codes) for each printout of the collection."""
    rows = db.execute(
        select(AccessCode.batch, AccessCode.municipality_code, func.count())
        .where(AccessCode.collection_id == collection.id)
        .group_by(AccessCode.batch, AccessCode.municipality_code)
        .order_by(AccessCode.batch)
    )
    return [tuple(row) for row in rows]


def batch_codes(db: Session, collection: Collection, batch: int) -> list[AccessCode]:
    """The codes of one printout, in alphabetical order. Whether each is used is not for printing."""
    return list(
        db.scalars(
            select(AccessCode)
            .where(AccessCode.collection_id == collection.id, AccessCode.batch == batch)
            .order_by(AccessCode.code)
        )
    )
