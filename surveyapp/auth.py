"""Coordinator login: hashed passwords, the user id in the signed session cookie, nothing else."""
from __future__ import annotations

import functools
import time

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from . import db, lockout
from .characters import storable
from .forms.auth import LoginForm
from .models import User

bp = Blueprint("auth", __name__, url_prefix="/auth")


def create_user(db_session, *, email: str, name: str, password: str, role: str) -> User:
    user = User(email=email.strip().lower(), name=name, password_hash=generate_password_hash(password), role=role)
    db_session.add(user)
    db_session.flush()
    return user


def find_user(db_session, email: str) -> User | None:
    return db_session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


@bp.before_app_request
def load_user() -> None:
    user_id = session.get("user_id")
    g.user = db.session().get(User, user_id) if user_id else None


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login", next=request.path))
        return view(**kwargs)
    return wrapped


def require_project(project) -> None:
    """Another project's pages do not exist for a coordinator: 404, the same as a wrong address."""
    if not g.user.can_see(project):
        abort(404)


def clock() -> int:
    return int(time.time())


@functools.cache
def _dummy_hash() -> str:
    return generate_password_hash("no account has this password")


def check_login(db_session, email: str, password: str) -> User | None:
    """The user whose password this is, unless locked; every other case looks the same from outside.

    A missing account, a wrong password and a locked account take the same time (one hash check)
    and get the same answer, so the login form does not tell which e-mail addresses have accounts.
    """
    config = current_app.config
    # An address with a NUL byte cannot be looked up (PostgreSQL refuses it) and belongs to nobody.
    user = find_user(db_session, email) if storable(email) else None
    now = clock()
    if user is None or lockout.is_locked(user, now):
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password):
        lockout.record_failure(db_session, user, now=now, max_failures=config["LOGIN_MAX_FAILURES"],
                               lock_seconds=60 * config["LOGIN_LOCK_MINUTES"])
        return None
    lockout.record_success(db_session, user)
    return user


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = check_login(db.session(), form.email.data, form.password.data)
        db.session().commit()
        if user is not None:
            session.clear()
            session["user_id"] = user.id
            target = request.args.get("next", "")
            # Only local paths: never an open redirect.
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("coordinate.index")
            return redirect(target)
        flash(_("Wrong e-mail address or password."), "error")
        flash(_("After %(n)s wrong tries in a row, logging in is locked for %(minutes)s minutes.",
                n=current_app.config["LOGIN_MAX_FAILURES"], minutes=current_app.config["LOGIN_LOCK_MINUTES"]),
              "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("respond.index"))
