"""The forms of a measurement series: declare a survey the first wave, add a survey as a wave."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, StopValidation

from surveyapp.core import waves
from surveyapp.core.characters import storable
from surveyapp.web.forms.checks import TextField, check, text

MAX_CARDS = 200


def _name(label, description, longest: int) -> TextField:
    return TextField(
        label,
        description=description,
        filters=[lambda value: text(value).strip()],
        validators=[
            check(
                lambda f: storable(f.data),
                lambda f: _("The text contains characters that cannot be saved. Please retype it."),
            ),
            check(
                lambda f: 0 < len(f.data) <= longest,
                lambda f: _("Give a name of at most %(max)s characters.", max=longest),
            ),
        ],
        render_kw={"maxlength": longest},
    )


class SeriesForm(FlaskForm):
    name = _name(
        _l("Name of the series"),
        _l("For example ESY group spring 2026."),
        waves.MAX_SERIES_NAME,
    )
    wave = _name(
        _l("Name of this survey's wave"),
        _l("For example alku (start), or 1."),
        waves.MAX_WAVE_NAME,
    )


class WaveForm(FlaskForm):
    collection = SelectField(
        _l("Survey that is the next wave"),
        description=_l(
            "Surveys of the same form in this project that are in no series yet. Make the survey "
            "first (its own address, dates, municipalities), then add it here."
        ),
        choices=[],
        validate_choice=False,  # checked below, with a message of our own
    )
    name = _name(_l("Name of the wave"), _l("For example loppu (end), or 2."), waves.MAX_WAVE_NAME)

    def validate_collection(self, field) -> None:
        if field.data not in {choice[0] for choice in field.choices}:
            raise StopValidation(_("Choose a survey from the list."))


class CardsForm(FlaskForm):
    """How many code cards to print (a GET form: it makes a PDF and stores nothing)."""

    class Meta:
        csrf = False

    count = IntegerField(
        _l("Number of cards"),
        description=_l("From 1 to %(max)s; ten to an A4 sheet.", max=MAX_CARDS),
        default=20,
        validators=[
            InputRequired(_l("Give the number of cards, from 1 to %(max)s.", max=MAX_CARDS)),
            NumberRange(
                1, MAX_CARDS, _l("Give the number of cards, from 1 to %(max)s.", max=MAX_CARDS)
            ),
        ],
    )
