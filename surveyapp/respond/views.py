"""The web form: show, validate, store once, thank."""
from __future__ import annotations

import secrets

from flask import abort, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import db, submissions
from ..models import Collection
from ..submissions import today
from ..templating import instruments
from . import bp


def get_collection(slug: str) -> Collection:
    collection = db.session().scalar(select(Collection).where(Collection.slug == slug))
    if collection is None or instruments().get(collection.instrument_id) is None:
        abort(404)
    return collection


@bp.get("/")
def index():
    open_now = [c for c in db.session().scalars(select(Collection).order_by(Collection.title))
                if c.is_open(today()) and instruments().get(c.instrument_id)]
    return render_template("respond/index.html", collections=open_now)


@bp.route("/c/<slug>", methods=["GET", "POST"])
def form(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    if not collection.is_open(today()):
        return render_template("respond/closed.html", collection=collection, instrument=instrument), 410
    page = dict(collection=collection, instrument=instrument, options=submissions.municipality_options(collection))
    if request.method == "GET":
        return render_template("respond/form.html", values={}, errors={}, key=secrets.token_urlsafe(24), **page)
    posted = submissions.read(instrument, collection)
    if posted.errors:
        return render_template("respond/form.html", values=posted.values, errors=posted.errors, key=posted.key,
                               error_list=submissions.error_list(instrument, posted.errors), **page), 422
    submissions.store(collection, instrument, posted.parsed, posted.key, channel="web", day=today(),
                      municipality=posted.parsed.municipality_code)
    return redirect(url_for(".thanks", slug=slug))


@bp.get("/c/<slug>/kiitos")
def thanks(slug: str):
    collection = get_collection(slug)
    return render_template("respond/thanks.html", collection=collection,
                           instrument=instruments()[collection.instrument_id])
