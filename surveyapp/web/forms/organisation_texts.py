"""The words of the organisation settings: labels, choices, and the reason for each refusal."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from surveyapp.core import contrast, organisations
from surveyapp.core.stats import fi_number
from surveyapp.core.themes import DEFAULT_THEME, ThemePair

LABELS = {
    "slug": _l("Short name in web addresses"),
    "name": _l("Name"),
    "name_sv": _l("Name in Swedish"),
    "name_en": _l("Name in English"),
    "business_id": _l("Business ID"),
    "postal": _l("Postal address"),
    "phone": _l("Telephone"),
    "email": _l("E-mail"),
    "website": _l("Website"),
    "legal_basis": _l("Legal basis for processing"),
    "dpo_contact": _l("Data protection officer"),
    "retention_years": _l("Retention period in years"),
    "processor": _l("Who runs the service technically"),
    "a11y_feedback_email": _l("E-mail for accessibility feedback"),
    "a11y_feedback_url": _l("Web form for accessibility feedback"),
    "a11y_prepared_on": _l("Statement prepared on"),
    "a11y_reviewed_on": _l("Statement last updated on"),
    "a11y_assessment": _l("How accessibility was assessed"),
    "a11y_assessor": _l("Who made the external assessment"),
    "authority_fi": _l("Supervisory authority, in Finnish"),
    "authority_sv": _l("Supervisory authority, in Swedish"),
    "authority_en": _l("Supervisory authority, in English"),
    "theme_brand": _l("Header background"),
    "theme_brand_text": _l("Header text"),
    "theme_accent": _l("Links and buttons"),
    "theme_heading": _l("Headings"),
    "theme_border": _l("Borders of answer boxes and fields"),
    "logo": _l("Logo"),
}
HINTS = {
    "slug": _l(
        "Used in the addresses of the statement and the notice, for example nuorten-ystavat."
    ),
    "name_sv": _l("Leave empty if the organisation has no Swedish name."),
    "name_en": _l("Leave empty if the organisation has no English name."),
    "business_id": _l("For example 1234567-8."),
    "email": _l("Shown in the privacy notice for questions about data protection."),
    "dpo_contact": _l("Name and contact details. Authorities must have a data protection officer."),
    "retention_years": _l(
        "Counted from the end of each survey. The service does not delete answers by itself: "
        "delete them when the time is up."
    ),
    "processor": _l("A company that hosts the service for you, if any."),
    "a11y_prepared_on": _l("For example %(example)s.", example="7.3.2026"),
    "a11y_reviewed_on": _l("Review the statement at least once a year."),
    "logo": _l(
        "PNG, JPEG or WebP, at most %(kb)s KB. It is shown beside the organisation's name, "
        "so it needs no text of its own.",
        kb=organisations.LOGO_MAX_BYTES // 1024,
    ),
}
LEGAL_BASIS_CHOICES = [
    SelectChoice(
        "public_task",
        _l(
            "A task in the public interest (municipalities, wellbeing services counties, "
            "bodies with a public task)"
        ),
    ),
    SelectChoice(
        "legitimate_interest",
        _l("The organisation's legitimate interest (associations and foundations, usually)"),
    ),
    SelectChoice("consent", _l("The respondent's consent")),
]
ASSESSMENT_CHOICES = [
    SelectChoice("self", _l("Self-assessment")),
    SelectChoice("external", _l("External expert assessment")),
]
PAIRS = {
    "header": _l("Header text on the header background"),
    "accent": _l("Links and buttons on the white page"),
    "heading": _l("Headings on the white page"),
    "border": _l("Borders of answer boxes and fields on the white page"),
}
KINDS = {
    "text": _l("text"),
    "large_text": _l("large text, such as headings"),
    "ui": _l("the borders of answer boxes and fields"),
}


def unstorable(field) -> str:
    return _(
        "%(label)s contains characters that cannot be saved. Please retype it.",
        label=field.label.text,
    )


def required(field) -> str:
    return _("%(label)s is required.", label=field.label.text)


def too_long(limit: int):
    return lambda field: _(
        "%(label)s can be at most %(max)s characters long.", label=field.label.text, max=limit
    )


def email(field) -> str:
    return _("Write the e-mail address in the form name@example.fi.")


def url(field) -> str:
    return _("Write the web address in full, starting with https://.")


def business_id(field) -> str:
    return _("Write the business ID in the form 1234567-8 and check the last digit.")


def choose_one(field) -> str:
    return _("Choose one of the options.")


def retention(field) -> str:
    return _("Give the number of years as a whole number from 1 to 50.")


def colour(field) -> str:
    return _(
        "Write the colour as a hex code, for example %(example)s.",
        example=DEFAULT_THEME[field.name],
    )


def slug(field) -> str:
    return _("Use only lower-case letters a–z, digits and hyphens, at most 40 characters.")


def slug_taken(field) -> str:
    return _("Another organisation already uses this short name.")


def logo_type(field) -> str:
    return _("The logo must be a PNG, JPEG or WebP image.")


def logo_size(field) -> str:
    return _(
        "The logo can be at most %(kb)s KB: it is loaded on every form page.",
        kb=organisations.LOGO_MAX_BYTES // 1024,
    )


def feedback_channel() -> str:
    return _(
        "Give an e-mail address or a web form for accessibility feedback: "
        "the law requires a way to give feedback."
    )


def dates_order() -> str:
    return _("The last update cannot be before the date the statement was prepared.")


def assessor() -> str:
    return _("Name who made the external assessment.")


def low_contrast(pair: ThemePair, measured: contrast.Pair) -> str:
    return _(
        "%(pair)s: the contrast is only %(ratio)s:1, but at least %(minimum)s:1 is needed "
        "(%(kind)s). Make one of the two colours darker or the other lighter.",
        pair=PAIRS[pair.code],
        ratio=fi_number(Decimal(str(contrast.shown_ratio(measured.ratio))), 2),
        kind=KINDS[pair.kind],
        minimum=format_minimum(pair.minimum),
    )


def format_ratio(value: float) -> str:
    """4,49:1: cut, never rounded up, so a refused pair never shows a passing figure."""
    return f"{fi_number(Decimal(str(contrast.shown_ratio(value))), 2)}:1"


def format_minimum(value: float) -> str:
    """4,5 or 3, as the guidelines write them."""
    return fi_number(int(value), 0) if value == int(value) else fi_number(Decimal(str(value)), 1)


def project_label(project, organisation) -> str:
    """A project, with the organisation it belongs to now when that is another one."""
    other = project.organisation
    if other is not None and other is not organisation:
        return f"{project.name} ({other.name})"
    return project.name
