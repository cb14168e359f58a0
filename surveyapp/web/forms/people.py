"""Forms for people: a new password (set-up and invitations) and an invitation to a project."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from surveyapp.core import organisations, users
from surveyapp.core.characters import storable
from surveyapp.web.forms import organisation_texts as texts
from surveyapp.web.forms.checks import TextField, check, one_of, text

ROLE_LABELS = {
    "coordinator": _l("Coordinator: everything in the project"),
    "group_leader": _l("Group leader: creates and runs group sessions, sees only their own"),
    "steering_reader": _l("Steering group: reads the protected results and PDF reports only"),
}


def role_name(role: str) -> str:
    return {
        "admin": _("Administrator"),
        "coordinator": _("Coordinator"),
        "group_leader": _("Group leader"),
        "steering_reader": _("Steering group reader"),
    }[role]


def tidy(value) -> str:
    return organisations.one_line(text(value))


def name_field(label):
    return TextField(
        label,
        filters=[tidy],
        validators=[
            check(lambda f: storable(f.data), texts.unstorable),
            check(lambda f: bool(f.data), texts.required),
            check(lambda f: len(f.data) <= 200, texts.too_long(200)),
        ],
        render_kw={"autocomplete": "name"},
    )


def email_field(label):
    return TextField(
        label,
        filters=[lambda value: tidy(value).lower()],
        validators=[
            check(lambda f: storable(f.data), texts.unstorable),
            check(lambda f: bool(f.data), texts.required),
            check(lambda f: len(f.data) <= 200, texts.too_long(200)),
            check(lambda f: organisations.EMAIL.match(f.data), texts.email),
        ],
        render_kw={"type": "email", "autocomplete": "email", "spellcheck": "false"},
    )


def password_message(problem: str) -> str:
    return {
        "short": _("The password must be at least %(n)s characters long.", n=users.PASSWORD_MIN),
        "long": _("The password can be at most %(n)s characters long.", n=users.PASSWORD_MAX),
        "different": _("The passwords are not the same. Type the same password twice."),
    }[problem]


def new_password_field():
    return PasswordField(
        _l("New password"),
        description=_l("At least %(n)s characters. A few words in a row are easy to remember.")
        % {"n": users.PASSWORD_MIN},
        render_kw={"autocomplete": "new-password"},
    )


def password_again_field():
    return PasswordField(_l("The same password again"), render_kw={"autocomplete": "new-password"})


class NewPassword:
    """The checks of a new password typed twice (fields ``password`` and ``password_again``)."""

    def validate_password(self, field) -> None:
        if not storable(text(field.data)):
            raise StopValidation(texts.unstorable(field))
        problem = users.password_problem(text(field.data))
        if problem:
            raise StopValidation(password_message(problem))

    def validate_password_again(self, field) -> None:
        if not self.password.errors and text(field.data) != text(self.password.data):
            raise StopValidation(password_message("different"))


class PasswordForm(NewPassword, FlaskForm):
    """A new password, typed twice, held to the rules of users.py."""

    password = new_password_field()
    password_again = password_again_field()


class InviteForm(FlaskForm):
    name = name_field(_l("Name"))
    email = email_field(_l("E-mail address"))
    role = RadioField(
        _l("Role in the project"),
        validate_choice=False,
        validators=[one_of(tuple(ROLE_LABELS), texts.choose_one)],
    )

    def __init__(self, *args, roles=tuple(ROLE_LABELS), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [SelectChoice(r, ROLE_LABELS[r]) for r in roles]
        self.allowed_roles = roles

    def validate_role(self, field) -> None:
        if field.data not in self.allowed_roles:
            raise StopValidation(texts.choose_one(field))


class WithdrawInvitationForm(FlaskForm):
    """Withdraw a project's pending invitation to ``email`` (its link stops working)."""

    email = HiddenField(filters=[lambda value: tidy(value).lower()])
