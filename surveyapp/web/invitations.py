"""Accepting an invitation: the one-time link's set-your-password page, then logged in.

An unknown, used and expired link get one and the same page, so a link tells nothing about others.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, session, url_for
from flask_babel import gettext as _

from surveyapp.core import logins, people
from surveyapp.web import database
from surveyapp.web.auth import clock, idle_seconds
from surveyapp.web.forms.people import PasswordForm, role_name

bp = Blueprint("invitations", __name__)


def not_valid():
    abort(
        404,
        description=_(
            "This invitation link is not valid. It may have been used already or be more than "
            "7 days old. Ask the person who invited you for a new link."
        ),
    )


@bp.route("/kutsu/<token>", methods=["GET", "POST"])
def accept(token: str):
    db = database.session()
    invitation = people.find_invitation(db, token, clock())
    if invitation is None:
        not_valid()
    form = PasswordForm()
    if form.validate_on_submit():
        user = people.accept(db, token, password=form.password.data, now=clock())
        if user is None:
            db.rollback()
            not_valid()
        login = logins.start(db, user, now=clock(), idle_seconds=idle_seconds())
        db.commit()
        session.clear()
        session["login"] = login
        return redirect(url_for("coordinate.index"))
    return render_template(
        "invitation.html", form=form, invitation=invitation, role=role_name(invitation.role)
    ), 422 if form.errors else 200
