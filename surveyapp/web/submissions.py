"""Reading and storing a posted instrument form: shared by the web form, kiosk and paper entry."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable
from zoneinfo import ZoneInfo

from flask import abort, current_app, request
from flask_babel import gettext as _

from surveyapp.core import access_codes, responses
from surveyapp.core.instruments import answers, spec
from surveyapp.core.models import Collection
from surveyapp.web import db
from surveyapp.web.messages import message

KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
RESERVED = frozenset({"csrf_token", "_key", "_code"})


def today() -> dt.date:
    """Today in the service's time zone (Finland)."""
    return dt.datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def municipality_options(collection: Collection) -> tuple[spec.Option, ...]:
    return answers.municipality_options(
        ((m.code, m.name) for m in collection.municipalities), _("other / prefer not to say")
    )


def answerable_municipalities(
    instrument: spec.Instrument, collection: Collection
) -> tuple[spec.Option, ...]:
    """The municipality item's choices for parsing an answer; none to build when the form has no such item."""
    return municipality_options(collection) if instrument.municipality_item is not None else ()


@dataclass
class Posted:
    values: dict[str, str]
    key: str
    parsed: answers.Parsed
    errors: dict[str, str]  # field -> message in the user's language


def read(
    instrument: spec.Instrument,
    collection: Collection,
    *,
    extra: frozenset[str] = frozenset(),
    options: tuple[spec.Option, ...] | None = None,
) -> Posted:
    """The posted answers, validated; a tampered post (unknown or repeated field, no key) gets a 400 page.

    ``options`` narrows the municipality item's choices (an access code's municipality).
    """
    values = {}
    for name, items in request.form.lists():
        if len(items) != 1:
            abort(
                400,
                description=_(
                    "The form was sent in an unexpected shape. Please reload the page and answer again."
                ),
            )
        values[name] = items[0]
    key = values.get("_key", "")
    parsed = answers.parse(
        instrument,
        values,
        municipality_options=answerable_municipalities(instrument, collection)
        if options is None
        else options,
        ignore=RESERVED | extra,
    )
    if parsed.unknown or not KEY.match(key):
        abort(
            400,
            description=_(
                "The form contained fields that do not belong to it. Nothing was saved. "
                "Please reload the page and answer again."
            ),
        )
    return Posted(values, key, parsed, {e.field: message(e) for e in parsed.errors})


def error_list(
    instrument: spec.Instrument, errors: dict[str, str]
) -> list[tuple[str, str | None, str]]:
    """(field, printed number, message) in paper order, for the summary at the top."""
    return [
        (name, item.number, errors[name])
        for name, item in answers.fields(instrument)
        if name in errors
    ]


def store(
    collection: Collection,
    instrument: spec.Instrument,
    parsed: answers.Parsed,
    key: str,
    *,
    channel: str,
    day: dt.date,
    municipality: str | None,
    group_session_id: str | None = None,
    access_code: str | None = None,
    on_stored: Callable | None = None,
) -> bool:
    """Store and commit once; False when the key was used before (the answer is stored already).

    With ``access_code`` the code is used in the same transaction, after the key is claimed (so a
    repeated send reports the stored answer, not a used code), and the response's municipality is the
    code's; access_codes.CodeRejected (nothing stored) when the code cannot be used. ``on_stored(session)``
    runs in the same transaction when the answer is stored (a kiosk's late-answer count).
    """
    session = db.session()
    if (
        municipality is None
        and len(collection.municipalities) == 1
        and instrument.municipality_item is None
    ):
        municipality = collection.municipalities[0].code
    if not responses.claim_key(session, key):
        session.rollback()
        return False
    if access_code is not None:
        try:
            municipality = access_codes.consume(session, collection, access_code) or municipality
        except access_codes.CodeRejected:
            session.rollback()  # the key claimed above is released; the page is shown again
            raise
    responses.submit(
        session,
        collection=collection,
        instrument=instrument,
        answers=parsed.answers,
        channel=channel,
        municipality_code=municipality,
        day=day,
        precision=current_app.config["DATE_PRECISION"],
        key=None,
        group_session_id=group_session_id,
    )
    if on_stored is not None:
        on_stored(session)
    # Any other failure leaves the transaction to the request's teardown, which rolls it back.
    session.commit()
    return True
