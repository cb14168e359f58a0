"""Organisations: reading and checking their settings, their theme, and which one a page belongs to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from surveyapp.core import contrast
from surveyapp.core.characters import storable, whole_number
from surveyapp.core.instruments import spec
from surveyapp.core.models import ASSESSMENTS, LEGAL_BASES, THEME_COLOURS, Collection, Organisation

# Colours of the Suomi.fi design tokens (MIT, © Population Register Centre; see static/NOTICE.md):
# brandBase, whiteBase, highlightBase, blackBase and depthDark1.
DEFAULT_THEME = {
    "theme_brand": "#00357a",
    "theme_brand_text": "#ffffff",
    "theme_accent": "#2a6ebb",
    "theme_heading": "#212121",
    "theme_border": "#5f686d",
}
# Forms are always on white, so that error and focus colours keep their contrast too.
PAGE_BACKGROUND = "#ffffff"
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


@dataclass(frozen=True)
class ThemePair:
    """Two theme colours seen against each other: `kind` is text, large_text or ui."""

    code: str
    foreground: str
    background: str | None  # None: the white page
    kind: str

    @property
    def minimum(self) -> float:
        return (
            contrast.TEXT
            if self.kind == "text"
            else contrast.LARGE_TEXT
            if self.kind == "large_text"
            else contrast.UI
        )


THEME_PAIRS = (
    # The organisation's name and the language links in the header.
    ThemePair("header", "theme_brand_text", "theme_brand", "text"),
    # Links on the page, and the white text of buttons and chosen grades on this colour.
    ThemePair("accent", "theme_accent", None, "text"),
    # Headings are large text (at least 18.7 px bold).
    ThemePair("heading", "theme_heading", None, "large_text"),
    # The borders of answer boxes, radio buttons and text fields (WCAG 1.4.11).
    ThemePair("border", "theme_border", None, "ui"),
)


@dataclass(frozen=True)
class Problem:
    """One reason a setting cannot be saved: a code the web layer turns into a message."""

    field: str
    code: str
    params: dict = field(default_factory=dict, compare=False)


def theme_checks(colours: Mapping[str, str]) -> list[tuple[ThemePair, contrast.Pair]]:
    """Every theme pair with its measured contrast; ``colours`` must be valid hex colours."""
    out = []
    for pair in THEME_PAIRS:
        background = colours[pair.background] if pair.background else PAGE_BACKGROUND
        out.append((pair, contrast.check(colours[pair.foreground], background, pair.minimum)))
    return out


def theme_of(organisation: Organisation | None) -> dict[str, str]:
    """The theme colours to use, valid hex only: anything else falls back to the default colour."""
    if organisation is None:
        return dict(DEFAULT_THEME)
    return {
        name: contrast.normalise(getattr(organisation, name) or "") or default
        for name, default in DEFAULT_THEME.items()
    }


def parse_date(raw: str) -> dt.date | None:
    """7.3.2026 (or 2026-03-07)."""
    raw = raw.strip()
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", raw):
            day, month, year = (int(part) for part in raw.split("."))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        return None


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


def read_settings(form: Mapping[str, str], today: dt.date) -> tuple[dict, list[Problem]]:
    """Clean values for an Organisation from a posted form, and every problem found, in form order."""
    clean: dict = {}
    problems: list[Problem] = []
    for name, limit in TEXT_LIMITS.items():
        raw = form.get(name, "")
        if name in MULTILINE:
            value = "\n".join(line.strip() for line in raw.strip().splitlines() if line.strip())
        else:
            value = " ".join(raw.split())
        if not storable(value):
            problems.append(Problem(name, "control_chars"))
            value = ""
        elif name in REQUIRED and not value:
            problems.append(Problem(name, "required"))
        elif len(value) > limit:
            problems.append(Problem(name, "too_long", {"max": limit}))
        clean[name] = value or None
    for name in ("email", "a11y_feedback_email"):
        if clean[name] and not EMAIL.match(clean[name]):
            problems.append(Problem(name, "email"))
    for name in ("website", "a11y_feedback_url"):
        if clean[name] and not URL.match(clean[name]):
            problems.append(Problem(name, "url"))
    business_id = form.get("business_id", "").strip()
    if business_id and not valid_business_id(business_id):
        problems.append(Problem("business_id", "business_id"))
    clean["business_id"] = business_id or None
    clean["legal_basis"] = form.get("legal_basis", "")
    if clean["legal_basis"] not in LEGAL_BASES:
        problems.append(Problem("legal_basis", "choice"))
    years = form.get("retention_years", "").strip()
    clean["retention_years"] = whole_number(years, 2)
    if clean["retention_years"] is None or not 1 <= clean["retention_years"] <= 50:
        problems.append(Problem("retention_years", "retention"))
    if not clean["a11y_feedback_email"] and not clean["a11y_feedback_url"]:
        problems.append(Problem("a11y_feedback_email", "feedback_channel"))
    for name in ("a11y_prepared_on", "a11y_reviewed_on"):
        clean[name] = parse_date(form.get(name, ""))
        if clean[name] is None:
            problems.append(Problem(name, "date", {"example": "7.3.2026"}))
        elif clean[name] > today:
            problems.append(Problem(name, "future"))
    if (
        clean["a11y_prepared_on"]
        and clean["a11y_reviewed_on"]
        and clean["a11y_reviewed_on"] < clean["a11y_prepared_on"]
    ):
        problems.append(Problem("a11y_reviewed_on", "dates_order"))
    clean["a11y_assessment"] = form.get("a11y_assessment", "")
    if clean["a11y_assessment"] not in ASSESSMENTS:
        problems.append(Problem("a11y_assessment", "choice"))
    elif clean["a11y_assessment"] == "external" and not clean["a11y_assessor"]:
        problems.append(Problem("a11y_assessor", "assessor"))
    problems.extend(_theme_problems(form, clean))
    order = list(FORM_ORDER)
    problems.sort(key=lambda p: order.index(p.field) if p.field in order else len(order))
    return clean, problems


def _theme_problems(form: Mapping[str, str], clean: dict) -> list[Problem]:
    problems = []
    for name in THEME_COLOURS:
        clean[name] = contrast.normalise(form.get(name, ""))
        if clean[name] is None:
            problems.append(Problem(name, "colour", {"example": DEFAULT_THEME[name]}))
    if problems:
        return problems
    for pair, measured in theme_checks(clean):
        if not measured.ok:
            problems.append(
                Problem(
                    pair.foreground,
                    "contrast",
                    {
                        "pair": pair.code,
                        "kind": pair.kind,
                        "ratio": contrast.shown_ratio(measured.ratio),
                        "minimum": pair.minimum,
                    },
                )
            )
    return problems


def read_slug(
    raw: str, session: Session, current: Organisation | None = None
) -> tuple[str, Problem | None]:
    slug = raw.strip().lower()
    if not SLUG.match(slug):
        return slug, Problem("slug", "slug")
    taken = session.scalar(select(Organisation.id).where(Organisation.slug == slug))
    if taken and (current is None or taken != current.id):
        return slug, Problem("slug", "slug_taken")
    return slug, None


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


def service_default(session: Session, slug: str | None) -> Organisation | None:
    """The organisation of pages that belong to none (front page, login): the configured one, or the only one."""
    if slug:
        return session.scalar(select(Organisation).where(Organisation.slug == slug))
    if session.scalar(select(func.count()).select_from(Organisation)) == 1:
        return session.scalar(select(Organisation))
    return None


def visible_to(session: Session, user) -> list[Organisation]:
    """Organisations whose settings a user may change: all for an admin, else those of the user's projects."""
    organisations = session.scalars(select(Organisation).order_by(Organisation.name)).all()
    if user.role == "admin":
        return list(organisations)
    return [o for o in organisations if any(user.can_see(p) for p in o.projects)]


def statement_overdue(organisation: Organisation, today: dt.date) -> bool:
    """The statement must be reviewed at least once a year."""
    return (today - organisation.a11y_reviewed_on).days > 365


# What the short privacy notice says is collected, from the form, the collection and the channel.
@dataclass(frozen=True)
class Collected:
    precision: str  # day | week | month
    municipality: bool
    free_text: bool


def collected(
    instrument: spec.Instrument, municipalities: int, precision: str, *, kiosk: bool = False
) -> Collected:
    """What a response on this form keeps besides its answers (see core/submission.py)."""
    municipality = kiosk or instrument.municipality_item is not None or municipalities == 1
    free_text = any(
        isinstance(i, spec.TextItem) or any(o.follow_up for o in _options(i))
        for i in instrument.items()
    )
    return Collected(precision, municipality, free_text)


def _options(item: spec.Item) -> tuple[spec.Option, ...]:
    return (
        getattr(item, "options", ()) or getattr(getattr(item, "scale", None), "options", ()) or ()
    )
