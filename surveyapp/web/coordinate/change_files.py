"""The change report as a PDF (in the print language, as the other PDF reports) and as JSON: the
same protected figures as its page (waves.change)."""

from __future__ import annotations

from flask import abort, current_app, jsonify, render_template
from flask_babel import gettext as _

from surveyapp.core import change_data, change_tables
from surveyapp.web import submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.views import get_collection, pdf_download
from surveyapp.web.coordinate.waves import change_pairs
from surveyapp.web.language import form_language
from surveyapp.web.registry import instruments


@bp.get("/c/<slug>/muutos.pdf")
@login_required
def change_pdf(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    declared, pairs = change_pairs(collection)
    if declared is None:
        abort(404, description=_("This survey is in no measurement series."))
    min_cell = current_app.config["MIN_CELL"]
    html = render_template(
        "print/change.html",
        collection=collection,
        instrument=instrument,
        series=declared,
        prepared=change_tables.for_pairs(pairs, form_language(instrument), min_cell, _),
        min_cell=min_cell,
        today=submissions.today(),
    )
    return pdf_download(html, f"{slug}-muutos.pdf")


@bp.get("/c/<slug>/muutos.json")
@login_required
def change_json(slug: str):
    collection = get_collection(slug)
    declared, pairs = change_pairs(collection)
    if declared is None:
        abort(404, description=_("This survey is in no measurement series."))
    data = change_data.as_data(declared.name, pairs, current_app.config["MIN_CELL"])
    return jsonify(collection=slug, **data)
