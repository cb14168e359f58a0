"""Share links: read-only links to one collection's protected results and PDF report. No Flask here.

A steering group or a funder opens the link without an account. The link's token is 256 random bits;
only its SHA-256 is stored (a hash of so much randomness cannot be guessed back, so no salt or slow hash
is needed), so a copy of the database opens nothing. A link works up to and including its last day;
revoking deletes it, so an unknown, a revoked and an expired link look the same to whoever holds one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core.models import Collection, ShareLink

DEFAULT_DAYS = 90  # a season of steering-group meetings
MAX_DAYS = 365  # a year at most: a link that should live longer is made again
TOKEN_BYTES = 32
MAX_LABEL = 100


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def default_expiry(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=DEFAULT_DAYS)


def latest_expiry(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=MAX_DAYS)


def valid_expiry(expires_on: dt.date, today: dt.date) -> bool:
    """From today (the link works today only) up to MAX_DAYS ahead."""
    return today <= expires_on <= latest_expiry(today)


def create(
    db: Session, collection: Collection, *, label: str, expires_on: dt.date, today: dt.date
) -> tuple[ShareLink, str]:
    """A new link to ``collection``; returns it and its token, which is never stored and shown once."""
    label = label.strip()
    if not 0 < len(label) <= MAX_LABEL:
        raise ValueError("label")
    if not valid_expiry(expires_on, today):
        raise ValueError("expires_on")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        collection_id=collection.id, token_hash=digest(token), label=label, expires_on=expires_on
    )
    db.add(link)
    db.flush()
    return link, token


def opened(db: Session, token: object, today: dt.date) -> ShareLink | None:
    """The link ``token`` opens today, or None: unknown, revoked and expired are all None."""
    if not isinstance(token, str) or not token:
        return None
    wanted = digest(token)
    link = db.scalar(select(ShareLink).where(ShareLink.token_hash == wanted))
    # The lookup is by the hash, which a guesser cannot steer; the comparison is constant-time anyway.
    if link is None or not hmac.compare_digest(link.token_hash, wanted):
        return None
    return link if today <= link.expires_on else None


def listed(db: Session, collection: Collection) -> list[ShareLink]:
    """The collection's links, the soonest to end first."""
    return list(
        db.scalars(
            select(ShareLink)
            .where(ShareLink.collection_id == collection.id)
            .order_by(ShareLink.expires_on, ShareLink.label, ShareLink.id)
        )
    )


def revoke(db: Session, collection: Collection, link_id: str) -> bool:
    """Delete the collection's link ``link_id``; False when the collection has no such link."""
    link = db.get(ShareLink, link_id) if isinstance(link_id, str) else None
    if link is None or link.collection_id != collection.id:
        return False
    db.delete(link)
    db.flush()
    return True
