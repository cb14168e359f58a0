"""The first-run set-up page: the first administrator and the organisation, on an empty database.

It exists only while there are no accounts (afterwards 404) and asks for the set-up code
(first_run.py), which only someone who can read the server's settings or log knows.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, session, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from surveyapp.core import first_run, logins, organisations
from surveyapp.core.users import find_user
from surveyapp.web import database
from surveyapp.web.auth import clock, idle_seconds
from surveyapp.web.forms.setup import SetupForm
from surveyapp.web.submissions import today

bp = Blueprint("setup", __name__)


def expected_code() -> str:
    config = current_app.config
    return first_run.setup_token(config["SECRET_KEY"], config["SETUP_TOKEN"])


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    db = database.session()
    if not first_run.needed(db):
        abort(404)
    form = SetupForm(data=organisations.form_values(None, today()), expected_code=expected_code())
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("setup.html", form=form), status
    try:
        first_run.set_up(
            db,
            email=form.admin_email.data,
            name=form.admin_name.data,
            password=form.password.data,
            slug=form.slug.data,
            settings=form.settings(),
            today=today(),
        )
        db.commit()
    except IntegrityError:
        # Someone else's set-up was saved a moment earlier: theirs stands, nothing of this one.
        db.rollback()
        abort(409, description=_("The service was set up a moment ago by someone else. Log in."))
    user = find_user(db, form.admin_email.data)
    token = logins.start(db, user, now=clock(), idle_seconds=idle_seconds())
    db.commit()
    session.clear()
    session["login"] = token
    return redirect(url_for("projects.index"))


def log_setup_code(app) -> None:
    """At start, while there are no accounts, the log says where to set up and with which code."""
    from sqlalchemy.exc import SQLAlchemyError

    factory = app.extensions["surveyapp.db"]
    try:
        with factory() as db:
            needed = first_run.needed(db)
    except SQLAlchemyError:  # not migrated yet (flask db upgrade builds the app too), or down
        return
    finally:
        # No connection is kept from start-up: a process forked after it must open its own.
        factory.kw["bind"].dispose()
    if needed:
        code = first_run.setup_token(app.config["SECRET_KEY"], app.config["SETUP_TOKEN"])
        app.logger.warning("no accounts yet: open /setup and give the set-up code %s", code)
