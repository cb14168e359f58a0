"""Kiosk views: one participant at a time, nothing of the previous one reachable."""
from __future__ import annotations

import secrets

from flask import (abort, current_app, g, jsonify, make_response, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _

from .. import db, sessions, submissions
from ..characters import whole_number
from ..extensions import csrf
from ..instruments import answers
from ..messages import message
from ..submissions import KEY, today
from ..templating import instruments
from . import bp, pins


def kiosk_session(token: str):
    group_session = sessions.by_token(db.session(), token)
    if group_session is None or instruments().get(group_session.collection.instrument_id) is None:
        abort(404, description=_("This tablet address is not valid. Ask the group leader for the right address."))
    return group_session, instruments()[group_session.collection.instrument_id]


def accepting(group_session) -> bool:
    return sessions.accepts_answers(group_session, today(), current_app.config["KIOSK_GRACE_DAYS"])


def no_store(response):
    """Never kept by the browser: the back button cannot show a previous participant's page."""
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store, max-age=0"
    response.headers["Pragma"] = "no-cache"
    return response


def is_leader(group_session) -> bool:
    if session.get("kiosk_leader") == group_session.id:
        return True
    return g.user is not None and g.user.can_see(group_session.collection.project)


def render_form(group_session, instrument, *, values=None, errors=None, key=None, status=200):
    errors = errors or {}
    page = render_template("kiosk/form.html", group_session=group_session, instrument=instrument,
                           options=submissions.municipality_options(group_session.collection), values=values or {},
                           errors=errors, error_list=submissions.error_list(instrument, errors),
                           key=key or secrets.token_urlsafe(24),
                           idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"] if group_session.idle_seconds is None
                           else group_session.idle_seconds)
    return no_store((page, status))


def store(group_session, instrument, parsed, key) -> bool:
    return submissions.store(group_session.collection, instrument, parsed, key, channel="kiosk",
                             day=group_session.held_on, municipality=group_session.municipality_code,
                             group_session_id=group_session.id)


@bp.route("/<token>", methods=["GET", "POST"])
def form(token: str):
    group_session, instrument = kiosk_session(token)
    if not accepting(group_session):
        return no_store((render_template("kiosk/closed.html", group_session=group_session), 410))
    if request.method == "GET":
        return render_form(group_session, instrument)
    posted = submissions.read(instrument, group_session.collection)
    if posted.errors:
        return render_form(group_session, instrument, values=posted.values, errors=posted.errors, key=posted.key,
                           status=422)
    store(group_session, instrument, posted.parsed, posted.key)
    return redirect(url_for(".thanks", token=token))


@bp.post("/<token>/api")
@csrf.exempt  # no cookie authority here: the tablet's address is the capability
def api(token: str):
    """Queued answers from the tablet: {"key": ..., "answers": {...}}; stored exactly once."""
    group_session, instrument = kiosk_session(token)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("answers"), dict) \
            or not all(isinstance(v, str) for v in body["answers"].values()):
        return jsonify(status="invalid", message=_("The answer could not be read.")), 400
    key = body.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        return jsonify(status="invalid", message=_("The answer could not be read.")), 400
    if not accepting(group_session):
        return jsonify(status="closed", message=_("The session has been closed; this answer was not saved.")), 410
    options = submissions.answerable_municipalities(instrument, group_session.collection)
    parsed = answers.parse(instrument, body["answers"], ignore=submissions.RESERVED, municipality_options=options)
    if parsed.unknown or parsed.errors:
        errors = {e.field: message(e) for e in parsed.errors}
        errors.update({name: _("Unknown field.") for name in parsed.unknown})
        return jsonify(status="invalid", errors=errors), 422
    stored = store(group_session, instrument, parsed, key)
    return jsonify(status="stored" if stored else "duplicate"), 201 if stored else 200


@bp.get("/<token>/kiitos")
def thanks(token: str):
    group_session, instrument = kiosk_session(token)
    seconds = current_app.config["KIOSK_THANKS_SECONDS"]
    response = no_store(render_template("kiosk/thanks.html", group_session=group_session, instrument=instrument))
    # Back to an empty form for the next person, with or without JavaScript.
    response.headers["Refresh"] = f"{seconds}; url={url_for('.form', token=token)}"
    return response


@bp.route("/<token>/lopeta", methods=["GET", "POST"])
def leave(token: str):
    """Leaving kiosk mode needs the leader's PIN (or a coordinator login)."""
    group_session, _instrument = kiosk_session(token)
    if is_leader(group_session):
        return redirect(url_for(".close", token=token))
    error = None
    if request.method == "POST":
        if pins.locked(group_session):
            error = _("Too many wrong PINs. Wait five minutes and try again.")
        elif sessions.pin_matches(group_session, request.form.get("pin", "")):
            pins.succeeded(db.session(), group_session)
            db.session().commit()
            session["kiosk_leader"] = group_session.id
            return redirect(url_for(".close", token=token))
        else:
            pins.failed(db.session(), group_session)
            db.session().commit()
            error = _("Wrong PIN.")
    return no_store((render_template("kiosk/leave.html", group_session=group_session, error=error),
                     200 if error is None else 403))


@bp.route("/<token>/sulje", methods=["GET", "POST"])
def close(token: str):
    group_session, instrument = kiosk_session(token)
    if not is_leader(group_session):
        return redirect(url_for(".leave", token=token))
    error = None
    if request.method == "POST":
        raw = request.form.get("attendance", "").strip()
        attendance = whole_number(raw, 4)
        if raw and attendance is None:
            error = _("Give the number of participants as a whole number, or leave it empty.")
        else:
            sessions.close(group_session, today(), attendance)
            db.session().commit()
            return redirect(url_for(".review", token=token))
    return no_store((render_template("kiosk/close.html", group_session=group_session, error=error,
                                     n=sessions.count(db.session(), group_session)), 200 if error is None else 422))


@bp.get("/<token>/yhteenveto")
def review(token: str):
    group_session, instrument = kiosk_session(token)
    if not is_leader(group_session):
        return redirect(url_for(".leave", token=token))
    result = sessions.review(db.session(), group_session, instrument)
    return no_store(render_template("kiosk/review.html", group_session=group_session, instrument=instrument,
                                    review=result, min_n=current_app.config["SESSION_MIN_N"]))
