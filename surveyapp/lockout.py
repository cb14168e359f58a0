"""Login lockout: wrong passwords in a row lock an account for a while, counted in the database.

The counts live on user_account, so several app hosts behind a load balancer share them, and each
change is one UPDATE, so concurrent wrong tries are all counted. No Flask here: the caller passes
the clock and the limits.
"""
from __future__ import annotations

from sqlalchemy import case, update
from sqlalchemy.orm import Session

from .models import User


def is_locked(user: User, now: int) -> bool:
    return user.locked_until is not None and now < user.locked_until


def record_failure(session: Session, user: User, *, now: int, max_failures: int, lock_seconds: int) -> None:
    """Count a wrong password; the max_failures-th in a row locks the account and starts the count again."""
    reaches = User.failed_logins + 1 >= max_failures
    session.execute(update(User).where(User.id == user.id).values(
        failed_logins=case((reaches, 0), else_=User.failed_logins + 1),
        locked_until=case((reaches, now + lock_seconds), else_=User.locked_until)))
    session.refresh(user)


def record_success(session: Session, user: User) -> None:
    if user.failed_logins or user.locked_until is not None:
        session.execute(update(User).where(User.id == user.id).values(failed_logins=0, locked_until=None))
        session.refresh(user)
