"""Coordinator login: hashed passwords, the user id in the signed session cookie, nothing else."""
from __future__ import annotations

import functools

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from . import db
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
    if not g.user.can_see(project):
        abort(403)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = find_user(db.session(), form.email.data)
        if user and check_password_hash(user.password_hash, form.password.data):
            session.clear()
            session["user_id"] = user.id
            target = request.args.get("next", "")
            # Only local paths: never an open redirect.
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("coordinate.index")
            return redirect(target)
        flash(_("Wrong e-mail address or password."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("respond.index"))
