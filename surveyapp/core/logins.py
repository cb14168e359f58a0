"""Coordinators' logins kept in the database, so that ending one ends it on every app host.

The browser holds a random token (in the signed cookie); the database holds only its SHA-256, the
account and the Unix second of the latest use. A login unused for the idle time is over; logging out
deletes it; a new password deletes all of the account's others. No Flask here.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from surveyapp.core.models import LoginSession, User

# The latest use is written at most once a minute per login, not on every request.
TOUCH_EVERY = 60


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def start(db: Session, user: User, *, now: int, idle_seconds: int) -> str:
    """A new login of ``user``; returns the token for the cookie. Also forgets logins long idle."""
    db.execute(delete(LoginSession).where(LoginSession.last_seen <= now - idle_seconds))
    token = secrets.token_urlsafe(32)
    db.add(LoginSession(token_hash=digest(token), user_id=user.id, last_seen=now))
    db.flush()
    return token


def user_of(
    db: Session, token: object, *, now: int, idle_seconds: int, write: bool = True
) -> User | None:
    """The account logged in with ``token``, or None (no such login, logged out, idle too long).

    Records the latest use and deletes an idle login unless ``write`` is false (a read-only database).
    """
    if not isinstance(token, str) or not token:
        return None
    row = db.get(LoginSession, digest(token))
    if row is None:
        return None
    if now - row.last_seen >= idle_seconds:
        if write:
            end(db, token)
        return None
    if write and now - row.last_seen >= TOUCH_EVERY:
        db.execute(
            update(LoginSession)
            .where(LoginSession.token_hash == row.token_hash)
            .values(last_seen=now)
        )
    return db.get(User, row.user_id)


def end(db: Session, token: object) -> None:
    if isinstance(token, str) and token:
        db.execute(delete(LoginSession).where(LoginSession.token_hash == digest(token)))


def end_all(db: Session, user: User, *, keep: str | None = None) -> int:
    """End every login of ``user`` (but ``keep``'s); returns how many ended."""
    condition = LoginSession.user_id == user.id
    if keep:
        condition = condition & (LoginSession.token_hash != digest(keep))
    return db.execute(delete(LoginSession).where(condition)).rowcount
