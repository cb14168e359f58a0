"""The first-run set-up: the set-up code, the first administrator, and the organisation's required
settings, checked by the organisation settings form's own rules (forms/organisations.py)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import StopValidation

from surveyapp.core import first_run
from surveyapp.web.forms.checks import text
from surveyapp.web.forms.organisations import CREATE_SETTINGS, OrganisationForm
from surveyapp.web.forms.people import (
    NewPassword,
    email_field,
    name_field,
    new_password_field,
    password_again_field,
)

# The organisation's settings asked at set-up are those that create one on its settings pages. The
# rest (Swedish names, contact details, theme, logo …) are on its settings steps afterwards.
SETUP_SETTINGS = CREATE_SETTINGS


ADMIN_FIELDS = ("setup_code", "admin_name", "admin_email", "password", "password_again")


class SetupForm(NewPassword, OrganisationForm):
    setup_code = PasswordField(
        _l("Set-up code"),
        description=_l(
            "Shown by the command flask setup --token on the server, and in the server's log."
        ),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    admin_name = name_field(_l("Your name"))
    admin_email = email_field(_l("Your e-mail address"))
    password = new_password_field()
    password_again = password_again_field()

    def __init__(self, *args, expected_code: str, **kwargs):
        super().__init__(*args, organisation=None, projects=(), **kwargs)
        self.expected_code = expected_code
        # The page's order, which is also the error summary's.
        order = ("csrf_token", *ADMIN_FIELDS, *SETUP_SETTINGS)
        self._fields = {name: self._fields[name] for name in order if name in self._fields}

    def validate_setup_code(self, field) -> None:
        if not first_run.token_matches(text(field.data), self.expected_code):
            raise StopValidation(
                _("The set-up code is not right. Copy it from the server's log or command.")
            )
