"""The collection's PDF report: the whole collection's protected figures, for coordinators, steering
groups and share links."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from surveyapp.core import (
    activities,
    activity_tables,
    background,
    charts,
    collection_setup,
    item_tables,
    protection,
    regions,
    reports,
    result_tables,
    results,
    version_wording,
)
from surveyapp.core.models import Collection
from surveyapp.web import database, kept_results, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.results import collection_table, scope_of
from surveyapp.web.coordinate.topics import report_topics
from surveyapp.web.coordinate.views import get_collection, pdf_download
from surveyapp.web.language import current_language, form_language
from surveyapp.web.registry import instruments


@bp.get("/c/<slug>/raportti.pdf")
@login_required
def report_pdf(slug: str):
    return report_response(get_collection(slug, "steering_reader"))


def report_response(collection: Collection):
    """The collection's PDF report: the unfiltered dashboard's protected figures (also a share link's)."""
    slug = collection.slug
    instrument = instruments()[collection.instrument_id]
    db = database.reporting_session()
    table = collection_table(collection, db=db)
    dashboard = results.for_scope(
        db,
        instrument,
        reports.Scope(instrument.id, (collection.id,)),
        reports.Filters(),
        min_cell=current_app.config["MIN_CELL"],
        table=table,
        municipality_options=submissions.municipality_options(collection),
        **collection_setup.rate_inputs(db, collection),
    )
    names = {m.code: m.name for m in collection.municipalities}
    if "county" in dashboard.breakdowns:  # the county level beside municipality (core/regions.py)
        names |= regions.county_names(db, current_language())
    lang = form_language(instrument)
    # Every background question's split: the report is the whole collection's view.
    splits = (
        []
        if dashboard.hidden
        else [
            item_tables.split_tables(
                background.for_scope(
                    db,
                    instrument,
                    item,
                    scope_of(collection),
                    reports.Filters(),
                    dashboard.min_cell,
                    table,
                    current_app.config["SESSION_MIN_N"],
                ),
                dashboard,
                lang,
                _,
                printed=True,
            )
            for item in background.items(instrument)
        ]
    )
    html = render_template(
        "print/report.html",
        collection=collection,
        instrument=instrument,
        dashboard=dashboard,
        charts=charts,
        prepared=result_tables.for_dashboard(dashboard, lang, names, _, printed=True),
        more=item_tables.for_dashboard(dashboard, lang, names, _, printed=True),
        splits=splits,
        today=submissions.today(),
        topic_table=report_topics(db, collection, table),
        activity=activity_table(db, collection, instrument, table),
        wording=None if dashboard.hidden else wording_table(db, collection, lang),
        kept=kept_results.shown(db, collection, instrument, printed=True),
    )
    return pdf_download(html, f"{slug}-raportti.pdf")


def wording_table(db: Session, collection: Collection, lang: str):
    """Each answered version's words where the form's versions differ (None if alike)."""
    found = version_wording.for_scope(db, scope_of(collection), lang)
    return version_wording.table(found, _, printed=True) if found else None


def activity_table(db: Session, collection: Collection, instrument, table: protection.Table):
    """The printed yearly activity table of the collection's group sessions, or None without any."""
    activity = activities.for_collection(
        db, collection, instrument, table, current_app.config["SESSION_MIN_N"]
    )
    return activity_tables.activity_table(activity, _, printed=True) if activity.rows else None
