"""A project's people: their roles, invitations by a one-time link (also e-mailed when MAIL_SERVER
is set), and removal, which ends the person's logins at once.

Administrators manage every role; a project's coordinator invites and removes the project's group
leaders and steering-group readers (people.COORDINATOR_MAY_MANAGE), never coordinators.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from surveyapp.core import people
from surveyapp.core.models import PROJECT_ROLES, User
from surveyapp.web import database, mail
from surveyapp.web.auth import clock, login_required
from surveyapp.web.coordinate.projects import get_project
from surveyapp.web.forms.people import InviteForm, WithdrawInvitationForm, role_name

bp = Blueprint("people", __name__, url_prefix="/coordinate/projects")


def manageable_roles(project) -> tuple[str, ...]:
    return tuple(r for r in PROJECT_ROLES if people.may_manage(g.user, project, r))


def managed_project(slug: str):
    """The project, for someone who may manage some of its people (else 403/404)."""
    project = get_project(slug)
    if not manageable_roles(project):
        abort(403)
    return project


def people_page(project, form, status=200, **extra):
    db = database.session()
    return render_template(
        "coordinate/people.html",
        project=project,
        form=form,
        members=people.members(db, project),
        pending=people.pending(db, project, clock()),
        may_remove=lambda role: people.may_manage(g.user, project, role),
        role_name=role_name,
        **extra,
    ), status


@bp.route("/<slug>/people", methods=["GET", "POST"])
@login_required
def index(slug: str):
    project = managed_project(slug)
    form = InviteForm(roles=manageable_roles(project))
    if not form.validate_on_submit():
        return people_page(project, form, 422 if form.errors else 200)
    db = database.session()
    token = people.invite(
        db,
        project=project,
        email=form.email.data,
        name=form.name.data,
        role=form.role.data,
        now=clock(),
    )
    db.commit()
    if token is None:
        flash(
            _(
                "%(email)s has an account already: they are now %(role)s in this project.",
                email=form.email.data,
                role=role_name(form.role.data),
            ),
            "ok",
        )
        return redirect(url_for(".index", slug=slug))
    link = url_for("invitations.accept", token=token, _external=True)
    sent = mail.send_invitation(form.email.data, form.name.data, link, project.name)
    # The link is shown once, here: only its hash is stored.
    return people_page(
        project,
        InviteForm(formdata=None, roles=manageable_roles(project)),
        invited=form.email.data,
        link=link,
        sent=sent,
    )


@bp.post("/<slug>/people/<user_id>/remove")
@login_required
def remove(slug: str, user_id: str):
    project = managed_project(slug)
    db = database.session()
    user = db.get(User, user_id)
    found = people.membership(db, user, project) if user is not None else None
    if found is None:
        abort(404)
    if not people.may_manage(g.user, project, found.role) or user.id == g.user.id:
        abort(403)
    name = user.name
    people.remove(db, user, project)
    db.commit()
    flash(_("%(name)s was removed from the project; their logins ended.", name=name), "ok")
    return redirect(url_for(".index", slug=slug))


@bp.post("/<slug>/people/withdraw")
@login_required
def withdraw(slug: str):
    """Withdraw a pending invitation: its link stops working at once."""
    project = managed_project(slug)
    form = WithdrawInvitationForm()
    if not form.validate_on_submit():
        abort(400)
    db = database.session()
    found = people.pending_for(db, project, form.email.data, clock())
    if not found:
        abort(404)
    if not all(people.may_manage(g.user, project, i.role) for i in found):
        abort(403)
    people.withdraw(db, project, form.email.data)
    db.commit()
    flash(
        _(
            "The invitation to %(email)s was withdrawn; its link no longer works.",
            email=form.email.data,
        ),
        "ok",
    )
    return redirect(url_for(".index", slug=slug))
