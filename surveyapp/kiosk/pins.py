"""Wrong-PIN lockout of a kiosk: five wrong PINs in a row lock it for five minutes.

Counted on the group_session row (lockout.py), so every app host and worker shares the count;
nothing about the client is kept.
"""
from __future__ import annotations

import time

from sqlalchemy.orm import Session

from .. import lockout
from ..models import GroupSession

MAX_TRIES = 5
LOCK_SECONDS = 300


def clock() -> int:
    return int(time.time())


def locked(group_session: GroupSession) -> bool:
    return lockout.is_locked(group_session, clock())


def failed(session: Session, group_session: GroupSession) -> None:
    lockout.record_failure(session, group_session, now=clock(), max_failures=MAX_TRIES, lock_seconds=LOCK_SECONDS)


def succeeded(session: Session, group_session: GroupSession) -> None:
    lockout.record_success(session, group_session)
