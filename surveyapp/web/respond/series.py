"""A code card's link: the measurement series' address, which leads to the wave open now.

A card is printed once and kept for every wave, so its QR code cannot name one survey. The link
``/sarja/<series>?pari=<code>`` redirects to the open wave's form with the code still in the query
string (the access log never writes a query string, and the code is stored nowhere on the way);
when several waves are open at once (rolling groups) it lists them, and when none is, says so.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from surveyapp.core import waves
from surveyapp.core.instruments.types import pairing
from surveyapp.web import database
from surveyapp.web.respond import bp
from surveyapp.web.submissions import today


@bp.get("/sarja/<series_id>")
def series_link(series_id: str):
    series, open_waves = waves.answerable(database.session(), series_id, today())
    if series is None:
        abort(404)
    code = request.args.get("pari", "")[: pairing.MAX_TYPED]
    links = [
        (wave, url_for("respond.form", slug=wave.collection.slug, pari=code or None))
        for wave in open_waves
    ]
    if len(links) == 1:
        response = redirect(links[0][1], 303)
        response.headers["Cache-Control"] = "no-store"
        return response
    page = render_template("respond/series.html", series=series, links=links)
    return page, 200 if links else 410, {"Cache-Control": "no-store"}
