"""An organisation's settings: contact details, privacy notice, accessibility statement, theme, logo."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, Field, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from surveyapp.core import contrast, dates, organisations
from surveyapp.core.characters import storable, whole_number
from surveyapp.core.models import ASSESSMENTS, LEGAL_BASES, THEME_COLOURS
from surveyapp.core.themes import DEFAULT_THEME, theme_checks
from surveyapp.web import database
from surveyapp.web.forms import organisation_texts as texts
from surveyapp.web.forms.checks import MultilineField, TextField, check, one_of, present, text
from surveyapp.web.forms.collections import MultiCheckboxField
from surveyapp.web.submissions import today

LABELS, HINTS = texts.LABELS, texts.HINTS

# What creating an organisation asks (and the first-run set-up with it): the settings the database
# requires, the feedback channel and the statement's dates. The rest is filled in step by step.
CREATE_SETTINGS = (
    "slug",
    "name",
    "email",
    "legal_basis",
    "retention_years",
    "a11y_feedback_email",
    "a11y_feedback_url",
    "a11y_prepared_on",
    "a11y_reviewed_on",
    "a11y_assessment",
    "a11y_assessor",
)


def setting(name: str, field=TextField, **kwargs) -> Field:
    return field(LABELS[name], description=HINTS.get(name, ""), **kwargs)


def text_setting(name: str, field=TextField, **kwargs) -> Field:
    """A text setting, tidied as it is saved and held to its length (and, for some, its form)."""
    tidy = organisations.lines if name in organisations.MULTILINE else organisations.one_line
    limit = organisations.TEXT_LIMITS[name]
    rules = [check(lambda f: storable(f.data), texts.unstorable)]
    if name in organisations.REQUIRED:
        rules.append(check(lambda f: bool(f.data), texts.required))
    rules.append(check(lambda f: len(f.data) <= limit, texts.too_long(limit)))
    if name in ("email", "a11y_feedback_email"):
        rules.append(check(lambda f: not f.data or organisations.EMAIL.match(f.data), texts.email))
    if name in ("website", "a11y_feedback_url"):
        rules.append(check(lambda f: not f.data or organisations.URL.match(f.data), texts.url))
    return setting(
        name, field, filters=[lambda value: tidy(text(value))], validators=rules, **kwargs
    )


def date_setting(name: str) -> Field:
    def valid(form, field):
        day = dates.parse_date(text(field.data))
        if day is None:
            raise StopValidation(_("Write the date in the form %(example)s.", example="7.3.2026"))
        if day > today():
            raise StopValidation(_("The date cannot be in the future."))

    return setting(name, validators=[valid], render_kw={"inputmode": "numeric"})


def colour_setting(name: str) -> Field:
    is_colour = check(lambda f: contrast.normalise(text(f.data)) is not None, texts.colour)
    return setting(name, validators=[is_colour], render_kw={"spellcheck": "false"})


def retention_ok(field) -> bool:
    years = whole_number(text(field.data), 2)
    low, high = organisations.RETENTION_YEARS
    return years is not None and low <= years <= high


class OrganisationForm(FlaskForm):
    """The fields in the page's order, which is also the error summary's."""

    slug = setting("slug", filters=[lambda value: text(value).strip().lower()])
    name = text_setting("name")
    name_sv = text_setting("name_sv", render_kw={"lang": "sv"})
    name_en = text_setting("name_en", render_kw={"lang": "en"})
    business_id = setting(
        "business_id",
        filters=[lambda value: text(value).strip()],
        validators=[
            check(
                lambda f: not f.data or organisations.valid_business_id(f.data), texts.business_id
            )
        ],
    )
    postal = text_setting("postal", MultilineField, render_kw={"rows": 3})
    phone = text_setting("phone", render_kw={"type": "tel"})
    email = text_setting("email", render_kw={"type": "email"})
    website = text_setting("website", render_kw={"type": "url"})
    legal_basis = setting(
        "legal_basis",
        RadioField,
        choices=texts.LEGAL_BASIS_CHOICES,
        validate_choice=False,
        validators=[one_of(LEGAL_BASES, texts.choose_one)],
    )
    dpo_contact = text_setting("dpo_contact")
    retention_years = setting(
        "retention_years",
        validators=[check(retention_ok, texts.retention)],
        render_kw={"inputmode": "numeric"},
    )
    processor = text_setting("processor")
    a11y_feedback_email = text_setting("a11y_feedback_email", render_kw={"type": "email"})
    a11y_feedback_url = text_setting("a11y_feedback_url", render_kw={"type": "url"})
    a11y_prepared_on = date_setting("a11y_prepared_on")
    a11y_reviewed_on = date_setting("a11y_reviewed_on")
    a11y_assessment = setting(
        "a11y_assessment",
        RadioField,
        choices=texts.ASSESSMENT_CHOICES,
        validate_choice=False,
        validators=[one_of(ASSESSMENTS, texts.choose_one)],
    )
    a11y_assessor = text_setting("a11y_assessor")
    authority_fi = text_setting("authority_fi", MultilineField, render_kw={"rows": 5, "lang": "fi"})
    authority_sv = text_setting("authority_sv", MultilineField, render_kw={"rows": 5, "lang": "sv"})
    authority_en = text_setting("authority_en", MultilineField, render_kw={"rows": 5, "lang": "en"})
    theme_brand = colour_setting("theme_brand")
    theme_brand_text = colour_setting("theme_brand_text")
    theme_accent = colour_setting("theme_accent")
    theme_heading = colour_setting("theme_heading")
    theme_border = colour_setting("theme_border")
    logo = setting("logo", FileField, render_kw={"accept": "image/png,image/jpeg,image/webp"})
    remove_logo = BooleanField(_l("Remove the logo"))
    # Posted ids that are not among the choices are ignored, as they always were.
    projects = MultiCheckboxField(_l("Projects of this organisation"), validate_choice=False)

    def __init__(self, *args, organisation=None, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.uploaded_logo: tuple[bytes, str] | None = None
        if organisation is not None:
            del self.slug  # the short name is chosen once, when the organisation is created
        if projects:
            self.projects.choices = [
                SelectChoice(p.id, texts.project_label(p, organisation)) for p in projects
            ]
        else:
            del self.projects

    def validate_slug(self, field) -> None:
        if not organisations.SLUG.match(field.data):
            raise StopValidation(texts.slug(field))
        if organisations.slug_taken(database.session(), field.data, self.organisation):
            raise StopValidation(texts.slug_taken(field))

    def validate_logo(self, field) -> None:
        upload = field.data
        if upload is None or not getattr(upload, "filename", None):
            return
        data = upload.read(organisations.LOGO_MAX_BYTES + 1)
        kind = organisations.logo_type(data)
        if kind is None:
            raise StopValidation(texts.logo_type(field))
        if len(data) > organisations.LOGO_MAX_BYTES:
            raise StopValidation(texts.logo_size(field))
        self.uploaded_logo = data, kind

    def validate(self, extra_validators=None) -> bool:
        """The checks of each field, then those between fields where a field has no problem yet."""
        super().validate(extra_validators)
        for field, message in self.problems_between_fields():
            if not field.errors:
                field.errors.append(message)
        return not self.errors

    def problems_between_fields(self):
        if not present(self.a11y_feedback_email) and not present(self.a11y_feedback_url):
            yield self.a11y_feedback_email, texts.feedback_channel()
        prepared, reviewed = (
            dates.parse_date(text(f.data)) for f in (self.a11y_prepared_on, self.a11y_reviewed_on)
        )
        if prepared and reviewed and reviewed < prepared:
            yield self.a11y_reviewed_on, texts.dates_order()
        if self.a11y_assessment.data == "external" and not present(self.a11y_assessor):
            yield self.a11y_assessor, texts.assessor()
        colours = self.colours()
        if all(colours.values()):
            for pair, measured in theme_checks(colours):
                if not measured.ok:
                    yield self[pair.foreground], texts.low_contrast(pair, measured)

    def colours(self) -> dict[str, str | None]:
        """The theme colours as typed, checked: None where one is not a hex colour.

        A form without the colour fields (the first-run set-up) gives the default theme."""
        return {
            name: contrast.normalise(text(self[name].data)) if name in self else DEFAULT_THEME[name]
            for name in THEME_COLOURS
        }

    def settings(self) -> dict:
        """The values to save, for a valid form (a field left out of the form saves nothing)."""
        clean = {
            name: (self[name].data or None) if name in self else None
            for name in organisations.TEXT_LIMITS
        }
        clean["business_id"] = (self.business_id.data or None) if "business_id" in self else None
        clean["legal_basis"] = self.legal_basis.data
        clean["retention_years"] = whole_number(text(self.retention_years.data), 2)
        clean["a11y_assessment"] = self.a11y_assessment.data
        for name in ("a11y_prepared_on", "a11y_reviewed_on"):
            clean[name] = dates.parse_date(text(self[name].data))
        clean.update(self.colours())
        return clean


class NewOrganisationForm(OrganisationForm):
    """The short form that creates an organisation: its required settings only, in the page's order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, organisation=None, projects=(), **kwargs)
        self._fields = {name: self._fields[name] for name in ("csrf_token", *CREATE_SETTINGS)}
