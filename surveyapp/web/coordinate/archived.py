"""The page a coordinator or group leader gets where an archived project would take answers."""

from __future__ import annotations

from flask import render_template


def archived_page(collection):
    """410: the survey is closed for good (its project is archived); its results stay readable."""
    return render_template("coordinate/archived.html", collection=collection), 410
