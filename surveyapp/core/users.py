"""Coordinator accounts: created with a hashed password, found by e-mail whatever its case."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from surveyapp.core.models import User


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
