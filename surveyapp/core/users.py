"""Accounts: created with a hashed password, found by e-mail whatever its case; the password rules."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from surveyapp.core.models import User

# The same rules wherever a password is chosen: `users create`, `users password`, `setup`, the
# set-up page and an invitation's set-your-password page.
PASSWORD_MIN = 10
PASSWORD_MAX = 200


def password_problem(password: str, again: str | None = None) -> str | None:
    """Why a new password is refused ("short", "long", "different"), or None when it is fine."""
    if len(password) < PASSWORD_MIN:
        return "short"
    if len(password) > PASSWORD_MAX:
        return "long"
    if again is not None and again != password:
        return "different"
    return None


def create_user(db: Session, *, email: str, name: str, password: str, role: str) -> User:
    user = User(
        email=email.strip().lower(),
        name=name,
        password_hash=generate_password_hash(password),
        role=role,
    )
    db.add(user)
    db.flush()
    return user


def find_user(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def any_user(db: Session) -> bool:
    return db.scalar(select(User.id).limit(1)) is not None
