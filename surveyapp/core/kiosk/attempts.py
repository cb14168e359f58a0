"""A failed kiosk send, kept server-side until its error page has been shown once.

The post answers with a redirect to the form carrying a one-time token; the first GET with it
takes (and deletes) the answers and shows them with their errors. Back, Forward, Reload and the
browser's resubmission prompt therefore find an empty form: no later participant can see them.
Only the token's SHA-256 is stored; rows older than a minute are deleted with the next failed send.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time

from sqlalchemy import delete
from sqlalchemy.orm import Session

from surveyapp.core.models import GroupSession, KioskAttempt

KEEP_SECONDS = 60
NOT_ANSWERS = frozenset({"csrf_token", "_key"})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def keep(db: Session, group_session: GroupSession, values: dict[str, str]) -> str:
    """Store the posted answers of a failed send; the token that shows them once."""
    now = int(time.time())
    db.execute(delete(KioskAttempt).where(KioskAttempt.deadline < now))
    token = secrets.token_urlsafe(24)
    answers = {k: v for k, v in values.items() if k not in NOT_ANSWERS}
    db.add(
        KioskAttempt(
            id=_digest(token),
            group_session_id=group_session.id,
            answers=json.dumps(answers),
            deadline=now + KEEP_SECONDS,
        )
    )
    db.flush()
    return token


def take(db: Session, group_session: GroupSession, token: str) -> dict[str, str] | None:
    """The answers of a failed send, once: the row is deleted as it is read."""
    if not token or len(token) > 64:
        return None
    row = db.get(KioskAttempt, _digest(token))
    if row is None or row.group_session_id != group_session.id:
        return None
    db.delete(row)
    db.flush()
    if row.deadline < int(time.time()):
        return None
    answers = json.loads(row.answers)
    return {k: v for k, v in answers.items() if isinstance(k, str) and isinstance(v, str)}
