"""Forms for the themes of written answers: a theme and its quote, tagging, deleting, publishing."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField

from surveyapp.core.characters import storable
from surveyapp.web.forms.checks import MultilineField, TextField, check, text
from surveyapp.web.forms.collections import MultiCheckboxField

NO_QUOTE = "-"


def _tidy(value) -> str:
    return text(value).strip()


def _storable():
    return check(
        lambda f: storable(f.data),
        lambda f: _("The text contains characters that cannot be saved. Please retype it."),
    )


def _at_most(limit: int):
    return check(
        lambda f: len(f.data) <= limit,
        lambda f: _("At most %(n)s characters, please.", n=limit),
    )


def _name(label, hint=None):
    return TextField(
        label,
        description=hint,
        filters=[_tidy],
        validators=[_storable(), _at_most(120)],
        render_kw={"maxlength": 120},
    )


def _reply(label, hint):
    return MultilineField(
        label, description=hint, filters=[_tidy], validators=[_storable(), _at_most(2000)]
    )


class TopicForm(FlaskForm):
    name = TextField(
        _l("Name of the theme"),
        filters=[_tidy],
        validators=[
            _storable(),
            check(lambda f: bool(f.data), lambda f: _("Give the theme a name.")),
            _at_most(120),
        ],
        render_kw={"maxlength": 120},
    )
    name_sv = _name(_l("Name in Swedish"), _l("Leave empty to show the Finnish name."))
    name_en = _name(_l("Name in English"), _l("Leave empty to show the Finnish name."))
    reply = _reply(
        _l("What we did (shown to participants)"),
        _l("What was done, or will be done, about this theme. You can leave it empty for now."),
    )
    reply_sv = _reply(_l("What we did, in Swedish"), _l("Leave empty to show the Finnish text."))
    reply_en = _reply(_l("What we did, in English"), _l("Leave empty to show the Finnish text."))


class EditTopicForm(TopicForm):
    quote = RadioField(
        _l("Quote on the participants' page"),
        description=_l(
            "Show one written answer with this theme word for word, or none. Choose a quote only "
            "if no one can be recognised from it."
        ),
        default=NO_QUOTE,
        validate_choice=False,
        validators=[
            check(
                lambda f: f.data in {choice.value for choice in f.choices},
                lambda f: _("That answer is not tagged with this theme any more."),
            )
        ],
    )


class DeleteTopicForm(FlaskForm):
    """Only the CSRF token: the page itself asks for the confirmation."""


class PublishForm(FlaskForm):
    public = BooleanField(_l("Publish the page at its public address"))
    kiosk = BooleanField(_l("Show the page on the tablets' start screen in group sessions"))


class TaggingForm(FlaskForm):
    """``shown``: the tokens of the answers on the page; a checkbox group per answer is added by ``for_answers``."""

    shown = HiddenField()


def for_answers(answers, choices) -> type[TaggingForm]:
    """A tagging form with one group of theme checkboxes per written answer, labelled with its text.

    Posted theme ids are checked when saving (topics.save_tags), so a theme deleted meanwhile gives the
    page's own message, the ticks kept.
    """
    fields = {
        f"a_{answer.token}": MultiCheckboxField(answer.text, choices=choices, validate_choice=False)
        for answer in answers
    }
    return type("TaggingForm", (TaggingForm,), fields)
