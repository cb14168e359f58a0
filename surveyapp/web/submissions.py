"""The edge of a submission (core/submission.py): the request's fields, the municipality choices,
the messages of a refused post."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import abort, current_app, request
from flask_babel import gettext as _

from surveyapp.core import submission
from surveyapp.core.instruments import answers, spec
from surveyapp.core.models import Collection
from surveyapp.core.submission import Status
from surveyapp.web.messages import message


def today() -> dt.date:
    """Today in the service's time zone (Finland)."""
    return dt.datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def pairing_key() -> bytes:
    """The key of pairing codes: PAIRING_KEY, or one derived from SECRET_KEY (an HMAC of it)."""
    own = current_app.config.get("PAIRING_KEY") or ""
    if own:
        return own.encode("utf-8")
    return _derived_pairing_key(str(current_app.config["SECRET_KEY"]))


@functools.lru_cache(maxsize=4)
def _derived_pairing_key(secret: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), b"surveyapp pairing key", hashlib.sha256).digest()


def municipality_options(collection: Collection) -> tuple[spec.Option, ...]:
    """The collection's municipalities, each with its Swedish name where the classification has one
    (a Swedish-speaking respondent reads "Borgå", a Finnish one "Porvoo")."""
    return answers.municipality_options(
        ((m.code, spec.Text(fi=m.name, sv=m.name_sv)) for m in collection.municipalities),
        _("other / prefer not to say"),
    )


def answerable_municipalities(
    instrument: spec.Instrument, collection: Collection
) -> tuple[spec.Option, ...]:
    """The municipality item's choices for parsing an answer; none to build when the form has no such item."""
    return municipality_options(collection) if instrument.municipality_item is not None else ()


def posted() -> dict[str, list[str]]:
    """The posted form as field -> values (a field sent twice is refused by the core)."""
    return request.form.to_dict(flat=False)


def refuse_tampered(result: submission.Result) -> None:
    """A post no page of ours sends (a field twice, an unknown field, no key): a 400 page."""
    if result.status is Status.REPEATED:
        abort(
            400,
            description=_(
                "The form was sent in an unexpected shape. Please reload the page and answer again."
            ),
        )
    if result.status in (Status.BAD_KEY, Status.UNKNOWN):
        abort(
            400,
            description=_(
                "The form contained fields that do not belong to it. Nothing was saved. "
                "Please reload the page and answer again."
            ),
        )


def field_errors(result: submission.Result) -> dict[str, str]:
    """field -> message in the user's language."""
    return {e.field: message(e) for e in result.errors}


def error_list(
    instrument: spec.Instrument, errors: dict[str, str]
) -> list[tuple[str, str | None, str]]:
    """(field, printed number, message) in paper order, for the summary at the top; an item's
    own errors (a multi item's number of choices) before its fields'."""
    return [
        (name, item.number, errors[name])
        for item in instrument.items()
        for name in dict.fromkeys((item.code, *item.unit.fields(item)))
        if name in errors
    ]


@dataclass
class Posted:
    values: dict[str, str]
    key: str
    errors: dict[str, str]  # field -> message in the user's language


def read(
    instrument: spec.Instrument, collection: Collection, *, extra: frozenset[str] = frozenset()
) -> Posted:
    """The posted answers checked, never stored (a collection's preview); a tampered post: 400."""
    result = submission.check(
        instrument,
        posted(),
        municipality_options=answerable_municipalities(instrument, collection),
        ignore=extra,
    )
    refuse_tampered(result)
    return Posted(result.values, result.values[submission.KEY_FIELD], field_errors(result))
