"""Kiosk leader views: the PIN, closing the session, the session's language and the review.

Every leader page needs leader mode (leader.py), asks for the PIN again once it has ended, is never
cached, and returns to the participants' form by itself after KIOSK_LEADER_SECONDS on screen.
"""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.core import group_sessions
from surveyapp.core.kiosk import pins
from surveyapp.web import database
from surveyapp.web.forms.kiosk_leader import CloseForm, PinForm, SessionLanguageForm, attendance
from surveyapp.web.kiosk import bp, leader
from surveyapp.web.kiosk.views import kiosk_session, no_store
from surveyapp.web.submissions import today


def leader_page(group_session, template: str, status: int = 200, **context):
    response = no_store((render_template(template, group_session=group_session, **context), status))
    # Left on screen, a leader page gives way to the participants' form (which ends leader mode).
    seconds = current_app.config["KIOSK_LEADER_SECONDS"]
    response.headers["Refresh"] = (
        f"{seconds}; url={url_for('.form', token=group_session.kiosk_token)}"
    )
    return response


def ask_pin(token: str):
    return redirect(url_for(".leave", token=token))


@bp.route("/<token>/lopeta", methods=["GET", "POST"])
def leave(token: str):
    """The PIN page: the way into the leader pages."""
    group_session, _instrument = kiosk_session(token)
    leader.end()  # asking for the PIN again ends any leader mode
    form, error = PinForm(), None
    if form.is_submitted():
        if pins.locked(database.session(), group_session):
            error = _(
                "Too many wrong PINs. The leader pages are locked for a while; try again later."
            )
        elif group_sessions.pin_matches(group_session, form.pin.data or ""):
            pins.succeeded(database.session(), group_session)
            database.session().commit()
            leader.grant(group_session)
            return redirect(
                url_for(".review" if group_session.closed_on else ".close", token=token), 303
            )
        else:
            pins.failed(database.session(), group_session)
            database.session().commit()
            error = _("Wrong PIN.")
        database.session().commit()  # the across-sessions count's row, created on first use
    return leader_page(
        group_session, "kiosk/leave.html", 200 if error is None else 403, form=form, error=error
    )


@bp.route("/<token>/sulje", methods=["GET", "POST"])
def close(token: str):
    group_session, _instrument = kiosk_session(token)
    if group_session.closed_on is not None and leader.active(group_session, review=True):
        return redirect(url_for(".review", token=token), 303)
    if not leader.active(group_session):
        return ask_pin(token)
    # Two forms on the page: the one that was sent shows what was typed, the other what is saved.
    sent = None
    if request.method == "POST":
        sent = "language" if request.form.get("action") == "language" else "close"
    close_form = (
        CloseForm(formdata=request.form)
        if sent == "close"
        else CloseForm(formdata=None, attendance=str(group_session.attendance or ""))
    )
    language_form = (
        SessionLanguageForm(formdata=request.form)
        if sent == "language"
        else SessionLanguageForm(formdata=None, language=group_session.language)
    )
    if sent == "language" and language_form.validate():
        group_session.language = language_form.language.data
        database.session().commit()
        return redirect(url_for(".close", token=token), 303)
    if sent == "close" and close_form.validate():
        group_sessions.close(group_session, today(), attendance(close_form.attendance))
        database.session().commit()
        leader.closed_now(group_session)
        return redirect(url_for(".review", token=token), 303)
    return leader_page(
        group_session,
        "kiosk/close.html",
        422 if close_form.errors or language_form.errors else 200,
        close_form=close_form,
        language_form=language_form,
        n=group_sessions.count(database.session(), group_session),
    )


@bp.get("/<token>/yhteenveto")
def review(token: str):
    """The figures, once the session is closed: they never change after that (late answers are +N)."""
    group_session, instrument = kiosk_session(token)
    if not leader.active(group_session, review=True):
        return ask_pin(token)
    if group_session.closed_on is None:
        return redirect(url_for(".close", token=token), 303)
    result = group_sessions.review(database.session(), group_session, instrument)
    return leader_page(
        group_session,
        "kiosk/review.html",
        instrument=instrument,
        review=result,
        min_n=current_app.config["SESSION_MIN_N"],
    )
