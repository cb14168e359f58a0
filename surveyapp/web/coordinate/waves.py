"""A measurement series for coordinators: declare the waves, read the change report."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.core import change_report, change_tables, waves
from surveyapp.core.instruments.types.pairing import card_item
from surveyapp.web import database, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.results import collection_table
from surveyapp.web.coordinate.views import get_collection
from surveyapp.web.forms.waves import CardsForm, SeriesForm, WaveForm
from surveyapp.web.language import form_language
from surveyapp.web.registry import instruments


def _refused(code: str) -> str:
    return {
        "in_series": _("This survey is in a series already."),
        "not_candidate": _("Choose a survey from the list."),
        "name_taken": _("The series has a wave of that name already. Give another name."),
    }[code]


@bp.route("/c/<slug>/waves", methods=["GET", "POST"])
@login_required
def series(slug: str):
    collection = get_collection(slug)
    db = database.session()
    declared = waves.series_of(db, collection)
    series_form = wave_form = None
    if declared is None:
        series_form = SeriesForm()
        if series_form.validate_on_submit():
            waves.declare(db, collection, series_form.name.data, series_form.wave.data)
            db.commit()
            flash(_("The series was made: this survey is its first wave."), "ok")
            return redirect(url_for(".series", slug=slug))
    else:
        wave_form = WaveForm()
        offered = waves.candidates(db, declared)
        wave_form.collection.choices = [(c.slug, c.title) for c in offered]
        if wave_form.validate_on_submit():
            chosen = next(c for c in offered if c.slug == wave_form.collection.data)
            try:
                waves.add_wave(db, declared, chosen, wave_form.name.data)
            except waves.WaveRefused as refused:
                db.rollback()
                wave_form.name.errors = [_refused(refused.code)]
            else:
                db.commit()
                flash(_("The wave was added."), "ok")
                return redirect(url_for(".series", slug=slug))
    form = series_form or wave_form
    page = series_page(collection, series_form=series_form, wave_form=wave_form)
    return page, 422 if request.method == "POST" and form.errors else 200


def series_page(collection, *, series_form=None, wave_form=None, cards_form=None) -> str:
    """The series page; forms not given are shown empty."""
    db = database.session()
    declared = waves.series_of(db, collection)
    if declared is None:
        series_form = series_form or SeriesForm(formdata=None)
    elif wave_form is None:
        wave_form = WaveForm(formdata=None)
        wave_form.collection.choices = [(c.slug, c.title) for c in waves.candidates(db, declared)]
    if cards_form is None and card_item(instruments()[collection.instrument_id]):
        cards_form = CardsForm(formdata=None)
    return render_template(
        "coordinate/waves.html",
        collection=collection,
        series=declared,
        waves=waves.waves(db, declared) if declared else [],
        series_form=series_form,
        wave_form=wave_form,
        cards_form=cards_form,
    )


def change_pairs(collection):
    """(the series or None, its protected pairs of waves) of ``collection``'s series."""
    db = database.reporting_session()
    declared = waves.series_of(db, collection)
    if declared is None:
        return None, []
    listed = waves.waves(db, declared)
    withheld = frozenset(
        w.collection_id for w in listed if collection_table(w.collection, db=db).hidden
    )
    instrument = instruments()[collection.instrument_id]
    min_cell = current_app.config["MIN_CELL"]
    return declared, change_report.report(
        db, listed, instrument, submissions.pairing_key(), min_cell, withheld
    )


@bp.get("/c/<slug>/change")
@login_required
def change(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    min_cell = current_app.config["MIN_CELL"]
    declared, pairs = change_pairs(collection)
    return render_template(
        "coordinate/change.html",
        collection=collection,
        series=declared,
        prepared=change_tables.for_pairs(pairs, form_language(instrument), min_cell, _),
        min_cell=min_cell,
    )
