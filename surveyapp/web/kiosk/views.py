"""Kiosk participant views: one participant at a time, nothing of the previous one reachable.

Every page a participant sees is theirs alone: a failed send redirects to a one-time error page
(attempts.py), every form carries a fresh submission key, nothing is cached by the browser, and
any participant page ends leader mode (leader.py).
"""

from __future__ import annotations

import datetime as dt
import secrets

from flask import (
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError

from surveyapp.core import group_sessions, submission, topics
from surveyapp.core.kiosk import attempts
from surveyapp.core.submission import Status
from surveyapp.web import database, json_input, language, submissions
from surveyapp.web.extensions import csrf
from surveyapp.web.kiosk import bp, leader
from surveyapp.web.registry import instruments
from surveyapp.web.respond import topics as respond_topics
from surveyapp.web.submissions import today

ERROR_TOKEN = "virhe"
# A participant's pages read their group session from the app's cache (core/catalog.py); the
# leader's pages change it, so they read it from the database.
PARTICIPANT_ENDPOINTS = frozenset({"kiosk.form", "kiosk.api", "kiosk.thanks"})
# The thank-you page may show what was current this many seconds ago (an answer was just stored).
THANKS_MAX_AGE = 2.0


@bp.url_value_preprocessor
def choose_language(_endpoint, values):
    """The participant's language: the page's ?lang= (never remembered), else the session's."""
    g.page_plain = request.args.get("selko") == "1" and request.args.get("lang", "fi") == "fi"
    asked = request.args.get("lang")
    if asked in current_app.config["LANGUAGES"]:
        g.page_language = asked
    token = (values or {}).get("token")
    found = find_group_session(token) if token else None
    g.kiosk_group_session = found
    if "page_language" not in g and found is not None:
        g.page_language = found.language


@bp.context_processor
def tablet_dates():
    """Today, and the last day an answer queued on the tablet today is kept there (kiosk/_tablet.html)."""
    day = today()
    return {
        "kiosk_today": day,
        "kiosk_queue_until": day + dt.timedelta(days=current_app.config["KIOSK_GRACE_DAYS"] + 1),
    }


def participant_args() -> dict[str, str]:
    """The participant's own language choice, carried only in the addresses of their own pages."""
    args = {}
    if request.args.get("lang") in current_app.config["LANGUAGES"]:
        args["lang"] = request.args["lang"]
    if g.get("page_plain"):
        args["selko"] = "1"
    return args


def find_group_session(token: str):
    if request.endpoint not in PARTICIPANT_ENDPOINTS:
        return group_sessions.by_token(database.session(), token)
    try:
        return cached_group_session(token)
    except DBAPIError as error:  # a pooled connection the database dropped: the pool is renewed
        if not error.connection_invalidated:
            raise
        return cached_group_session(token)


def cached_group_session(token: str):
    if request.method == "GET":  # a form or thank-you page: one cheap look at the version
        database.catalog().check(THANKS_MAX_AGE if request.endpoint == "kiosk.thanks" else 0.0)
    return database.catalog().group_session(token)


def kiosk_session(token: str, *, page: bool = True):
    """The tablet's group session and instrument, or a 404 page. ``page``: the texts around the
    form are chosen now (selko around a selko form); the answer API chooses them only to refuse."""
    if request.endpoint in PARTICIPANT_ENDPOINTS:  # served again: as the cache has it now
        g.kiosk_group_session = database.catalog().group_session(token)
    group_session = g.get("kiosk_group_session")
    if group_session is None or instruments().get(group_session.collection.instrument_id) is None:
        abort(
            404,
            description=_(
                "This tablet address is not valid. Ask the group leader for the right address."
            ),
        )
    instrument = instruments()[group_session.collection.instrument_id]
    if page:
        language.texts_for(instrument)
    return group_session, instrument


def accepting(group_session) -> bool:
    """Open (or just closed, for queued answers), in a project that is not archived."""
    if group_session.collection.project.archived:
        return False
    return group_sessions.accepts_answers(
        group_session, today(), current_app.config["KIOSK_GRACE_DAYS"]
    )


def no_store(response):
    """Never kept by the browser: the back button cannot show a previous participant's page."""
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store, max-age=0"
    response.headers["Pragma"] = "no-cache"
    return response


def new_turn() -> None:
    """A changed cookie on every send: Chromium keeps no no-store page in its back/forward cache after that."""
    session["kiosk_turn"] = secrets.token_urlsafe(8)


def idle_seconds(group_session) -> int:
    return (
        current_app.config["KIOSK_IDLE_SECONDS"]
        if group_session.idle_seconds is None
        else group_session.idle_seconds
    )


def render_form(group_session, instrument, options, *, values=None, errors=None, status=200):
    errors = errors or {}
    page = render_template(
        "kiosk/form.html",
        group_session=group_session,
        instrument=instrument,
        options=options,
        values=values or {},
        errors=errors,
        error_list=submissions.error_list(instrument, errors),
        key=secrets.token_urlsafe(24),
        idle_seconds=idle_seconds(group_session),
        warning_seconds=current_app.config["KIOSK_IDLE_WARNING_SECONDS"],
        own=participant_args(),
        topics_shown=kiosk_topics(group_session.collection),
    )
    return no_store((page, status))


def kiosk_topics(collection) -> list:
    """The "you said, we did" themes for the start screen, when the collection shows them there."""
    db = database.session()
    if not topics.page_settings(db, collection).kiosk:
        return []
    return respond_topics.shown(db, collection, language.current_language())


def submit(group_session, instrument, posted, *, closed: bool = False) -> submission.Result:
    """The participant's answer stored once, on the session's day and in its municipality; what it
    was checked against confirmed current before the caller commits."""
    database.catalog().record_instrument(instrument)
    result = submission.submit(
        database.session(),
        group_session.collection,
        instrument,
        posted,
        channel="kiosk",
        day=group_session.held_on,
        precision=current_app.config["DATE_PRECISION"],
        municipality_options=submissions.answerable_municipalities(
            instrument, group_session.collection
        ),
        municipality=group_session.municipality_code,
        group_session=group_session,
        closed=closed,
        recorded=True,
        pairing_key=submissions.pairing_key(),
        alone_at=database.catalog().version,
    )
    database.catalog().confirm(result.config_version)
    return result


def closed_page(group_session):
    leader.end()
    archived = group_session.collection.project.archived
    return no_store(
        (
            render_template("kiosk/closed.html", group_session=group_session, archived=archived),
            410,
        )
    )


@bp.route("/<token>", methods=["GET", "POST"])
@database.serve_again
def form(token: str):
    group_session, instrument = kiosk_session(token)
    leader.end()  # a participant page: leader mode is over
    if not accepting(group_session) or (
        group_session.closed_on is not None and request.method == "GET"
    ):
        return closed_page(group_session)
    if request.method == "GET":
        kept = attempts.take(database.session(), group_session, request.args.get(ERROR_TOKEN, ""))
        database.session().commit()
        options = submissions.answerable_municipalities(instrument, group_session.collection)
        if kept is None:
            return render_form(group_session, instrument, options)
        # The one-time error page: the kept answers with what to correct in them.
        checked = submission.check(instrument, kept, municipality_options=options)
        errors = submissions.field_errors(checked)
        return render_form(group_session, instrument, options, values=kept, errors=errors)
    new_turn()
    result = submit(group_session, instrument, submissions.posted())
    kept = None
    if result.status is Status.INVALID:
        kept = attempts.keep(database.session(), group_session, result.values)
    database.session().commit()
    submissions.refuse_tampered(result)
    if kept is not None:
        return redirect(
            url_for(".form", token=token, **participant_args(), **{ERROR_TOKEN: kept}), 303
        )
    return redirect(url_for(".thanks", token=token, **participant_args()), 303)


@bp.post("/<token>/api")
@csrf.exempt  # no cookie authority here: the tablet's address is the capability
@database.serve_again
def api(token: str):
    """Queued answers from the tablet: {"key": ..., "answers": {...}}; stored exactly once."""
    group_session, instrument = kiosk_session(token, page=False)
    posted = json_input.queued_answer(request)
    result = None
    if posted is not None:
        result = submit(group_session, instrument, posted, closed=not accepting(group_session))
        database.commit()
    if result is not None and result.status in (Status.STORED, Status.DUPLICATE):
        stored = result.status is Status.STORED
        return jsonify(status="stored" if stored else "duplicate"), 201 if stored else 200
    return api_refusal(group_session, instrument, result)


def api_refusal(group_session, instrument, result: submission.Result | None):
    """Why the tablet's answer was not stored, in the texts around the form (selko around a selko form)."""
    language.texts_for(instrument)
    if result is None or result.status in (Status.REPEATED, Status.BAD_KEY):
        return jsonify(status="invalid", message=_("The answer could not be read.")), 400
    if result.status is Status.CLOSED:
        message = (
            _("This survey is closed: its project is archived. This answer was not saved.")
            if group_session.collection.project.archived
            else _("The session has been closed; this answer was not saved.")
        )
        return jsonify(status="closed", message=message), 410
    errors = submissions.field_errors(result)  # answers to correct, or fields the form lacks
    errors.update({name: _("Unknown field.") for name in result.unknown})
    return jsonify(status="invalid", errors=errors), 422


@bp.get("/<token>/kiitos")
def thanks(token: str):
    group_session, instrument = kiosk_session(token)
    leader.end()
    new_turn()
    seconds = current_app.config["KIOSK_THANKS_SECONDS"]
    response = no_store(
        render_template("kiosk/thanks.html", group_session=group_session, instrument=instrument)
    )
    # Back to an empty form in the session's language for the next person, with or without JavaScript.
    response.headers["Refresh"] = f"{seconds}; url={url_for('.form', token=token)}"
    return response
