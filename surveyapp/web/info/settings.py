"""Coordinator pages for an organisation's settings: contact details, statement, privacy notice, theme, logo."""

from __future__ import annotations

from decimal import Decimal

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
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from surveyapp.core import contrast, organisations
from surveyapp.core.models import Organisation, Project
from surveyapp.core.stats import fi_number
from surveyapp.web import db
from surveyapp.web.auth import login_required
from surveyapp.web.submissions import today

bp = Blueprint("organisations", __name__, url_prefix="/coordinate/organisations")

LABELS = {
    "slug": _l("Short name in web addresses"),
    "name": _l("Name"),
    "name_sv": _l("Name in Swedish"),
    "name_en": _l("Name in English"),
    "business_id": _l("Business ID"),
    "postal": _l("Postal address"),
    "phone": _l("Telephone"),
    "email": _l("E-mail"),
    "website": _l("Website"),
    "legal_basis": _l("Legal basis for processing"),
    "dpo_contact": _l("Data protection officer"),
    "retention_years": _l("Retention period in years"),
    "processor": _l("Who runs the service technically"),
    "a11y_feedback_email": _l("E-mail for accessibility feedback"),
    "a11y_feedback_url": _l("Web form for accessibility feedback"),
    "a11y_prepared_on": _l("Statement prepared on"),
    "a11y_reviewed_on": _l("Statement last updated on"),
    "a11y_assessment": _l("How accessibility was assessed"),
    "a11y_assessor": _l("Who made the external assessment"),
    "authority_fi": _l("Supervisory authority, in Finnish"),
    "authority_sv": _l("Supervisory authority, in Swedish"),
    "authority_en": _l("Supervisory authority, in English"),
    "theme_brand": _l("Header background"),
    "theme_brand_text": _l("Header text"),
    "theme_accent": _l("Links and buttons"),
    "theme_heading": _l("Headings"),
    "theme_border": _l("Borders of answer boxes and fields"),
    "logo": _l("Logo"),
}
PAIRS = {
    "header": _l("Header text on the header background"),
    "accent": _l("Links and buttons on the white page"),
    "heading": _l("Headings on the white page"),
    "border": _l("Borders of answer boxes and fields on the white page"),
}
KINDS = {
    "text": _l("text"),
    "large_text": _l("large text, such as headings"),
    "ui": _l("the borders of answer boxes and fields"),
}


def message(problem: organisations.Problem) -> str:
    p = problem.params
    label = LABELS.get(problem.field, problem.field)
    texts = {
        "required": lambda: _("%(label)s is required.", label=label),
        "control_chars": lambda: _(
            "%(label)s contains characters that cannot be saved. Please retype it.", label=label
        ),
        "too_long": lambda: _(
            "%(label)s can be at most %(max)s characters long.", label=label, max=p["max"]
        ),
        "email": lambda: _("Write the e-mail address in the form name@example.fi."),
        "url": lambda: _("Write the web address in full, starting with https://."),
        "business_id": lambda: _(
            "Write the business ID in the form 1234567-8 and check the last digit."
        ),
        "choice": lambda: _("Choose one of the options."),
        "retention": lambda: _("Give the number of years as a whole number from 1 to 50."),
        "feedback_channel": lambda: _(
            "Give an e-mail address or a web form for accessibility feedback: "
            "the law requires a way to give feedback."
        ),
        "date": lambda: _("Write the date in the form %(example)s.", example=p["example"]),
        "future": lambda: _("The date cannot be in the future."),
        "dates_order": lambda: _(
            "The last update cannot be before the date the statement was prepared."
        ),
        "assessor": lambda: _("Name who made the external assessment."),
        "colour": lambda: _(
            "Write the colour as a hex code, for example %(example)s.", example=p["example"]
        ),
        "contrast": lambda: _(
            "%(pair)s: the contrast is only %(ratio)s:1, but at least %(minimum)s:1 is needed "
            "(%(kind)s). Make one of the two colours darker or the other lighter.",
            pair=PAIRS[p["pair"]],
            ratio=fi_number(Decimal(str(p["ratio"])), 2),
            kind=KINDS[p["kind"]],
            minimum=format_minimum(p["minimum"]),
        ),
        "slug": lambda: _(
            "Use only lower-case letters a–z, digits and hyphens, at most 40 characters."
        ),
        "slug_taken": lambda: _("Another organisation already uses this short name."),
        "logo_type": lambda: _("The logo must be a PNG, JPEG or WebP image."),
        "logo_size": lambda: _(
            "The logo can be at most %(kb)s KB: it is loaded on every form page.",
            kb=organisations.LOGO_MAX_BYTES // 1024,
        ),
    }
    return texts[problem.code]()


def can_edit(organisation: Organisation) -> bool:
    return g.user.role == "admin" or any(g.user.can_see(p) for p in organisation.projects)


def read_logo(problems: list) -> tuple[bytes, str] | None:
    upload = request.files.get("logo")
    if upload is None or not upload.filename:
        return None
    data = upload.read(organisations.LOGO_MAX_BYTES + 1)
    kind = organisations.logo_type(data)
    if kind is None:
        problems.append(organisations.Problem("logo", "logo_type"))
    elif len(data) > organisations.LOGO_MAX_BYTES:
        problems.append(organisations.Problem("logo", "logo_size"))
    else:
        return data, kind
    return None


@bp.get("/")
@login_required
def index():
    return render_template(
        "info/organisations.html", organisations=organisations.visible_to(db.session(), g.user)
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    if g.user.role != "admin":
        abort(403)
    return edit_page(None)


@bp.route("/<slug>", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    organisation = db.session().scalar(select(Organisation).where(Organisation.slug == slug))
    # Another organisation's settings do not exist for a coordinator: 404, as for a wrong address.
    if organisation is None or not can_edit(organisation):
        abort(404)
    return edit_page(organisation)


def edit_page(organisation: Organisation | None):
    session = db.session()
    projects = (
        session.scalars(select(Project).order_by(Project.name)).all()
        if g.user.role == "admin"
        else []
    )
    if request.method == "GET":
        chosen = {p.id for p in organisation.projects} if organisation else set()
        return render_settings(
            organisation, organisations.form_values(organisation, today()), {}, projects, chosen
        )
    clean, problems = organisations.read_settings(request.form, today())
    slug = organisation.slug if organisation else None
    if organisation is None:
        slug, problem = organisations.read_slug(request.form.get("slug", ""), session)
        if problem:
            problems.insert(0, problem)
    logo = read_logo(problems)
    if problems:
        errors = {p.field: message(p) for p in reversed(problems)}
        values = {**request.form.to_dict(), "slug": slug or ""}
        return render_settings(
            organisation,
            values,
            errors,
            projects,
            set(request.form.getlist("projects")),
            problems=problems,
        ), 422
    if organisation is None:
        organisation = Organisation(slug=slug)
        session.add(organisation)
    organisations.apply(organisation, clean, today())
    if logo:
        organisation.logo, organisation.logo_type = logo
    elif request.form.get("remove_logo"):
        organisation.logo = organisation.logo_type = None
    if g.user.role == "admin":
        chosen = set(request.form.getlist("projects"))
        for project in projects:
            if project.id in chosen:
                project.organisation = organisation
            elif project.organisation is organisation:
                project.organisation = None
    session.commit()
    flash(_("Settings saved."), "ok")
    return redirect(url_for(".edit", slug=organisation.slug))


def format_ratio(value: float) -> str:
    """4,49:1: cut, never rounded up, so a refused pair never shows a passing figure."""
    return f"{fi_number(Decimal(str(contrast.shown_ratio(value))), 2)}:1"


def format_minimum(value: float) -> str:
    """4,5 or 3, as the guidelines write them."""
    return fi_number(int(value), 0) if value == int(value) else fi_number(Decimal(str(value)), 1)


def render_settings(organisation, values, errors, projects, chosen_projects, problems=()):
    colours = {
        name: contrast.normalise(values.get(name, "")) for name in organisations.DEFAULT_THEME
    }
    # The measured contrast of every pair explains a refusal; it needs every colour to be readable.
    checks = organisations.theme_checks(colours) if all(colours.values()) else []
    error_list, seen = [], set()
    for problem in problems:  # each field once, in form order, with its first problem
        if problem.field not in seen:
            seen.add(problem.field)
            error_list.append((problem.field, None, errors[problem.field]))
    return render_template(
        "info/settings.html",
        organisation=organisation,
        values=values,
        errors=errors,
        error_list=error_list,
        projects=projects,
        checks=checks,
        pairs=PAIRS,
        kinds=KINDS,
        labels=LABELS,
        colours=colours,
        ratio=format_ratio,
        minimum=format_minimum,
        chosen_projects=chosen_projects,
        overdue=organisation is not None and organisations.statement_overdue(organisation, today()),
        default_authority=current_app.config["ACCESSIBILITY_AUTHORITY"],
        logo_max_kb=organisations.LOGO_MAX_BYTES // 1024,
    )
