"""The slowdown of one coordinator account that many clients have tried wrong passwords for.

Counted on the account's row (failed_tries, locked_until), each change one UPDATE, so every app
host shares it. Past ``after`` wrong tries (until a right one), every wrong try makes the next try
for the account wait ``wait`` seconds: a guesser with many addresses is slowed to one try per wait,
and the owner is never locked out for longer than that. No Flask here.
"""

from __future__ import annotations

from sqlalchemy import case, update
from sqlalchemy.orm import Session

from surveyapp.core.models import User


def waiting(user: User, now: int) -> bool:
    return user.locked_until is not None and now < user.locked_until


def failed(db: Session, user: User, *, now: int, after: int, wait: int) -> None:
    tries = User.failed_tries + 1
    db.execute(
        update(User)
        .where(User.id == user.id)
        .values(
            failed_tries=tries,
            locked_until=case((tries >= after, now + wait), else_=User.locked_until),
        )
    )
    db.refresh(user)


def succeeded(db: Session, user: User) -> None:
    if user.failed_tries or user.locked_until is not None:
        db.execute(update(User).where(User.id == user.id).values(failed_tries=0, locked_until=None))
        db.refresh(user)
