"""The app's instrument registry, read where a request needs it: the shipped files (built once,
in create_app) and the published uploaded forms (read once per request)."""

from __future__ import annotations

from flask import current_app, g

from surveyapp.core import stored_instruments
from surveyapp.core.instruments.registry import Registry
from surveyapp.web import database


def shipped() -> Registry:
    return current_app.extensions["surveyapp.instruments"]


def instruments() -> Registry:
    if "instruments" not in g:
        g.instruments = shipped().with_stored(stored_instruments.published(database.session()))
    return g.instruments
