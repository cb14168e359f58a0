"""Public information pages: each organisation's accessibility statement and privacy notice, and its logo."""

from flask import Blueprint

bp = Blueprint("info", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)
