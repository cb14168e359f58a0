"""Organisations: the rules their settings keep, and which one a page or a coordinator belongs to."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surveyapp.core.models import THEME_COLOURS, Collection, Organisation
from surveyapp.core.themes import DEFAULT_THEME

# The logo is loaded on every form page: the respondent page stays within its 50 KB budget.
LOGO_MAX_BYTES = 16 * 1024
LOGO_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
TEXT_LIMITS = {
    "name": 200,
    "name_sv": 200,
    "name_en": 200,
    "postal": 300,
    "phone": 40,
    "email": 200,
    "website": 300,
    "dpo_contact": 300,
    "processor": 300,
    "a11y_feedback_email": 200,
    "a11y_feedback_url": 300,
    "a11y_assessor": 200,
    "authority_fi": 2000,
    "authority_sv": 2000,
    "authority_en": 2000,
}
REQUIRED = ("name", "email")
MULTILINE = ("postal", "authority_fi", "authority_sv", "authority_en")
RETENTION_YEARS = (1, 50)

FORM_ORDER = (
    "slug",
    "name",
    "name_sv",
    "name_en",
    "business_id",
    "postal",
    "phone",
    "email",
    "website",
    "legal_basis",
    "dpo_contact",
    "retention_years",
    "processor",
    "a11y_feedback_email",
    "a11y_feedback_url",
    "a11y_prepared_on",
    "a11y_reviewed_on",
    "a11y_assessment",
    "a11y_assessor",
    "authority_fi",
    "authority_sv",
    "authority_en",
    *THEME_COLOURS,
    "logo",
)


def one_line(raw: str) -> str:
    """A single-line setting as saved: runs of white space are one space."""
    return " ".join(raw.split())


def lines(raw: str) -> str:
    """A multi-line setting as saved: each line trimmed, empty lines dropped."""
    return "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())


def valid_business_id(value: str) -> bool:
    """A Finnish business ID (Y-tunnus) 1234567-8 whose check digit is right."""
    match = BUSINESS_ID.match(value)
    if not match:
        return False
    remainder = sum(int(d) * w for d, w in zip(match.group(1), (7, 9, 10, 5, 8, 4, 2))) % 11
    if remainder == 1:
        return False
    return int(match.group(2)) == (0 if remainder == 0 else 11 - remainder)


def logo_type(data: bytes) -> str | None:
    """The image type read from the file's first bytes, never from what the browser says."""
    for signature, mimetype in LOGO_SIGNATURES:
        if data.startswith(signature):
            return mimetype
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def slug_taken(db: Session, slug: str, current: Organisation | None = None) -> bool:
    """Whether another organisation already uses this short name."""
    taken = db.scalar(select(Organisation.id).where(Organisation.slug == slug))
    return taken is not None and (current is None or taken != current.id)


def apply(organisation: Organisation, clean: dict, today: dt.date) -> None:
    for name, value in clean.items():
        setattr(organisation, name, value)
    organisation.changed_on = today


def form_values(organisation: Organisation | None, today: dt.date) -> dict[str, str]:
    """The settings as the form shows them; a new organisation starts from the defaults."""
    if organisation is None:
        return {
            "legal_basis": "",
            "retention_years": "",
            "a11y_assessment": "self",
            "a11y_prepared_on": f"{today.day}.{today.month}.{today.year}",
            "a11y_reviewed_on": f"{today.day}.{today.month}.{today.year}",
            **DEFAULT_THEME,
        }
    values = {}
    for name in FORM_ORDER:
        value = getattr(organisation, name, None)
        if isinstance(value, dt.date):
            value = f"{value.day}.{value.month}.{value.year}"
        values[name] = "" if value is None or name == "logo" else str(value)
    return values


def of_collection(collection: Collection | None) -> Organisation | None:
    if collection is None or collection.project is None:
        return None
    return collection.project.organisation


def service_default(db: Session, slug: str | None) -> Organisation | None:
    """The organisation of pages that belong to none (front page, login): the configured one, or the only one."""
    if slug:
        return db.scalar(select(Organisation).where(Organisation.slug == slug))
    if db.scalar(select(func.count()).select_from(Organisation)) == 1:
        return db.scalar(select(Organisation))
    return None


def visible_to(db: Session, user) -> list[Organisation]:
    """Organisations whose settings a user may change: all for an admin, else those of the user's projects."""
    organisations = db.scalars(select(Organisation).order_by(Organisation.name)).all()
    if user.role == "admin":
        return list(organisations)
    return [o for o in organisations if any(user.can_see(p) for p in o.projects)]


def statement_overdue(organisation: Organisation, today: dt.date) -> bool:
    """The statement must be reviewed at least once a year."""
    return (today - organisation.a11y_reviewed_on).days > 365
