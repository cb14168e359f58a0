"""Results dashboards: per collection, or per instrument across the collections a coordinator sees."""
from __future__ import annotations

from flask import abort, current_app, g, make_response, render_template, request, send_file, stream_with_context
from flask_babel import gettext as _
from sqlalchemy import select

from .. import charts, db, plotly_assets, reports, results, rounds, submissions
from ..auth import login_required
from ..models import AUDIENCES, CHANNELS, Collection
from ..templating import instruments
from . import bp
from .views import get_collection, get_instrument, pdf_download

@bp.get("/plotly.min.js")
@login_required
def plotly_js():
    """plotly.js from the installed package: no CDN, no request anywhere else."""
    return send_file(plotly_assets.PLOTLY_JS, mimetype="text/javascript", max_age=86400)


@bp.get("/plotly/<name>.css")
@login_required
def plotly_css(name: str):
    """plotly.js's style rules ("global", or a bundled stylesheet's id), which it would otherwise inject inline."""
    css = plotly_assets.stylesheet() if name == "global" else plotly_assets.bundled().get(name)
    if css is None:
        abort(404)
    response = make_response(css)
    response.mimetype = "text/css"
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


def read_filters(unfiltered: list[reports.Cell], municipalities: list[str], *, audience_allowed: bool):
    """Filters from the query string; a value not on offer is dropped and said so."""
    args, notes = request.args, []
    years = sorted({c.period_start.year for c in unfiltered})
    channels = sorted({c.channel for c in unfiltered})

    def pick(name, allowed, convert=str):
        raw = args.get(name, "")
        if not raw:
            return None
        try:
            value = convert(raw)
        except ValueError:
            value = None
        if value not in allowed:
            notes.append(_("The filter “%(value)s” is not available here and was left out.", value=raw[:40]))
            return None
        return value

    filters = reports.Filters(
        municipality=pick("municipality", municipalities),
        year=pick("year", years, int),
        channel=pick("channel", [c for c in channels if c in CHANNELS]),
        audience=pick("audience", list(AUDIENCES)) if audience_allowed else None,
    )
    return filters, dict(years=years, channels=channels, municipalities=municipalities), notes


def reportable_municipalities(unfiltered: list[reports.Cell], min_cell: int) -> list[str]:
    """Municipalities that may be filtered on: those shown on their own in the unfiltered breakdown.

    A municipality merged into "muut" cannot be chosen, or "muut" minus it would give the rest.
    """
    return list(results.breakdown("municipality", unfiltered, [], min_cell).suppression.shown)


def dashboard_page(scope: reports.Scope, title: str, collection: Collection | None):
    instrument = instruments()[scope.instrument_id]
    min_cell = current_app.config["MIN_CELL"]
    session = db.reporting_session()  # the replica, where one is configured
    unfiltered = reports.response_cells(session, scope, reports.Filters())
    visible = reportable_municipalities(unfiltered, min_cell)
    filters, available, notes = read_filters(unfiltered, visible, audience_allowed=collection is None)
    options = submissions.municipality_options(collection) if collection else ()
    # Response rates compare answers with everyone invited: only for a whole round, not a year or channel of it.
    rates = rounds.rate_inputs(session, collection) if collection and not (filters.year or filters.channel) else {}
    dashboard = results.for_scope(session, instrument, scope, filters, min_cell=min_cell, municipality_options=options,
                                  cells=unfiltered if filters == reports.Filters() else None, **rates)
    names = {m.code: m.name for c in scope_collections(scope) for m in c.municipalities}
    trend_charts = {by: trend_chart(dashboard.breakdowns[by]) for by in ("year", "month")} \
        if dashboard.grade_item and not dashboard.hidden else {}
    return render_template("coordinate/results.html", title=title, instrument=instrument, collection=collection,
                           dashboard=dashboard, filters=filters, available=available, notes=notes, charts=charts,
                           municipality_names=names, audiences=AUDIENCES, option_label=option_label,
                           audience_label=audience_label, trend_charts=trend_charts, matrix_chart=matrix_chart,
                           plotly_style_ids=list(plotly_assets.bundled()))


def matrix_chart(result: results.ItemResult, lang: str) -> str:
    def short(text: str) -> str:
        return text if len(text) <= 60 else text[:57].rstrip() + "…"
    return charts.diverging([(short(row.text.get(lang)), summary) for row, summary in result.rows],
                            result.item.scale.options)


def trend_chart(breakdown: results.Breakdown) -> str:
    rows = [r for r in breakdown.rows if not r.hidden and r.key != "muut"]
    labels = [f"{int(r.key[5:])}/{r.key[:4]}" if breakdown.by == "month" else r.key for r in rows]
    means = [float(r.grades.mean) if r.grades and r.grades.n else None for r in rows]
    return charts.means_over_time(labels, means)


def option_label(item, code: str, lang: str, municipality_names: dict[str, str]) -> str:
    if getattr(item, "role", None) == "municipality":
        return municipality_names.get(code) or _("other / prefer not to say")
    options = item.options if hasattr(item, "options") else item.scale.options
    option = next((o for o in options if o.code == code), None)
    return option.label.get(lang) if option else code


def audience_label(audience: str) -> str:
    return {"participants": _("group participants"), "partners": _("partner organisations"),
            "steering_group": _("steering group"), "clients": _("clients"), "workers": _("workers")}[audience]


def scope_collections(scope: reports.Scope) -> list[Collection]:
    return list(db.session().scalars(select(Collection).where(Collection.id.in_(scope.collection_ids))))


@bp.get("/c/<slug>/results")
@login_required
def collection_results(slug: str):
    collection = get_collection(slug)
    scope = reports.Scope(collection.instrument_id, (collection.id,))
    return dashboard_page(scope, collection.title, collection)


@bp.get("/instruments/<instrument_id>/results")
@login_required
def instrument_results(instrument_id: str):
    instrument = get_instrument(instrument_id)
    ids = tuple(c.id for c in db.session().scalars(select(Collection).where(Collection.instrument_id == instrument_id))
                if g.user.can_see(c.project))
    return dashboard_page(reports.Scope(instrument_id, ids), instrument.title.get("fi"), None)


def export_data(collection: Collection):
    """Rows for export after small-group protection; a 403 page when the whole set is too small."""
    from .. import exports
    instrument = instruments()[collection.instrument_id]
    scope = reports.Scope(instrument.id, (collection.id,))
    session, min_cell = db.reporting_session(), current_app.config["MIN_CELL"]
    cells = reports.response_cells(session, scope, reports.Filters())
    if sum(c.n for c in cells) < min_cell:
        abort(403, description=_("There are fewer than %(min)s answers, so they cannot be exported without "
                                 "risking that someone is recognised.", min=min_cell))
    merged = results.breakdown("municipality", cells, [], min_cell).suppression.merged
    rows = exports.response_rows(instrument, reports.raw_answers(session, scope, reports.Filters()),
                                 {collection.id: collection.slug}, merged)
    return instrument, exports.header(instrument), rows


def download(data: bytes | Iterator[bytes], filename: str, mimetype: str):
    return current_app.response_class(data, mimetype=mimetype,
                                      headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/c/<slug>/vastaukset.csv")
@login_required
def export_csv(slug: str):
    from .. import exports
    collection = get_collection(slug)
    _instrument, columns, rows = export_data(collection)
    # Streamed: a million responses pass through in batches, never held in memory at once.
    return download(stream_with_context(exports.csv_chunks(columns, rows)), f"{slug}-vastaukset.csv",
                    "text/csv; charset=utf-8")


@bp.get("/c/<slug>/koodikirja.csv")
@login_required
def export_codebook(slug: str):
    from .. import exports
    collection = get_collection(slug)
    book = exports.codebook(instruments()[collection.instrument_id], submissions.municipality_options(collection))
    return download(exports.to_csv(book[0], [dict(zip(book[0], line)) for line in book[1:]]),
                    f"{slug}-koodikirja.csv", "text/csv; charset=utf-8")


@bp.get("/c/<slug>/vastaukset.xlsx")
@login_required
def export_xlsx(slug: str):
    from .. import exports
    collection = get_collection(slug)
    instrument, columns, rows = export_data(collection)
    book = exports.codebook(instrument, submissions.municipality_options(collection))
    return download(exports.to_xlsx(columns, rows, book), f"{slug}-vastaukset.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/c/<slug>/raportti.pdf")
@login_required
def report_pdf(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    session = db.reporting_session()
    dashboard = results.for_scope(session, instrument, reports.Scope(instrument.id, (collection.id,)),
                                  reports.Filters(), min_cell=current_app.config["MIN_CELL"],
                                  municipality_options=submissions.municipality_options(collection),
                                  **rounds.rate_inputs(session, collection))
    names = {m.code: m.name for m in collection.municipalities}
    html = render_template("print/report.html", collection=collection, instrument=instrument, dashboard=dashboard,
                           charts=charts, municipality_names=names, option_label=option_label, today=submissions.today())
    return pdf_download(html, f"{slug}-raportti.pdf")
