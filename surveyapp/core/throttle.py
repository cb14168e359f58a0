"""Counting a client's failed tries (guessed access codes, wrong passwords) in the database.

Every app host and worker shares the counts. Each change is one statement (an upsert, then a
conditional update), so concurrent failures are all counted. A row holds a keyed hash (clients.py),
a count and two Unix seconds; it is forgotten at ``expires`` and deleted soon after. No Flask here:
the caller passes the key, the clock and the policy.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from surveyapp.core.models import Throttle

# A failed try deletes the expired rows now and then (not every time: fewer concurrent deletes).
CLEAN_ONE_IN = 16


@dataclass(frozen=True)
class Policy:
    """The ``limit``-th failure makes the client wait ``first_wait`` seconds, each further one twice as long."""

    limit: int
    first_wait: int
    max_wait: int
    # Seconds a client's count is remembered after its latest failure (and at least until its wait ends).
    window: int

    def wait(self, failures: int) -> int:
        beyond = failures - self.limit
        if beyond < 0:
            return 0
        return min(self.max_wait, self.first_wait * 2 ** min(beyond, 40))

    def most_per_day(self) -> int:
        """Failures one client can make in 24 hours: the free ones, the growing waits, then one per max_wait."""
        tries, elapsed = 0, 0
        while elapsed < 24 * 60 * 60:
            tries += 1
            elapsed += self.wait(tries)
        return tries


def blocked_for(db: Session, key: str, now: int) -> int:
    """Seconds until the client may try again (0: it may try now)."""
    until = db.scalar(
        select(Throttle.blocked_until).where(Throttle.key == key, Throttle.expires > now)
    )
    return max(0, (until or 0) - now)


def record_failure(db: Session, key: str, *, now: int, policy: Policy) -> int:
    """Count a failure of the client; returns the seconds it must now wait."""
    dialect = db.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    stale = Throttle.expires <= now
    statement = insert(Throttle).values(
        key=key, failures=1, blocked_until=0, expires=now + policy.window
    )
    statement = statement.on_conflict_do_update(
        index_elements=[Throttle.key],
        set_={
            "failures": case((stale, 1), else_=Throttle.failures + 1),
            "blocked_until": case((stale, 0), else_=Throttle.blocked_until),
            "expires": now + policy.window,
        },
    ).returning(Throttle.failures)
    failures = db.execute(statement).scalar_one()
    wait = policy.wait(failures)
    if wait:
        until = now + wait
        db.execute(
            update(Throttle)
            .where(Throttle.key == key)
            .values(
                blocked_until=case(
                    (Throttle.blocked_until < until, until), else_=Throttle.blocked_until
                ),
                expires=case((Throttle.expires < until, until), else_=Throttle.expires),
            )
        )
    if secrets.randbelow(CLEAN_ONE_IN) == 0:
        clean(db, now)
    return wait


def forget(db: Session, key: str) -> None:
    """The client proved itself (the right password): its count starts again."""
    db.execute(delete(Throttle).where(Throttle.key == key))


def clean(db: Session, now: int) -> int:
    """Delete the rows past their end; returns how many."""
    return db.execute(delete(Throttle).where(Throttle.expires <= now)).rowcount
