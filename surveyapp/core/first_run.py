"""The first run: the first administrator and the organisation, once, on an empty database.

The set-up is possible only while there are no accounts and no ``first_run`` row; it inserts that
row (it may hold one, id 1) with the administrator, so of two set-ups sent at once the database
lets exactly one commit. The set-up code keeps a stranger who finds a fresh server first out: it is
SETUP_TOKEN, or derived from the secret key, so only someone who can read the server's settings or
its log knows it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core import classification, organisations
from surveyapp.core.models import FirstRun, Organisation
from surveyapp.core.users import any_user, create_user


def needed(db: Session) -> bool:
    """No account yet and never set up: the set-up page and command are available."""
    return not any_user(db) and db.scalar(select(FirstRun.id)) is None


def setup_token(secret_key: str, configured: str = "") -> str:
    """The set-up code: the configured one, else 16 letters and digits derived from the secret."""
    if configured:
        return configured
    digest = hmac.new(str(secret_key).encode(), b"surveyapp first run", hashlib.sha256).digest()
    code = base64.b32encode(digest[:10]).decode()
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


def _plain(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def token_matches(typed: str, expected: str) -> bool:
    """Spaces, hyphens and case do not matter; compared in constant time."""
    return hmac.compare_digest(_plain(typed).encode(), _plain(expected).encode())


def set_up(
    db: Session,
    *,
    email: str,
    name: str,
    password: str,
    slug: str,
    settings: dict,
    today: dt.date,
) -> Organisation:
    """The first administrator, the organisation and the municipality classification. Flushes the
    first_run row first: a set-up sent at the same time fails there (IntegrityError) and the
    caller rolls back."""
    db.add(FirstRun(id=1, done_on=today))
    db.flush()
    organisation = Organisation(slug=slug)
    organisations.apply(organisation, settings, today)
    db.add(organisation)
    create_user(db, email=email, name=name, password=password, role="admin")
    # The official municipalities and wellbeing services counties, ready for the first survey.
    classification.load_shipped(db)
    db.flush()
    return organisation
