"""Coordinator views: thin wrappers around queries, the printer and the response service."""

from __future__ import annotations

import secrets

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from surveyapp.core import activity_tables, dates, group_sessions, stored_instruments, submission
from surveyapp.core.models import Collection, GroupSession, Project
from surveyapp.web import database, language, printing, submissions
from surveyapp.web.auth import login_required, require_project
from surveyapp.web.coordinate import bp, switcher
from surveyapp.web.coordinate.archived import archived_page
from surveyapp.web.registry import instruments
from surveyapp.web.submissions import today

PAPER_FIELDS = frozenset({"_municipality", "_date", "_session"})
# Who reads a project's protected results: everyone in it but its group leaders.
READS_RESULTS = ("admin", "coordinator", "steering_reader")


def get_collection(slug: str, *roles: str) -> Collection:
    """The collection, for a coordinator of its project (or one of ``roles`` there): else 403/404."""
    collection = database.session().scalar(select(Collection).where(Collection.slug == slug))
    if collection is None or instruments().get(collection.instrument_id) is None:
        abort(404)
    require_project(collection.project, *roles)
    return collection


@bp.get("/")
@login_required
def index():
    """Each collection the user has a role for, with what that role may open."""
    db = database.session()
    project, notes = None, []
    if request.args.get("project"):
        project = switcher.chosen_project(request.args["project"])
        if project is None:
            notes.append(_("That project is not one of yours; all your surveys are shown."))
    rows = [
        (c, g.user.role_in(c.project))
        for c in db.scalars(select(Collection).order_by(Collection.title))
        if instruments().get(c.instrument_id) and (project is None or c.project_id == project.id)
    ]
    used = {c.instrument_id for c, role in rows if role in READS_RESULTS}
    return render_template(
        "coordinate/index.html",
        collections=[c for c, role in rows if role in ("admin", "coordinator")],
        readable=[c for c, role in rows if role == "steering_reader"],
        leading=[c for c, role in rows if role == "group_leader" and not c.project.archived],
        own_sessions=own_sessions(db),
        may_create=g.user.role == "admin"
        or any(m.role == "coordinator" for m in g.user.memberships),
        instrument_list=[i for i in instruments() if i.id in used],
        min_cell=current_app.config["MIN_CELL"],
        project=project,
        notes=notes,
    )


def own_sessions(db) -> list[GroupSession]:
    """The group sessions a group leader created, in the projects where they lead groups."""
    leads = {m.project_id for m in g.user.memberships if m.role == "group_leader"}
    if not leads:
        return []
    found = db.scalars(
        select(GroupSession)
        .where(GroupSession.leader_id == g.user.id)
        .order_by(GroupSession.held_on.desc())
    )
    return [s for s in found if s.collection.project_id in leads]


@bp.get("/c/<slug>/lomake.pdf")
@login_required
def collection_pdf(slug: str):
    c = get_collection(slug)
    place = None
    if request.args.get("municipality"):
        place = next((m for m in c.municipalities if m.code == request.args["municipality"]), None)
        if place is None:
            abort(404)
    return pdf_response(
        instruments()[c.instrument_id], c, place, f"{c.slug}{'-' + place.code if place else ''}.pdf"
    )


@bp.get("/instruments/<instrument_id>.pdf")
@login_required
def instrument_pdf(instrument_id: str):
    instrument = get_instrument(instrument_id)
    return pdf_response(instrument, None, None, f"{instrument.id}.pdf")


def get_instrument(instrument_id: str):
    """A shipped form, or an uploaded one the user's projects may use: else 404."""
    registry = instruments()
    instrument = registry.get(instrument_id)
    if instrument is None or not usable(registry, instrument_id):
        abort(404)
    return instrument


def usable(registry, instrument_id: str, project=None) -> bool:
    """Whether the user (in ``project``, or in any project they coordinate) may use the form."""
    owner = registry.owners.get(instrument_id)
    if owner is None:
        return True
    owner_project = database.session().get(Project, owner)
    if project is not None:
        return stored_instruments.shares(project, owner_project)
    if g.user.role == "admin":
        return True
    return any(
        m.role == "coordinator" and stored_instruments.shares(m.project, owner_project)
        for m in g.user.memberships
    )


def pdf_download(html: str, filename: str):
    """An HTML page printed to PDF, shown in the browser."""
    return current_app.response_class(
        printing.pdf_from_html(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


def pdf_response(instrument, collection, place, filename: str):
    language.texts_for(instrument)
    html = render_template(
        "print/form.html",
        instrument=instrument,
        collection=collection,
        place=place,
        options=submissions.municipality_options(collection) if collection else (),
    )
    return pdf_download(html, filename)


@bp.route("/c/<slug>/paper", methods=["GET", "POST"])
@login_required
def paper_entry(slug: str):
    c = get_collection(slug)
    if c.project.archived:
        return archived_page(c)
    instrument = instruments()[c.instrument_id]
    options = submissions.answerable_municipalities(instrument, c)
    if request.method == "GET":
        return paper_page(c, instrument, options)
    form = submissions.posted()
    place = request.form.get("_municipality") or None
    day = dates.past_day(request.form.get("_date", ""), today())
    own_errors = {}
    if place and place not in {m.code for m in c.municipalities}:
        own_errors["_municipality"] = _("Choose one of the options shown.")
    group_session, session_error = paper_session(c, request.form.get("_session", ""), place)
    if session_error:
        own_errors["_session"] = session_error
    elif group_session is not None and not request.form.get("_date", "").strip():
        day = group_session.held_on  # a form of a session is dated as the session
    if day is None:
        own_errors["_date"] = _(
            "Give the date as it is on the form, for example %(example)s.", example="7.3.2026"
        )
    if own_errors:  # the answers are checked too, so every mistake is shown at once
        result = submission.check(
            instrument, form, municipality_options=options, ignore=PAPER_FIELDS
        )
    else:
        result = submission.submit(
            database.session(),
            c,
            instrument,
            form,
            channel="paper",
            day=day,
            precision=current_app.config["DATE_PRECISION"],
            municipality_options=options,
            place=place,
            municipality=group_session.municipality_code if group_session else None,
            group_session=group_session,
            ignore=PAPER_FIELDS,
            pairing_key=submissions.pairing_key(),
        )
        database.session().commit()
    submissions.refuse_tampered(result)
    errors = {**submissions.field_errors(result), **own_errors}
    if errors:
        key = result.values[submission.KEY_FIELD]
        return paper_page(c, instrument, options, values=result.values, errors=errors, key=key)
    # The running count is of the forms this coordinator typed in since signing in: a count of the
    # collection's paper answers would publish the paper channel's n (docs/disclosure.md).
    entered = session.get("paper_entered", {})
    session["paper_entered"] = {**entered, c.slug: entered.get(c.slug, 0) + result.stored}
    flash(_("Paper form saved. Enter the next one."), "ok")
    return redirect(url_for(".paper_entry", slug=slug))


def paper_session(c: Collection, raw: str, place: str | None):
    """The group session a paper form belongs to (or None) and the message when it cannot be its."""
    if not raw:
        return None, None
    found = database.session().get(GroupSession, raw[:32])
    if found is None or found.collection_id != c.id:
        return None, _(
            "That session is not one of this survey's. Choose one of the sessions shown."
        )
    if found.closed_on is not None:
        return None, _(
            "That session is closed: its figures no longer change. Choose an open session or none."
        )
    if place and place != found.municipality_code:
        return None, _(
            "The session was held in %(place)s. Choose that municipality or leave it empty.",
            place=found.municipality.name,
        )
    return found, None


def paper_page(c, instrument, options, *, values=None, errors=None, key=None):
    """The paper entry form: empty with a new key, or again with the mistakes to correct (422)."""
    errors = errors or {}
    return render_template(
        "coordinate/paper.html",
        collection=c,
        instrument=instrument,
        options=options,
        ask_municipality=instrument.municipality_item is None and len(c.municipalities) > 1,
        entered=session.get("paper_entered", {}).get(c.slug, 0),
        open_sessions=group_sessions.open_sessions(database.session(), c),
        kind_name=lambda kind: activity_tables.kind_name(kind, _),
        values=values or {},
        errors=errors,
        key=key or secrets.token_urlsafe(24),
        error_list=submissions.error_list(instrument, errors),
    ), 422 if errors else 200
