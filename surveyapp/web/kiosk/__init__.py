"""Kiosk mode: a tablet passed from hand to hand after a group session."""

from flask import Blueprint

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")

from . import leader_views, views  # noqa: E402,F401  (registers the routes on bp)
