"""Comparisons: a survey's years side by side, or the survey beside other surveys of its form
within the coordinator's own projects; as a page, a PDF report and JSON."""

from __future__ import annotations

from flask import current_app, g, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from surveyapp.core import comparison_tables, comparisons
from surveyapp.core.models import Collection
from surveyapp.web import database, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.results import collection_table
from surveyapp.web.coordinate.views import get_collection, pdf_download
from surveyapp.web.forms.comparisons import CompareForm
from surveyapp.web.language import form_language
from surveyapp.web.registry import instruments


def candidates(collection: Collection) -> list[Collection]:
    """The other collections of the same form in projects the user may see, by title."""
    found = database.session().scalars(
        select(Collection)
        .where(
            Collection.instrument_id == collection.instrument_id,
            Collection.id != collection.id,
        )
        .order_by(Collection.title)
    )
    return [c for c in found if g.user.can_see(c.project)]


def read(collection: Collection):
    """(form, comparison or None): the form read from the query string (the years when empty),
    and the comparison when it is valid."""
    offered = candidates(collection)
    form = CompareForm(formdata=request.args if request.args else None)
    form.other.choices = [SelectChoice(c.slug, c.title) for c in offered]
    if request.args and not form.validate():
        return form, None
    instrument = instruments()[collection.instrument_id]
    db = database.reporting_session()
    if form.by.data == "rounds":
        chosen = [collection, *(c for c in offered if c.slug in form.other.data)]
        tables = [(c, collection_table(c, db=db)) for c in chosen]
        comparison = comparisons.for_rounds(db, instrument, tables, current_app.config["MIN_CELL"])
    else:
        comparison = comparisons.for_years(
            db, instrument, collection, collection_table(collection, db=db)
        )
    return form, comparison


def query() -> dict:
    return {"by": request.args.get("by", "years"), "other": request.args.getlist("other")}


@bp.get("/c/<slug>/compare")
@login_required
def compare(slug: str):
    collection = get_collection(slug)
    form, comparison = read(collection)
    instrument = instruments()[collection.instrument_id]
    lang = form_language(instrument)
    page = render_template(
        "coordinate/compare.html",
        collection=collection,
        instrument=instrument,
        form=form,
        comparison=comparison,
        prepared=comparison_tables.for_comparison(comparison, lang, _) if comparison else [],
        pdf_url=url_for("coordinate.compare_pdf", slug=slug, **query()),
        json_url=url_for("coordinate.compare_json", slug=slug, **query()),
    )
    return page, 422 if form.errors else 200


@bp.get("/c/<slug>/vertailu.pdf")
@login_required
def compare_pdf(slug: str):
    collection = get_collection(slug)
    form, comparison = read(collection)
    if comparison is None:
        return compare(slug=slug)
    instrument = instruments()[collection.instrument_id]
    html = render_template(
        "print/comparison.html",
        collection=collection,
        instrument=instrument,
        comparison=comparison,
        prepared=comparison_tables.for_comparison(
            comparison, form_language(instrument), _, printed=True
        ),
        today=submissions.today(),
    )
    return pdf_download(html, f"{slug}-vertailu.pdf")


@bp.get("/c/<slug>/vertailu.json")
@login_required
def compare_json(slug: str):
    collection = get_collection(slug)
    form, comparison = read(collection)
    if comparison is None:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return jsonify(status="invalid", errors=errors), 422
    return jsonify(collection=slug, **comparisons.as_data(comparison))
