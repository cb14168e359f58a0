"""The group leader's forms on the tablet: the PIN, closing the session, the session's language."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField

from surveyapp.core.characters import whole_number
from surveyapp.web.forms.checks import TextField, check, text
from surveyapp.web.forms.group_sessions import language_choices


class PinForm(FlaskForm):
    pin = PasswordField(
        _l("Leader's PIN"),
        render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 8},
    )


def attendance(field) -> int | None:
    return whole_number(text(field.data), 4)


class CloseForm(FlaskForm):
    attendance = TextField(
        _l("How many took part in the session?"),
        validators=[
            check(
                lambda f: not text(f.data).strip() or attendance(f) is not None,
                lambda f: _(
                    "Give the number of participants as a whole number, or leave it empty."
                ),
            )
        ],
        render_kw={"inputmode": "numeric"},
    )


class SessionLanguageForm(FlaskForm):
    language = SelectField(
        _l("Language each participant's form starts in"),
        choices=language_choices(),
        validate_choice=False,
        validators=[
            check(
                lambda f: f.data in current_app.config["LANGUAGES"],
                lambda f: _("Choose one of the options shown."),
            )
        ],
    )
