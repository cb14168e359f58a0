"""Projects for administrators: create, rename, assign to an organisation, archive."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from surveyapp.core import projects
from surveyapp.core.models import Organisation, Project
from surveyapp.web import database
from surveyapp.web.auth import login_required
from surveyapp.web.forms.projects import ProjectForm

bp = Blueprint("projects", __name__, url_prefix="/coordinate/projects")


def admin_only() -> None:
    if g.user.role != "admin":
        abort(403)


def get_project(slug: str) -> Project:
    """The project, for someone with a role in it (else 404, as for a wrong address)."""
    project = database.session().scalar(select(Project).where(Project.slug == slug))
    if project is None or g.user.role_in(project) is None:
        abort(404)
    return project


def all_organisations() -> list[Organisation]:
    return list(database.session().scalars(select(Organisation).order_by(Organisation.name)))


@bp.get("/")
@login_required
def index():
    """Administrators: every project; a coordinator: their own, to manage their people."""
    shown = [p for p in projects.all_projects(database.session()) if g.user.can_see(p)]
    return render_template("coordinate/projects.html", projects=shown)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    admin_only()
    form = ProjectForm(organisations_list=all_organisations())
    if form.validate_on_submit():
        project = projects.create(
            database.session(),
            slug=form.slug.data,
            name=form.name.data,
            organisation=form.chosen_organisation(),
        )
        database.session().commit()
        flash(_("The project was created. Invite its people next."), "ok")
        return redirect(url_for("people.index", slug=project.slug))
    return render_template("coordinate/project.html", form=form, project=None), (
        422 if form.errors else 200
    )


@bp.route("/<slug>", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    project = get_project(slug)
    admin_only()
    form = ProjectForm(
        organisations_list=all_organisations(),
        project=project,
        data=None
        if request.method == "POST"
        else {
            "name": project.name,
            "organisation": project.organisation_id or "",
            "archived": project.archived,
        },
    )
    if form.validate_on_submit():
        projects.change(
            project,
            name=form.name.data,
            organisation=form.chosen_organisation(),
            archived=form.archived.data,
        )
        database.session().commit()
        flash(_("The project was saved."), "ok")
        return redirect(url_for(".edit", slug=project.slug))
    return render_template("coordinate/project.html", form=form, project=project), (
        422 if form.errors else 200
    )
