"""The web form: show, validate, store once, thank."""
from __future__ import annotations

import datetime as dt
import re
import secrets
from zoneinfo import ZoneInfo

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import db, responses
from ..instruments import answers
from ..models import Collection
from ..templating import instruments
from . import bp
from .messages import message

KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
RESERVED = {"csrf_token", "_key"}


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def get_collection(slug: str) -> Collection:
    collection = db.session().scalar(select(Collection).where(Collection.slug == slug))
    if collection is None or instruments().get(collection.instrument_id) is None:
        abort(404)
    return collection


def municipality_options(collection: Collection):
    return answers.municipality_options(((m.code, m.name) for m in collection.municipalities),
                                        _("other / prefer not to say"))


def single_values(form) -> dict[str, str]:
    """The posted fields, refusing a field sent twice (a tampered or broken post)."""
    values = {}
    for name, items in form.lists():
        if len(items) != 1:
            abort(400, description=_("The form was sent in an unexpected shape. Please reload the page and answer again."))
        values[name] = items[0]
    return values


def error_list(instrument, errors: dict[str, str]) -> list[tuple[str, str | None, str]]:
    """(field, printed number, message) in paper order, for the summary at the top."""
    return [(name, item.number, errors[name]) for name, item in answers.fields(instrument) if name in errors]


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
    options = municipality_options(collection)
    if request.method == "GET":
        return render_template("respond/form.html", collection=collection, instrument=instrument,
                               options=options, values={}, errors={}, key=secrets.token_urlsafe(24))

    values = single_values(request.form)
    key = values.get("_key", "")
    parsed = answers.parse(instrument, values, municipality_options=options, ignore=RESERVED)
    if parsed.unknown or not KEY.match(key):
        abort(400, description=_("The form contained fields that do not belong to it. Nothing was saved. "
                                 "Please reload the page and answer again."))
    if parsed.errors:
        errors = {e.field: message(e) for e in parsed.errors}
        return render_template("respond/form.html", collection=collection, instrument=instrument,
                               options=options, values=values, errors=errors, key=key,
                               error_list=error_list(instrument, errors)), 422
    store_response(collection, instrument, parsed, key, channel="web", day=today(),
                   municipality=parsed.municipality_code)
    return redirect(url_for(".thanks", slug=slug))


def store_response(collection, instrument, parsed: answers.Parsed, key: str, *, channel: str,
                   day: dt.date, municipality: str | None, group_session_id: str | None = None) -> bool:
    """Store and commit once; False when the key was used before (the answer is stored already)."""
    session = db.session()
    if municipality is None and len(collection.municipalities) == 1 and instrument.municipality_item is None:
        municipality = collection.municipalities[0].code
    try:
        stored = responses.submit(session, collection=collection, instrument=instrument, answers=parsed.answers,
                                  channel=channel, municipality_code=municipality, day=day,
                                  precision=current_app.config["DATE_PRECISION"], key=key,
                                  group_session_id=group_session_id)
        session.commit()
        return stored is not None
    except IntegrityError:
        # A concurrent post with the same key won the race: the answer is stored once.
        session.rollback()
        if not responses.already_stored(session, key):
            raise
        return False


@bp.get("/c/<slug>/kiitos")
def thanks(slug: str):
    collection = get_collection(slug)
    return render_template("respond/thanks.html", collection=collection,
                           instrument=instruments()[collection.instrument_id])


