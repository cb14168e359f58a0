"""Coordinator login: hashed passwords, logins kept in the database (logins.py), wrong tries counted
per account and client (throttle.py) with a slowdown of the whole account (login_guard.py)."""

from __future__ import annotations

import functools
import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError
from werkzeug.security import check_password_hash, generate_password_hash

from surveyapp.core import first_run, login_guard, logins, throttle
from surveyapp.core.characters import storable
from surveyapp.core.models import User
from surveyapp.core.users import find_user
from surveyapp.web import clients, database
from surveyapp.web.forms.auth import LoginForm
from surveyapp.web.local_paths import local_path

DAY = 24 * 60 * 60

bp = Blueprint("auth", __name__, url_prefix="/auth")


def idle_seconds() -> int:
    return 3600 * current_app.config["SESSION_IDLE_HOURS"]


@bp.before_app_request
def load_user() -> None:
    token = session.get("login")
    g.user = None
    if token is None:
        return
    db = database.session()
    try:
        g.user = logins.user_of(db, token, now=clock(), idle_seconds=idle_seconds())
        db.commit()
    except DBAPIError:
        # A read-only database (a reporting host on a replica) cannot record the latest use or
        # end an idle login; the login is still checked there, only not written.
        db.rollback()
        g.user = logins.user_of(db, token, now=clock(), idle_seconds=idle_seconds(), write=False)
    if g.user is None:
        session.pop("login", None)


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login", next=request.path))
        return view(**kwargs)

    return wrapped


def require_project(project, *roles: str) -> str:
    """The user's role in ``project``: an administrator and the project's coordinator may do
    everything, the other ``roles`` named may too; any other role in the project gets 403.
    Another project's pages do not exist for anyone in it: 404, the same as a wrong address."""
    role = g.user.role_in(project)
    if role is None:
        abort(404)
    if role not in ("admin", "coordinator", *roles):
        abort(403)
    return role


def clock() -> int:
    return int(time.time())


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("no account has this password")


def pair_policy() -> throttle.Policy:
    """Wrong passwords from one client for one e-mail address: locked after a few, longer each time."""
    config = current_app.config
    return throttle.Policy(
        limit=config["LOGIN_MAX_FAILURES"],
        first_wait=60 * config["LOGIN_LOCK_MINUTES"],
        max_wait=DAY,
        window=DAY,
    )


def check_login(db, email: str, password: str) -> User | None:
    """The user whose password this is, unless this client or the account must wait; else None.

    Wrong tries are counted per e-mail address and client (a keyed hash of both), so a stranger
    locks out only themselves; many wrong tries for one account from anywhere only slow it down.
    A missing account, a wrong password and a wait take the same time (one hash check) and get the
    same answer, so the login form does not tell which e-mail addresses have accounts.
    """
    config = current_app.config
    now = clock()
    pair = clients.client_hash(now, "login", email.strip().lower())
    if throttle.blocked_for(db, pair, now):
        check_password_hash(_dummy_hash(), password)
        return None
    # An address with a NUL byte cannot be looked up (PostgreSQL refuses it) and belongs to nobody.
    user = find_user(db, email) if storable(email) else None
    if user is not None and login_guard.waiting(user, now):
        # The whole account is slowed down: this try is not looked at, and not held against the client.
        check_password_hash(_dummy_hash(), password)
        return None
    if user is None or not check_password_hash(user.password_hash, password):
        if user is None:
            check_password_hash(_dummy_hash(), password)
        else:
            login_guard.failed(
                db,
                user,
                now=now,
                after=config["LOGIN_ACCOUNT_FAILURES"],
                wait=config["LOGIN_ACCOUNT_WAIT_SECONDS"],
            )
        throttle.record_failure(db, pair, now=now, policy=pair_policy())
        return None
    throttle.forget(db, pair)
    login_guard.succeeded(db, user)
    return user


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = check_login(database.session(), form.email.data, form.password.data)
        token = None
        if user is not None:
            logins.end(database.session(), session.get("login"))
            token = logins.start(database.session(), user, now=clock(), idle_seconds=idle_seconds())
        database.session().commit()
        if token is not None:
            session.clear()
            session["login"] = token
            # Only a path on this site, as a browser would read it: never an open redirect.
            return redirect(local_path(request.args.get("next")) or url_for("coordinate.index"))
        flash(_("Wrong e-mail address or password."), "error")
        flash(
            _(
                "After %(n)s wrong tries in a row, logging in is locked for %(minutes)s minutes.",
                n=current_app.config["LOGIN_MAX_FAILURES"],
                minutes=current_app.config["LOGIN_LOCK_MINUTES"],
            ),
            "error",
        )
    # A fresh installation has no accounts yet: the login page points to the one-time set-up.
    setup_needed = first_run.needed(database.session())
    return render_template("auth/login.html", form=form, setup_needed=setup_needed), (
        200 if request.method == "GET" else 422
    )


@bp.post("/logout")
def logout():
    # Ended in the database: a copy of the cookie no longer logs anyone in, on any host.
    logins.end(database.session(), session.get("login"))
    database.session().commit()
    session.clear()
    return redirect(url_for("respond.index"))
