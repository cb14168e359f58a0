"""Results dashboards: per collection, or per instrument across the collections a coordinator sees."""

from __future__ import annotations

from flask import (
    current_app,
    g,
    render_template,
    request,
)
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core import (
    battery_periods,
    collection_setup,
    grade_items,
    item_tables,
    protection,
    regions,
    reports,
    result_charts,
    result_tables,
    results,
    summary_band,
    version_wording,
)
from surveyapp.core.models import AUDIENCES, Collection
from surveyapp.web import database, kept_results, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp, result_choices
from surveyapp.web.coordinate.views import (
    READS_RESULTS,
    get_collection,
    get_instrument,
)
from surveyapp.web.language import current_language, form_language
from surveyapp.web.registry import instruments


def read_filters(table: protection.Table | None, *, audience_allowed: bool):
    """A municipality group and a period of the protected table from the query string; a value not on offer
    is dropped and said so. There is no channel filter: channel is not a published dimension."""
    args, notes = request.args, []

    def pick(name, allowed):
        raw = args.get(name, "")
        if not raw:
            return None
        if raw not in allowed:
            notes.append(
                _("The filter “%(value)s” is not available here and was left out.", value=raw[:40])
            )
            return None
        return raw

    for name in ("channel", *(() if table is not None else ("municipality", "year"))):
        pick(name, ())
    groups = list(table.groups) if table is not None and not table.hidden else []
    periods = table.period_labels() if table is not None and not table.hidden else []
    chosen = dict(
        municipality=pick("municipality", groups) if table is not None else None,
        year=pick("year", periods) if table is not None else None,
        audience=pick("audience", list(AUDIENCES)) if audience_allowed else None,
    )
    return chosen, dict(years=periods, municipalities=groups), notes


def collection_table(
    collection: Collection, cells: list[reports.Cell] | None = None, db: Session | None = None
) -> protection.Table:
    """The collection's protected table (docs/disclosure.md), from ``db`` (the request's by default)."""
    config = current_app.config
    return protection.for_collection(
        db or database.session(),
        collection,
        config["MIN_CELL"],
        config["SESSION_MIN_N"],
        cells,
    )


def dashboard_page(scope: reports.Scope, title: str, collection: Collection | None):
    instrument = instruments()[scope.instrument_id]
    min_cell = current_app.config["MIN_CELL"]
    db = database.reporting_session()  # the replica, where one is configured
    unfiltered = reports.response_cells(db, scope, reports.Filters()) if collection else None
    table = collection_table(collection, unfiltered, db) if collection else None
    chosen, available, notes = read_filters(table, audience_allowed=collection is None)
    charted = result_choices.chart_item(instrument, notes)
    whole = table is not None and not chosen["municipality"] and not chosen["year"]
    split_by = result_choices.split_item(instrument, whole, notes) if collection else None
    available["splits"] = result_choices.split_options(instrument) if collection else []
    options = submissions.municipality_options(collection) if collection else ()
    if table is not None:
        filters = results.selection(table, chosen["municipality"], chosen["year"])
    else:
        # One form across collections: the sum of the collections whose own figures are published.
        scope = published_collections(scope, chosen["audience"], db)
        filters = reports.Filters()
    # Response rates compare answers with everyone invited: only for a whole collection, not a period of it.
    rates = (
        collection_setup.rate_inputs(db, collection) if collection and not chosen["year"] else {}
    )
    dashboard = results.for_scope(
        db,
        instrument,
        scope,
        filters,
        min_cell=min_cell,
        table=table,
        municipality_options=options,
        **rates,
        cells=unfiltered if filters == reports.Filters() else None,
        split_by=split_by,
        session_min_n=current_app.config["SESSION_MIN_N"],
    )
    names = {m.code: m.name for c in scope_collections(scope) for m in c.municipalities}
    if "county" in dashboard.breakdowns:
        names |= regions.county_names(db, current_language())
    available["municipalities"] = [
        (m, result_tables.group_label("municipality", m, names, _))
        for m in available["municipalities"]
    ]
    lang = form_language(instrument)
    # A form without a grade leads with a battery: its change since the previous period.
    periods = (
        battery_periods.latest_two(db, instrument, scope, table, chosen["municipality"])
        if table is not None and dashboard.grade_item is None and not chosen["year"]
        else None
    )
    return render_template(
        "coordinate/results.html",
        title=title,
        instrument=instrument,
        collection=collection,
        dashboard=dashboard,
        filters=chosen,
        available=available,
        notes=notes,
        band=summary_band.facts(dashboard, lang, _, periods),
        drawn=result_charts.for_dashboard(dashboard, charted, lang, names, _),
        lead_label=grade_items.label(dashboard.grade_item, lang) if dashboard.grade_item else None,
        prepared=result_tables.for_dashboard(dashboard, lang, names, _),
        more=item_tables.for_dashboard(dashboard, lang, names, _),
        charted=charted,
        charted_label=grade_items.label(charted, lang) if charted else None,
        split_by=split_by,
        audiences=AUDIENCES,
        audience_label=audience_label,
        wording=None if dashboard.hidden else wording_table(db, scope, lang),
        kept=kept_results.shown(db, collection, instrument) if collection else None,
    )


def wording_table(db: Session, scope: reports.Scope, lang: str):
    """Each answered version's words where an uploaded form's versions differ (None if alike)."""
    found = version_wording.for_scope(db, scope, lang)
    return version_wording.table(found, _) if found else None


def published_collections(scope: reports.Scope, audience: str | None, db: Session) -> reports.Scope:
    """The collections of a scope whose own results are published (protected table not hidden)."""
    ids = [
        c.id
        for c in scope_collections(scope)
        if (audience is None or c.audience == audience) and not collection_table(c, db=db).hidden
    ]
    return reports.Scope(scope.instrument_id, tuple(sorted(ids)))


def audience_label(audience: str) -> str:
    return {
        "participants": _("group participants"),
        "partners": _("partner organisations"),
        "steering_group": _("steering group"),
        "clients": _("clients"),
        "workers": _("workers"),
    }[audience]


def scope_collections(scope: reports.Scope) -> list[Collection]:
    return list(
        database.session().scalars(
            select(Collection).where(Collection.id.in_(scope.collection_ids))
        )
    )


@bp.get("/c/<slug>/results")
@login_required
def collection_results(slug: str):
    collection = get_collection(slug, "steering_reader")
    scope = reports.Scope(collection.instrument_id, (collection.id,))
    return dashboard_page(scope, collection.title, collection)


@bp.get("/instruments/<instrument_id>/results")
@login_required
def instrument_results(instrument_id: str):
    instrument = get_instrument(instrument_id)
    ids = tuple(
        c.id
        for c in database.session().scalars(
            select(Collection).where(Collection.instrument_id == instrument_id)
        )
        if g.user.role_in(c.project) in READS_RESULTS
    )
    return dashboard_page(reports.Scope(instrument_id, ids), instrument.title.get("fi"), None)


def scope_of(collection: Collection) -> reports.Scope:
    return reports.Scope(collection.instrument_id, (collection.id,))
