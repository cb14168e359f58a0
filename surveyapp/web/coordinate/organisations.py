"""Coordinator pages for an organisation's settings: a short form creates it, then four steps
(organisation, privacy notice, accessibility statement, colours and logo), each saved on its own."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from surveyapp.core import organisation_sections, organisations
from surveyapp.core.models import Organisation, Project
from surveyapp.core.themes import theme_checks
from surveyapp.web import database
from surveyapp.web.auth import login_required
from surveyapp.web.forms import organisation_texts as texts
from surveyapp.web.forms.organisations import NewOrganisationForm, OrganisationForm
from surveyapp.web.submissions import today

bp = Blueprint("organisations", __name__, url_prefix="/coordinate/organisations")


def can_edit(organisation: Organisation) -> bool:
    return g.user.role == "admin" or any(g.user.can_see(p) for p in organisation.projects)


@bp.get("/")
@login_required
def index():
    return render_template(
        "coordinate/organisations.html",
        organisations=organisations.visible_to(database.session(), g.user),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """The short form that creates an organisation; the rest of its settings are then its steps."""
    if g.user.role != "admin":
        abort(403)
    form = NewOrganisationForm(data=organisations.form_values(None, today()))
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("coordinate/organisation_new.html", form=form), status
    organisation = Organisation(slug=form.slug.data)
    database.session().add(organisation)
    organisations.apply(organisation, form.settings(), today())
    database.session().commit()
    flash(_("Organisation created. Fill in the rest of its settings step by step."), "ok")
    return redirect(url_for(".edit", slug=organisation.slug))


@bp.get("/<slug>")
@login_required
def edit(slug: str):
    """The overview: the four steps and what each still lacks."""
    organisation = get_organisation(slug)
    return render_template(
        "coordinate/organisation.html",
        organisation=organisation,
        steps=steps(organisation),
        overdue=organisations.statement_overdue(organisation, today()),
    )


def get_organisation(slug: str) -> Organisation:
    organisation = database.session().scalar(select(Organisation).where(Organisation.slug == slug))
    # Another organisation's settings do not exist for a coordinator: 404, as for a wrong address.
    if organisation is None or not can_edit(organisation):
        abort(404)
    return organisation


def section_titles() -> dict[str, str]:
    return {
        "organisation": _("Organisation"),
        "privacy": _("Privacy notice"),
        "accessibility": _("Accessibility statement"),
        "theme": _("Colours and logo"),
    }


def steps(organisation: Organisation, current: str | None = None) -> list[dict]:
    """The four steps with what each lacks, named as their fields are labelled."""
    lacking = organisation_sections.incomplete(organisation, today())
    names = {**texts.LABELS, organisation_sections.OVERDUE: _("a review within the last year")}
    return [
        dict(
            code=code,
            title=title,
            current=code == current,
            lacking=[str(names[name]) for name in lacking[code]],
        )
        for code, title in section_titles().items()
    ]


@bp.route("/<slug>/<section>", methods=["GET", "POST"])
@login_required
def section(slug: str, section: str):
    """One step of the settings, saved on its own: the other settings keep their saved values."""
    organisation = get_organisation(slug)
    fields = organisation_sections.SECTIONS.get(section)
    if fields is None:
        abort(404)
    # An administrator assigns the organisation's projects in its first step.
    projects = assignable_projects() if section == "organisation" else []
    saved = organisations.form_values(organisation, today())
    if request.method == "GET":
        data = {**saved, "projects": [p.id for p in organisation.projects]}
        form = OrganisationForm(data=data, organisation=organisation, projects=projects)
        return render_section(form, section)
    # This step's fields as posted (a field left out is empty), every other one as saved.
    posted = MultiDict(saved)
    for name in (*fields, *(("projects",) if projects else ()), "csrf_token"):
        posted.setlist(name, request.form.getlist(name))
    form = OrganisationForm(
        formdata=CombinedMultiDict((request.files, posted)),
        organisation=organisation,
        projects=projects,
    )
    if not form.validate():
        return render_section(form, section), 422
    organisations.apply(organisation, form.settings(), today())
    if form.uploaded_logo:
        organisation.logo, organisation.logo_type = form.uploaded_logo
    elif form.remove_logo.data:
        organisation.logo = organisation.logo_type = None
    if projects:
        assign_projects(organisation, projects, set(form.projects.data or ()))
    database.session().commit()
    flash(_("Settings saved."), "ok")
    return redirect(url_for(".section", slug=organisation.slug, section=section))


def assignable_projects() -> list[Project]:
    if g.user.role != "admin":
        return []
    return list(database.session().scalars(select(Project).order_by(Project.name)))


def assign_projects(organisation: Organisation, projects: list[Project], chosen: set) -> None:
    for project in projects:
        if project.id in chosen:
            project.organisation = organisation
        elif project.organisation is organisation:
            project.organisation = None


def render_section(form: OrganisationForm, section: str):
    organisation = form.organisation
    return render_settings(
        form,
        organisation,
        "coordinate/organisation_section.html",
        section=section,
        section_title=section_titles()[section],
        steps=steps(organisation, section),
    )


def render_settings(form: OrganisationForm, organisation: Organisation, template: str, **extra):
    colours = form.colours()
    # The measured contrast of every pair explains a refusal; it needs every colour to be readable.
    checks = theme_checks(colours) if all(colours.values()) else []
    return render_template(
        template,
        form=form,
        organisation=organisation,
        checks=checks,
        pairs=texts.PAIRS,
        colours=colours,
        ratio=texts.format_ratio,
        minimum=texts.format_minimum,
        default_authority=current_app.config["ACCESSIBILITY_AUTHORITY"],
        **extra,
    )
