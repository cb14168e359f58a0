"""The app's instrument registry, read where a request needs it (built once, in create_app)."""

from __future__ import annotations

from flask import current_app

from surveyapp.core.instruments.registry import Registry


def instruments() -> Registry:
    return current_app.extensions["surveyapp.instruments"]
