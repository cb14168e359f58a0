"""Coordinator views for group sessions: create, open on a tablet, history and trend."""

from __future__ import annotations

from collections import defaultdict

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.core import activities, activity_tables, grade_items, group_sessions
from surveyapp.core.models import GroupSession
from surveyapp.web import database
from surveyapp.web.auth import login_required, require_project
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.archived import archived_page
from surveyapp.web.coordinate.views import get_collection
from surveyapp.web.forms.group_sessions import GroupSessionForm
from surveyapp.web.language import current_language, form_language
from surveyapp.web.registry import instruments
from surveyapp.web.submissions import today


@bp.get("/c/<slug>/sessions")
@login_required
def session_history(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    from surveyapp.web.coordinate.results import collection_table

    min_n = current_app.config["MIN_CELL"]
    table = collection_table(collection)
    db = database.session()
    rows = group_sessions.history(db, collection, instrument, table.published_sessions)
    activity = activities.for_collection(
        db, collection, instrument, table, current_app.config["SESSION_MIN_N"]
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
        activity=activity_tables.activity_table(activity, _) if activity.rows else None,
        kind_name=lambda kind: activity_tables.kind_name(kind, _),
        lead_label=grade_items.label(lead, form_language(instrument)) if several else None,
    )


@bp.route("/c/<slug>/sessions/new", methods=["GET", "POST"])
@login_required
def new_session(slug: str):
    collection = get_collection(slug, "group_leader")
    if collection.project.archived:
        return archived_page(collection)
    if request.method == "GET":
        form = GroupSessionForm(collection.municipalities, language=current_language())
    else:
        form = GroupSessionForm(collection.municipalities)
        if form.validate():
            created = group_sessions.create(
                database.session(), collection=collection, **form.created_with()
            )
            created.leader_id = g.user.id
            database.session().commit()
            return redirect(url_for(".group_session", session_id=created.id))
    return render_template(
        "coordinate/session_new.html",
        collection=collection,
        form=form,
        today=today(),
        default_idle=current_app.config["KIOSK_IDLE_SECONDS"],
    ), 422 if form.errors else 200


@bp.get("/sessions/<session_id>")
@login_required
def group_session(session_id: str):
    found = database.session().get(GroupSession, session_id)
    if found is None:
        abort(404)
    role = require_project(found.collection.project, "group_leader")
    # A group leader's own sessions only: another's do not exist for them.
    if role == "group_leader" and found.leader_id != g.user.id:
        abort(404)
    instrument = instruments()[found.collection.instrument_id]
    # No count of answers here: a session's figures reach coordinators only through the protected history.
    return render_template(
        "coordinate/session.html", group_session=found, instrument=instrument, role=role
    )
