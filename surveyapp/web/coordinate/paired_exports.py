"""A measurement series' answers for download with a pair number: every wave's rows as its own
export gives them (the same small-group protection), the response id left out, and a number that
the answers of one person share, new and random in every export. The code and its hash never."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _

from surveyapp.core import exports, pairing, waves
from surveyapp.web import database, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.exports import download, export_data
from surveyapp.web.coordinate.views import get_collection

LEFT_OUT = "response"


@bp.get("/c/<slug>/parit.csv")
@login_required
def export_pairs(slug: str):
    collection = get_collection(slug)
    db = database.reporting_session()
    series = waves.series_of(db, collection)
    if series is None:
        abort(404, description=_("This survey is in no measurement series."))
    listed = waves.waves(db, series)
    numbers = pairing.pair_numbers(db, [w.collection_id for w in listed], submissions.pairing_key())
    rows, columns = [], ["wave", "pair"]
    for wave in listed:
        _instrument, header, wave_rows = export_data(
            wave.collection
        )  # 403 when a wave is too small
        columns += [c for c in header if c != LEFT_OUT and c not in columns]
        for row in wave_rows:
            number = numbers.get(row.pop(LEFT_OUT))
            rows.append({"wave": wave.name, "pair": "" if number is None else str(number), **row})
    return download(exports.to_csv(columns, rows), f"{slug}-parit.csv", "text/csv; charset=utf-8")
