"""Coordinator views for group sessions: create, open on a tablet, history and trend."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask import abort, current_app, redirect, render_template, request, url_for

from surveyapp.core import grade_items, group_sessions
from surveyapp.core.models import GroupSession
from surveyapp.web import database
from surveyapp.web.auth import login_required, require_project
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.views import get_collection
from surveyapp.web.forms.group_sessions import GroupSessionForm
from surveyapp.web.language import current_language, form_language
from surveyapp.web.registry import instruments


@bp.get("/c/<slug>/sessions")
@login_required
def session_history(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    from surveyapp.web.coordinate.results import collection_table

    min_n = current_app.config["MIN_CELL"]
    rows = group_sessions.history(
        database.session(), collection, instrument, collection_table(collection).published_sessions
    )
    groups = defaultdict(list)
    for row in rows:
        groups[(row.group_session.group_name, row.group_session.municipality.name)].append(row)
    # A form with several grades names the one whose mean the history shows.
    lead = group_sessions.grade_item(instrument)
    several = len(grade_items.of(instrument)) > 1
    return render_template(
        "coordinate/sessions.html",
        collection=collection,
        groups=groups,
        min_n=min_n,
        lead_label=grade_items.label(lead, form_language(instrument)) if several else None,
    )


@bp.route("/c/<slug>/sessions/new", methods=["GET", "POST"])
@login_required
def new_session(slug: str):
    collection = get_collection(slug)
    if request.method == "GET":
        form = GroupSessionForm(collection.municipalities, language=current_language())
    else:
        form = GroupSessionForm(collection.municipalities)
        if form.validate():
            created = group_sessions.create(
                database.session(), collection=collection, **form.created_with()
            )
            database.session().commit()
            return redirect(url_for(".group_session", session_id=created.id))
    return render_template(
        "coordinate/session_new.html",
        collection=collection,
        form=form,
        today=dt.date.today(),
        default_idle=current_app.config["KIOSK_IDLE_SECONDS"],
    ), 422 if form.errors else 200


@bp.get("/sessions/<session_id>")
@login_required
def group_session(session_id: str):
    found = database.session().get(GroupSession, session_id)
    if found is None:
        abort(404)
    require_project(found.collection.project)
    instrument = instruments()[found.collection.instrument_id]
    # No count of answers here: a session's figures reach coordinators only through the protected history.
    return render_template("coordinate/session.html", group_session=found, instrument=instrument)
