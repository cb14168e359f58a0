"""The short privacy notice on a form's first screen: what is kept and, as plainly, what is not."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from surveyapp.core import privacy


def privacy_sentences(instrument, collection=None, *, kiosk: bool = False) -> list[str]:
    facts = privacy.collected(
        instrument,
        len(collection.municipalities) if collection is not None else 0,
        current_app.config["DATE_PRECISION"],
        kiosk=kiosk,
    )
    kept = {
        (True, "day"): _("We store your answers, the municipality and the day you answered."),
        (True, "week"): _("We store your answers, the municipality and the week you answered in."),
        (True, "month"): _(
            "We store your answers, the municipality and the month you answered in."
        ),
        (False, "day"): _("We store your answers and the day you answered."),
        (False, "week"): _("We store your answers and the week you answered in."),
        (False, "month"): _("We store your answers and the month you answered in."),
    }[(facts.municipality, facts.precision)]
    sentences = [
        _("Answering is voluntary."),
        kept,
        _(
            "We do not ask your name. We do not store your address, your IP address, details of your device "
            "or the time of day."
        ),
    ]
    organisation = collection.project.organisation if collection is not None else None
    if organisation is not None:
        # The retention time is applied daily by `flask retention apply` (core/retention.py).
        sentences.append(
            ngettext(
                "The service deletes your answers by itself %(num)d year after the survey ends.",
                "The service deletes your answers by itself %(num)d years after the survey ends.",
                organisation.retention_years,
            )
        )
    if facts.free_text:
        sentences.append(
            _(
                "Do not write names or anything else in your answers that could identify you or "
                "someone else."
            )
        )
    return sentences
