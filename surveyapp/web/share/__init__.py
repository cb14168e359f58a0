"""Share links' public pages: a collection's protected results and PDF report, read without an account."""

from flask import Blueprint

bp = Blueprint("share", __name__, url_prefix="/tulokset")

from . import views  # noqa: E402,F401  (registers the routes on bp)
