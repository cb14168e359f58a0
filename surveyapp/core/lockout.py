"""Lockout after wrong passwords or PINs in a row, counted in the database: a coordinator's account,
a group session's kiosk PIN.

The counts live on the row (failed_tries, locked_until), so several app hosts behind a load balancer
share them, and each change is one UPDATE, so concurrent wrong tries are all counted. No Flask here:
the caller passes the clock and the limits.
"""

from __future__ import annotations

from sqlalchemy import case, update
from sqlalchemy.orm import Session

from surveyapp.core.models import GroupSession, PinGuard, User

Lockable = User | GroupSession | PinGuard


def is_locked(row: Lockable, now: int) -> bool:
    return row.locked_until is not None and now < row.locked_until


def record_failure(
    db: Session, row: Lockable, *, now: int, max_failures: int, lock_seconds: int
) -> None:
    """Count a wrong try; the max_failures-th in a row locks the row and starts the count again."""
    table = type(row)
    reaches = table.failed_tries + 1 >= max_failures
    values = {
        "failed_tries": case((reaches, 0), else_=table.failed_tries + 1),
        "locked_until": case((reaches, now + lock_seconds), else_=table.locked_until),
    }
    if hasattr(table, "locks"):  # rows whose locks grow count them (kiosk/pins.py)
        values["locks"] = case((reaches, table.locks + 1), else_=table.locks)
    db.execute(update(table).where(table.id == row.id).values(**values))
    db.refresh(row)


def record_success(db: Session, row: Lockable) -> None:
    if row.failed_tries or row.locked_until is not None:
        table = type(row)
        db.execute(
            update(table).where(table.id == row.id).values(failed_tries=0, locked_until=None)
        )
        db.refresh(row)
