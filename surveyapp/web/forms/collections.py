"""Collection forms: the settings any collection has, and what is chosen once when it is created."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from surveyapp.core.collection_setup import SLUG

ACCESS_CHOICES = [
    SelectChoice("open", _l("Open link: anyone with the address can answer (also as a QR code)")),
    SelectChoice(
        "codes", _l("Single-use access codes: each invited person gets a code on a slip or by mail")
    ),
    SelectChoice("paper", _l("Paper only: printed forms, entered by coordinators")),
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CollectionSettingsForm(FlaskForm):
    title = StringField(_l("Name of the survey"), validators=[DataRequired(), Length(max=200)])
    title_sv = StringField(
        _l("Name of the survey in Swedish"),
        description=_l("Leave empty to show the Finnish name."),
        validators=[Optional(), Length(max=200)],
    )
    title_en = StringField(
        _l("Name of the survey in English"),
        description=_l("Leave empty to show the Finnish name."),
        validators=[Optional(), Length(max=200)],
    )
    title_selko = StringField(
        _l("Name of the survey in plain-language Finnish (selkosuomi)"),
        description=_l("Leave empty to show the Finnish name."),
        validators=[Optional(), Length(max=200)],
    )
    opens_on = DateField(_l("Opens on"), validators=[Optional()])
    closes_on = DateField(_l("Closes on (the last day for answers)"), validators=[Optional()])
    access = RadioField(_l("How respondents answer"), choices=ACCESS_CHOICES, default="open")
    invited_total = IntegerField(
        _l("Invited, when the survey has no municipalities (e.g. steering group members)"),
        validators=[Optional(), NumberRange(min=1, max=100000)],
    )

    keep_results = BooleanField(
        _l("Keep this survey's results tables when its answers are deleted")
    )

    def validate_closes_on(self, field):
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The survey cannot close before it opens."))


class NewCollectionForm(CollectionSettingsForm):
    project = SelectField(_l("Project"), validators=[DataRequired()])
    instrument = SelectField(_l("Form"), validators=[DataRequired()])
    audience = SelectField(_l("Who answers"), validators=[DataRequired()])
    slug = StringField(
        _l("Web address of the survey"),
        description=_l("Small letters a–z, digits and hyphens, for example kumppanit-2026."),
        validators=[
            DataRequired(),
            Length(min=3, max=60),
            Regexp(SLUG, message=_l("Use small letters a–z, digits and hyphens only.")),
        ],
    )
    municipality_search = StringField(
        _l("Find a municipality"),
        description=_l(
            "Part of a municipality's name in Finnish or Swedish, its code or its wellbeing "
            "services county; then press Search. The ones you tick stay ticked."
        ),
        validators=[Optional(), Length(max=100)],
    )
    municipalities = MultiCheckboxField(_l("Municipalities"))
    new_municipalities = TextAreaField(
        _l("Other municipalities, one per line"), validators=[Optional(), Length(max=2000)]
    )


def with_invited_fields(form_class: type[FlaskForm], municipalities) -> type[FlaskForm]:
    """``form_class`` with an "invited" number for each of the collection's municipalities."""
    fields = {
        f"invited_{m.code}": IntegerField(
            m.name, validators=[Optional(), NumberRange(min=1, max=100000)]
        )
        for m in municipalities
    }
    return type(form_class.__name__, (form_class,), fields)
