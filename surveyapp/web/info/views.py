"""The accessibility statement and the privacy notice of an organisation, in Finnish, Swedish or English."""

from __future__ import annotations

import hashlib

from flask import abort, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import undefer

from surveyapp.core import organisations
from surveyapp.core.models import Organisation
from surveyapp.web import database
from surveyapp.web.info import bp
from surveyapp.web.info import statement as known_state
from surveyapp.web.language import current_language
from surveyapp.web.local_paths import local_path
from surveyapp.web.registry import shipped
from surveyapp.web.theme import theme_css, theme_version


def get_organisation(slug: str, *options) -> Organisation:
    found = database.session().scalar(
        select(Organisation).where(Organisation.slug == slug).options(*options)
    )
    if found is None:
        abort(404)
    return found


def back_link() -> str | None:
    """A return address on this site only (the kiosk passes its form's), never an open redirect."""
    return local_path(request.args.get("back", ""))


def authority(organisation: Organisation | None) -> str:
    language = current_language()
    own = getattr(organisation, f"authority_{language}", None) if organisation else None
    defaults = current_app.config["ACCESSIBILITY_AUTHORITY"]
    return own or defaults.get(language) or defaults["fi"]


def default_or_choice(endpoint: str, template: str):
    """Pages that belong to no organisation link here: the service's organisation, or a list to choose from."""
    db = database.session()
    organisation = organisations.service_default(db, current_app.config["ORGANISATION"])
    if organisation is not None:
        return redirect(url_for(endpoint, org=organisation.slug, **request.args))
    found = db.scalars(select(Organisation).order_by(Organisation.name)).all()
    if found:
        return render_template(
            "info/choose.html", organisations=found, endpoint=endpoint, template=template
        )
    # No organisation has filled in its details yet: say so rather than show an empty statement.
    return render_template(template, organisation=None, back=back_link(), **page_facts(None)), 200


def form_languages() -> list[tuple[str, list[str]]]:
    """The shipped forms that are also in Swedish, in English and in plain-language Finnish, by
    title (an organisation's uploaded forms are its own, not every statement's)."""
    registry = shipped()
    lang = current_language()
    return [
        (_("Also in Swedish:"), [i.title.get(lang) for i in registry if "sv" in i.languages]),
        (_("Also in English:"), [i.title.get(lang) for i in registry if "en" in i.languages]),
        (
            _("Also in plain-language Finnish:"),
            [i.title.get(lang) for i in registry if i.plain_language],
        ),
    ]


def page_facts(organisation: Organisation | None) -> dict:
    return dict(
        languages=form_languages(),
        shortcomings=known_state.SHORTCOMINGS,
        criteria=known_state.CRITERIA,
        compliance=known_state.compliance(),
        authority=authority(organisation),
    )


@bp.get("/saavutettavuusseloste")
def statement_default():
    return default_or_choice("info.statement", "info/statement.html")


@bp.get("/tietosuojaseloste")
def privacy_default():
    return default_or_choice("info.privacy", "info/privacy.html")


@bp.get("/o/<org>/saavutettavuusseloste")
def statement(org: str):
    organisation = get_organisation(org)
    return render_template(
        "info/statement.html",
        organisation=organisation,
        back=back_link(),
        **page_facts(organisation),
    )


@bp.get("/o/<org>/tietosuojaseloste")
def privacy(org: str):
    organisation = get_organisation(org)
    return render_template(
        "info/privacy.html", organisation=organisation, back=back_link(), **page_facts(organisation)
    )


@bp.get("/o/<org>/logo")
def logo(org: str):
    organisation = get_organisation(org, undefer(Organisation.logo))
    if organisation.logo is None:
        abort(404)
    etag = hashlib.sha256(organisation.logo).hexdigest()[:32]
    response = make_response(organisation.logo)
    response.mimetype = organisation.logo_type
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    # An image and nothing else, even when opened on its own.
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response.make_conditional(request)


@bp.get("/theme.css")
def theme_default():
    return theme_stylesheet(None)


@bp.get("/o/<org>/theme.css")
def theme(org: str):
    return theme_stylesheet(get_organisation(org))


def theme_stylesheet(organisation: Organisation | None):
    """The theme colours as CSS variables; cached for a year when asked for by its current version."""
    response = make_response(str(theme_css(organisation)))
    response.mimetype = "text/css"
    if request.args.get("v") == theme_version(organisation):
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response.headers["Cache-Control"] = "no-cache"
    return response
