"""Wrong-PIN lockout of the kiosk's leader pages, growing with each lock, per session and across sessions.

Five wrong PINs in a row lock one group session for five minutes, the next lock ten, then twenty
and so on (at most a day). Twenty wrong PINs in a row on any sessions lock every session's leader
pages the same growing way, so guessing on many tablets is limited too; a coordinator's own pages
still close sessions then. Counted in the database (lockout.py), so every app host shares the
counts; nothing about the client is kept.
"""

from __future__ import annotations

import time

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from surveyapp.core import lockout
from surveyapp.core.models import GroupSession, PinGuard

MAX_TRIES = 5
LOCK_SECONDS = 300
MAX_LOCK_SECONDS = 24 * 3600
GUARD = "kiosk"
GUARD_MAX_TRIES = 20
_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def clock() -> int:
    return int(time.time())


def lock_seconds(row: GroupSession | PinGuard) -> int:
    """Each lock twice as long as the one before."""
    return min(LOCK_SECONDS * 2 ** min(row.locks or 0, 16), MAX_LOCK_SECONDS)


def guard(db: Session) -> PinGuard:
    """The row counting wrong PINs across sessions, created on first use (by any app host)."""
    insert = _INSERT[db.get_bind().dialect.name]
    db.execute(
        insert(PinGuard.__table__)
        .values(id=GUARD, failed_tries=0, locks=0)
        .on_conflict_do_nothing()
    )
    return db.get(PinGuard, GUARD, populate_existing=True)


def locked(db: Session, group_session: GroupSession) -> bool:
    now = clock()
    return lockout.is_locked(group_session, now) or lockout.is_locked(guard(db), now)


def failed(db: Session, group_session: GroupSession) -> None:
    now = clock()
    lockout.record_failure(
        db,
        group_session,
        now=now,
        max_failures=MAX_TRIES,
        lock_seconds=lock_seconds(group_session),
    )
    across = guard(db)
    lockout.record_failure(
        db, across, now=now, max_failures=GUARD_MAX_TRIES, lock_seconds=lock_seconds(across)
    )


def succeeded(db: Session, group_session: GroupSession) -> None:
    lockout.record_success(db, group_session)
    lockout.record_success(db, guard(db))
