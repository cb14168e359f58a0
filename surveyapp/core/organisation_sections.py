"""An organisation's settings in four steps, each saved on its own page, and what each still lacks.

The required settings cannot be missing (the database refuses an organisation without them), so
"incomplete" names the optional ones a reader of the privacy notice or the accessibility statement
would miss, and a statement not reviewed within a year.
"""

from __future__ import annotations

import datetime as dt

from surveyapp.core.models import THEME_COLOURS, Organisation
from surveyapp.core.organisations import statement_overdue

SECTIONS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "name",
        "name_sv",
        "name_en",
        "business_id",
        "postal",
        "phone",
        "email",
        "website",
    ),
    "privacy": ("legal_basis", "dpo_contact", "retention_years", "processor"),
    "accessibility": (
        "a11y_feedback_email",
        "a11y_feedback_url",
        "a11y_prepared_on",
        "a11y_reviewed_on",
        "a11y_assessment",
        "a11y_assessor",
        "authority_fi",
        "authority_sv",
        "authority_en",
    ),
    "theme": (*THEME_COLOURS, "logo", "remove_logo"),
}
# Optional settings whose absence a section reports (field names; "logo" is the uploaded image).
WORTH_FILLING = {
    "organisation": ("name_sv", "name_en", "business_id", "postal", "phone", "website"),
    "privacy": ("dpo_contact",),
    "accessibility": (),  # one feedback channel is required, the other is a choice
    "theme": ("logo",),
}
OVERDUE = "a11y_overdue"  # the statement was last reviewed more than a year ago


def incomplete(organisation: Organisation, today: dt.date) -> dict[str, tuple[str, ...]]:
    """Section → the optional settings it lacks (and OVERDUE for an unreviewed statement)."""

    def empty(name: str) -> bool:
        value = organisation.logo_type if name == "logo" else getattr(organisation, name)
        return value is None or value == ""

    lacking = {
        section: tuple(name for name in names if empty(name))
        for section, names in WORTH_FILLING.items()
    }
    if statement_overdue(organisation, today):
        lacking["accessibility"] += (OVERDUE,)
    return lacking
