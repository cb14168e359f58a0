"""Which organisation a page belongs to, and the addresses of its statement and privacy notice.

A page names its organisation through what the view passes (an organisation, a collection or a
kiosk session). A page that names none belongs to the service's organisation: it is looked up once
per request, before the template renders, never from inside it.
"""

from __future__ import annotations

from typing import Mapping

from flask import Flask, current_app, g, url_for
from flask.signals import before_render_template
from jinja2 import pass_context
from sqlalchemy.exc import SQLAlchemyError

from surveyapp.core import organisations
from surveyapp.core.models import Organisation
from surveyapp.web import database


def named_by(context: Mapping) -> Organisation | None:
    """The organisation a page's context names: its own, its collection's or its kiosk session's."""
    organisation = context.get("organisation")
    if organisation is None:
        collection = context.get("collection") or getattr(
            context.get("group_session"), "collection", None
        )
        organisation = organisations.of_collection(collection)
    return organisation


# A page that names no organisation may show the one that was current this many seconds ago.
SERVICE_MAX_AGE = 2.0


def service_organisation() -> Organisation | None:
    """The configured organisation, or the only one; once per request, from the app's cache."""
    if "service_organisation" not in g:
        try:
            cached = database.catalog()
            cached.check(SERVICE_MAX_AGE)
            g.service_organisation = cached.service_organisation(current_app.config["ORGANISATION"])
        except SQLAlchemyError:  # an error page must render even when the database is down
            g.service_organisation = None
    return g.service_organisation


def add_service_organisation(app: Flask, template, context: dict, **extra) -> None:
    """Before a page renders: the service's organisation, when the page names none of its own."""
    if named_by(context) is None and "service_organisation" not in context:
        context["service_organisation"] = service_organisation()


@pass_context
def page_organisation(context) -> Organisation | None:
    """The organisation a page belongs to, from its context alone."""
    return named_by(context) or context.get("service_organisation")


def statement_url(organisation, **args) -> str:
    if organisation is None:
        return url_for("info.statement_default", **args)
    return url_for("info.statement", org=organisation.slug, **args)


def privacy_url(organisation, **args) -> str:
    if organisation is None:
        return url_for("info.privacy_default", **args)
    return url_for("info.privacy", org=organisation.slug, **args)


def init_app(app: Flask) -> None:
    before_render_template.connect(add_service_organisation, app)
