"""The form that creates a group session: its group, place, date, the leader's PIN and the tablet."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField
from wtforms.fields.choices import SelectChoice

from surveyapp.core import dates, group_sessions
from surveyapp.core.activity_tables import kind_name
from surveyapp.core.characters import storable, whole_number
from surveyapp.core.models import SESSION_KINDS
from surveyapp.web.forms.checks import TextField, check, text
from surveyapp.web.submissions import today

# Each language in its own name, marked with its language for screen readers.
LANGUAGE_NAMES = (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))


def language_choices() -> list[SelectChoice]:
    """The languages a session's forms can start in, each named in itself."""
    return [SelectChoice(code, name, {"lang": code}) for code, name in LANGUAGE_NAMES]


def kind_choices() -> list[tuple[str, str]]:
    """What a session can be: a group meeting, a trip or something else (models.SESSION_KINDS)."""
    return [(kind, kind_name(kind, _)) for kind in SESSION_KINDS]


def idle_ok(field) -> bool:
    """Empty (the default), 0 (never clear), or at least 30 seconds."""
    raw = text(field.data).strip()
    idle = whole_number(raw, 4)
    return not raw or (idle is not None and not 0 < idle < 30)


class GroupSessionForm(FlaskForm):
    group_name = TextField(
        _l("Group"),
        filters=[lambda value: text(value).strip()],
        validators=[
            check(
                lambda f: storable(f.data),
                lambda f: _("The text contains characters that cannot be saved. Please retype it."),
            ),
            check(
                lambda f: 0 < len(f.data) <= 200,
                lambda f: _("Give the group a name (at most 200 characters)."),
            ),
        ],
        render_kw={"maxlength": 200},
    )
    kind = SelectField(
        _l("Kind"),
        default="group",
        validate_choice=False,
        validators=[
            check(
                lambda f: f.data in SESSION_KINDS,
                lambda f: _("Choose one of the options shown."),
            )
        ],
    )
    municipality = SelectField(
        _l("Municipality"),
        validate_choice=False,
        validators=[
            check(
                lambda f: f.data in {choice.value for choice in f.choices},
                lambda f: _("Choose one of the options shown."),
            )
        ],
    )
    held_on = TextField(
        _l("Date (empty: today)"),
        validators=[
            check(
                lambda f: dates.past_day(text(f.data), today()) is not None,
                lambda f: _(
                    "Give the date as it is on the form, for example %(example)s.",
                    example="7.3.2026",
                ),
            )
        ],
        render_kw={"inputmode": "numeric"},
    )
    pin = PasswordField(
        _l("Leader's PIN for leaving kiosk mode (4–8 digits)"),
        validators=[
            check(
                lambda f: group_sessions.valid_pin(text(f.data).strip()),
                lambda f: _("The PIN is 4 to 8 digits."),
            )
        ],
        render_kw={"inputmode": "numeric", "maxlength": 8, "autocomplete": "new-password"},
    )
    idle_seconds = TextField(
        _l("Clear a half-filled form after this many idle seconds (0: never)"),
        description=_l("Before clearing, the tablet warns and gives 20 seconds to continue."),
        validators=[
            check(
                idle_ok,
                lambda f: _("Give the time in seconds, at least 30, or 0 to never clear the form."),
            )
        ],
        render_kw={"inputmode": "numeric"},
    )
    language = SelectField(
        _l("Language each participant's form starts in"),
        choices=language_choices(),
        default="fi",
        validate_choice=False,
        validators=[
            check(
                lambda f: f.data in current_app.config["LANGUAGES"],
                lambda f: _("Choose one of the options shown."),
            )
        ],
    )

    def __init__(self, municipalities, **kwargs):
        super().__init__(**kwargs)
        self.municipality.choices = [SelectChoice(m.code, m.name) for m in municipalities]
        self.kind.choices = kind_choices()

    def created_with(self) -> dict:
        """The arguments of group_sessions.create for a valid form."""
        raw_idle = text(self.idle_seconds.data).strip()
        return {
            "group_name": self.group_name.data,
            "municipality_code": self.municipality.data,
            "held_on": dates.past_day(text(self.held_on.data), today()),
            "pin": text(self.pin.data).strip(),
            "idle_seconds": whole_number(raw_idle, 4),
            "language": self.language.data,
            "kind": self.kind.data,
        }
