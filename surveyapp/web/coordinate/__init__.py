"""Coordinator pages: collections, printable forms, paper entry."""

from flask import Blueprint

bp = Blueprint("coordinate", __name__, url_prefix="/coordinate")

from . import (  # noqa: E402,F401  (registers the routes on bp)
    cards,
    change_files,
    codes,
    collections,
    comparisons,
    exports,
    group_sessions,
    instrument_uploads,
    paired_exports,
    report,
    results,
    share_links,
    topics,
    views,
    waves,
)
