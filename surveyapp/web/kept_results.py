"""Kept results tables at the edge: taken by `flask retention apply`, shown on the results page,
the PDF report and the results JSON of a collection whose answers the retention time deleted."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from surveyapp.core import grade_items, kept_results, protection, regions, reports, results
from surveyapp.core.models import Collection
from surveyapp.web.language import current_language, form_language


def keeper(db: Session, today: dt.date):
    """What retention.apply calls before a collection loses answers: its protected results
    tables kept, where its coordinators chose so. Needs an app context."""
    config = current_app.config
    registry = current_app.extensions["surveyapp.instruments"]

    def keep(collection: Collection) -> None:
        if kept_results.chosen(db, collection) is None:
            return
        instrument = registry[collection.instrument_id]
        k = config["MIN_CELL"]
        table = protection.for_collection(db, collection, k, config["SESSION_MIN_N"])
        dashboard = results.for_scope(
            db,
            instrument,
            reports.Scope(instrument.id, (collection.id,)),
            reports.Filters(),
            min_cell=k,
            table=table,
        )
        kept_results.keep(db, collection, dashboard, today)

    return keep


def shown(db: Session, collection: Collection, instrument, printed: bool = False) -> dict | None:
    """The kept tables of the collection for a template, or None when it has none."""
    row = kept_results.kept(db, collection)
    if row is None:
        return None
    lang = form_language(instrument)
    labels = {i.code: grade_items.label(i, lang) for i in grade_items.ordered(instrument)}
    names = {m.code: m.name for m in collection.municipalities}
    names |= regions.county_names(db, current_language())
    return {
        "deleted_on": row.answers_deleted_on,
        "tables": kept_results.tables(row, labels, names, _, printed),
    }
