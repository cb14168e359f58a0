"""A collection's answers for download: CSV (streamed), XLSX and the codebook, all k-anonymised."""

from __future__ import annotations

from collections.abc import Iterator

from flask import abort, current_app, request, stream_with_context
from flask_babel import gettext as _

from surveyapp.core import exports, group_sessions, reports, stored_instruments, version_wording
from surveyapp.core.models import Collection, StoredInstrument
from surveyapp.web import database, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.results import collection_table
from surveyapp.web.coordinate.views import get_collection
from surveyapp.web.registry import instruments


def export_data(collection: Collection):
    """Rows for export after small-group protection; a 403 page when the whole set is too small."""
    instrument = instruments()[collection.instrument_id]
    scope = reports.Scope(instrument.id, (collection.id,))
    # The replica, where one is configured: the protected table and every figure from the same snapshot.
    db, config = database.reporting_session(), current_app.config
    table = collection_table(collection, db=db)
    if table.hidden:
        abort(
            403,
            description=_(
                "There are fewer than %(min)s answers, so they cannot be exported without "
                "risking that someone is recognised.",
                min=config["MIN_CELL"],
            ),
        )
    units = group_sessions.units(db, collection, config["SESSION_MIN_N"], config["MIN_CELL"])
    recoding = exports.recode(table, reports.period_cells(db, scope), units)
    rows = exports.response_rows(
        instrument,
        reports.raw_answers(db, scope, reports.Filters()),
        {collection.id: collection.slug},
        recoding,
    )
    return instrument, exports.header(instrument), rows


def download(data: bytes | Iterator[bytes], filename: str, mimetype: str):
    return current_app.response_class(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/c/<slug>/vastaukset.csv")
@login_required
def export_csv(slug: str):
    collection = get_collection(slug)
    _instrument, columns, rows = export_data(collection)
    # Streamed: a million responses pass through in batches, never held in memory at once.
    return download(
        stream_with_context(exports.csv_chunks(columns, rows)),
        f"{slug}-vastaukset.csv",
        "text/csv; charset=utf-8",
    )


@bp.get("/c/<slug>/koodikirja.csv")
@login_required
def export_codebook(slug: str):
    collection = get_collection(slug)
    book = exports.codebook(
        codebook_instrument(collection, request.args.get("version", "")),
        submissions.municipality_options(collection),
    )
    return download(
        exports.to_csv(book[0], [dict(zip(book[0], line)) for line in book[1:]]),
        f"{slug}-koodikirja.csv",
        "text/csv; charset=utf-8",
    )


@bp.get("/c/<slug>/vastaukset.xlsx")
@login_required
def export_xlsx(slug: str):
    collection = get_collection(slug)
    instrument, columns, rows = export_data(collection)
    book = exports.codebook(instrument, submissions.municipality_options(collection))
    db = database.reporting_session()
    found = version_wording.for_scope(db, reports.Scope(instrument.id, (collection.id,)), "fi")
    return download(
        exports.to_xlsx(columns, rows, book, version_wording.sheet(found) if found else None),
        f"{slug}-vastaukset.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def codebook_instrument(collection: Collection, version: str):
    """The form whose codebook is asked for: the newest, or (``?version=``) a stored version of an
    uploaded form, with the words its answers were given against; a version not stored is 404."""
    if not version:
        return instruments()[collection.instrument_id]
    if not version.isdigit() or len(version) > 9:
        abort(404)
    row = database.session().get(StoredInstrument, (collection.instrument_id, int(version)))
    if row is None or row.published_on is None:
        abort(404)
    return stored_instruments.spec_of(row)
