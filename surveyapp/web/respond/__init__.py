"""Respondent-facing pages: the web form and its thank-you page."""

from flask import Blueprint

bp = Blueprint("respond", __name__)

from . import series, topics, views  # noqa: E402,F401  (registers the routes on bp)
