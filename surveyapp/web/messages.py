"""Validation messages in the respondent's language, from the domain's error codes."""

from __future__ import annotations

import math

from flask_babel import gettext as _

from surveyapp.core.instruments import types
from surveyapp.core.instruments.answers import FieldError


def message(error: FieldError) -> str:
    p = error.params
    if error.code == "required":
        return _("Answer this question.")
    if error.code == "grade":
        return _("Choose a grade from 4 to 10.")
    if error.code == "choice":
        return _("Choose one of the options shown.")
    if error.code == "too_long":
        return _(
            "The answer is too long: %(length)s characters, at most %(max)s.",
            length=p["length"],
            max=p["max"],
        )
    if error.code == "control_chars":
        return _("The answer contains characters that cannot be saved. Please retype it.")
    if error.code == "follow_up_mismatch":
        return _(
            "You wrote on the line of an option you did not choose. "
            "Choose that option, or clear the text."
        )
    if error.code == "empty":
        return _("You did not answer any question.")
    if own := types.message(error.code):  # an item type's own error (types/)
        return _(own, **p)
    return _("Check this answer.")


def code_refused(wait: int) -> str:
    """Why an access code was refused: one reason for every bad code, or the guesser's wait."""
    if wait:
        return _(
            "Too many wrong codes were tried from this connection. Please wait %(minutes)s min and try again.",
            minutes=math.ceil(wait / 60),
        )
    return _("This code cannot be used. Check the code on your slip; each code works once.")
