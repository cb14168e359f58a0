"""The municipalities a new survey can choose from: the ones already ticked, the official ones a
search found (a submit button of the same form, so it works without JavaScript and keeps what was
typed), and the municipalities typed before the classification was loaded."""

from __future__ import annotations

from flask import request
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from surveyapp.core import classification
from surveyapp.core.models import Municipality, MunicipalityMerger
from surveyapp.web.language import current_language


def label(place: Municipality, language: str) -> str:
    """ "Porvoo – Itä-Uudenmaan hyvinvointialue" (in Swedish: "Borgå – Östra Nylands
    välfärdsområde"); a typed municipality by its name alone."""
    if place.county is None:
        return place.name_in(language)
    county = place.county.name_sv if language == "sv" else place.county.name
    return f"{place.name_in(language)} – {county}"


def offered(db, form) -> tuple[list[Municipality], list[Municipality] | None]:
    """The places to offer as checkboxes (set as the field's choices), and what the search found
    (None: no search this time)."""
    ticked = request.form.getlist(form.municipalities.name) if request.method == "POST" else []
    query = (form.municipality_search.data or "").strip()
    found = classification.search(db, query) if query else None
    chosen = list(db.scalars(select(Municipality).where(Municipality.code.in_(ticked))))
    typed = db.scalars(
        select(Municipality)
        .where(
            Municipality.classified.is_(None),
            Municipality.code.not_in(select(MunicipalityMerger.old_code)),
        )
        .order_by(Municipality.name)
    )
    places = list({m.code: m for m in [*chosen, *(found or []), *typed]}.values())
    language = current_language()
    form.municipalities.choices = [SelectChoice(m.code, label(m, language)) for m in places]
    return places, found


def searching() -> bool:
    """The coordinator pressed the search button, not the create one."""
    return request.method == "POST" and "find_municipalities" in request.form
