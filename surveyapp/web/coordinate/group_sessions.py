"""Coordinator views for group sessions: create, open on a tablet, history and trend."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.core import group_sessions
from surveyapp.core.characters import storable, whole_number
from surveyapp.core.models import GroupSession
from surveyapp.web import db
from surveyapp.web.auth import login_required, require_project
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.views import get_collection, parse_day
from surveyapp.web.templating import instruments


@bp.get("/c/<slug>/sessions")
@login_required
def session_history(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    from surveyapp.web.coordinate.results import collection_table

    min_n = current_app.config["MIN_CELL"]
    rows = group_sessions.history(
        db.session(), collection, instrument, collection_table(collection).published_sessions
    )
    groups = defaultdict(list)
    for row in rows:
        groups[(row.session.group_name, row.session.municipality.name)].append(row)
    return render_template(
        "coordinate/sessions.html", collection=collection, groups=groups, min_n=min_n
    )


@bp.route("/c/<slug>/sessions/new", methods=["GET", "POST"])
@login_required
def new_session(slug: str):
    collection = get_collection(slug)
    errors, values = {}, request.form
    if request.method == "POST":
        name = values.get("group_name", "").strip()
        place = values.get("municipality", "")
        day = parse_day(values.get("held_on", ""))
        pin = values.get("pin", "").strip()
        idle_raw = values.get("idle_seconds", "").strip()
        idle = whole_number(idle_raw, 4)
        language = values.get("language", "fi")
        if not storable(name):
            errors["group_name"] = _(
                "The text contains characters that cannot be saved. Please retype it."
            )
        elif not name or len(name) > 200:
            errors["group_name"] = _("Give the group a name (at most 200 characters).")
        if place not in {m.code for m in collection.municipalities}:
            errors["municipality"] = _("Choose one of the options shown.")
        if day is None:
            errors["held_on"] = _(
                "Give the date as it is on the form, for example %(example)s.", example="7.3.2026"
            )
        if not group_sessions.valid_pin(pin):
            errors["pin"] = _("The PIN is 4 to 8 digits.")
        if idle_raw and (idle is None or 0 < idle < 30):
            errors["idle_seconds"] = _(
                "Give the time in seconds, at least 30, or 0 to never clear the form."
            )
        if language not in current_app.config["LANGUAGES"]:
            errors["language"] = _("Choose one of the options shown.")
        if not errors:
            created = group_sessions.create(
                db.session(),
                collection=collection,
                group_name=name,
                municipality_code=place,
                held_on=day,
                pin=pin,
                idle_seconds=idle,
                language=language,
            )
            db.session().commit()
            return redirect(url_for(".group_session", session_id=created.id))
    return render_template(
        "coordinate/session_new.html",
        collection=collection,
        errors=errors,
        values=values,
        today=dt.date.today(),
        default_idle=current_app.config["KIOSK_IDLE_SECONDS"],
    ), 422 if errors else 200


@bp.get("/sessions/<session_id>")
@login_required
def group_session(session_id: str):
    found = db.session().get(GroupSession, session_id)
    if found is None:
        abort(404)
    require_project(found.collection.project)
    instrument = instruments()[found.collection.instrument_id]
    # No count of answers here: a session's figures reach coordinators only through the protected history.
    return render_template("coordinate/session.html", group_session=found, instrument=instrument)
