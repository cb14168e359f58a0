"""The comparison form: the years of one survey, or the survey beside other surveys of its form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from surveyapp.web.forms.collections import MultiCheckboxField


class CompareForm(FlaskForm):
    """Read from the query string (a GET form: it shows figures and changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    by = RadioField(
        _l("Compare"),
        choices=[
            SelectChoice("years", _l("the years of this survey")),
            SelectChoice("rounds", _l("this survey with other surveys of the same form")),
        ],
        default="years",
    )
    other = MultiCheckboxField(
        _l("Other surveys of the same form"),
        description=_l("Only surveys of your own projects are offered."),
        choices=[],
        validate_choice=False,  # checked below, with a message of our own
    )

    def validate_other(self, field) -> None:
        offered = {choice.value for choice in field.choices}
        refused = [slug for slug in field.data or () if slug not in offered]
        if refused:
            raise ValidationError(
                _l(
                    "“%(slug)s” is not a survey of this form in your projects. Choose from the list.",
                    slug=refused[0][:60],
                )
            )
        if self.by.data == "rounds" and not field.data:
            raise ValidationError(_l("Choose at least one other survey."))
