"""One submission of a filled-in form, for every channel: read, check, admit the code, store once.

The web form, the kiosk (its form and its offline queue), paper entry and the import all come
through ``submit``. It reads the posted fields, validates the answers, claims the submission key
(the one idempotency check), admits and uses a collection's access code (wrong codes counted per client)
and stores the response. It flushes, never commits: the caller commits once whatever the outcome,
so a wrong code is counted even when nothing is stored, and nothing of an answer not stored is left
in the transaction (its claimed key is released).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from sqlalchemy.orm import Session

from surveyapp.core import access_codes, group_sessions, pairing, responses
from surveyapp.core.instruments import answers, spec
from surveyapp.core.models import AccessCode, Collection, GroupSession

KEY_FIELD = "_key"
CODE_FIELD = "_code"
# The key a form page (or a tablet's queue) gives each answer: random, URL-safe.
KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# Posted beside the answers, never answers themselves.
RESERVED = frozenset({"csrf_token", KEY_FIELD, CODE_FIELD})
# The longest code a page echoes back or looks up (the input's maxlength).
CODE_LENGTH = 20
IMPORT = "import"


class Status(enum.Enum):
    STORED = "stored"
    DUPLICATE = "duplicate"  # the key's answer is stored already: stored once, nothing more
    VALID = "valid"  # checked only (check()): nothing wrong, nothing stored
    REPEATED = "repeated"  # a field sent more than once: not a post of the page
    BAD_KEY = "bad_key"  # no well-formed submission key
    CLOSED = "closed"  # the group session takes no more answers
    UNKNOWN = "unknown"  # fields the form does not have (``unknown``)
    INVALID = "invalid"  # answers to correct (``errors``)
    # The access code refused (``code_wait``); ``errors`` may be set too.
    CODE_REJECTED = "code_rejected"


@dataclass(frozen=True)
class Result:
    status: Status
    values: dict[str, str] = field(default_factory=dict)  # one per field, to show the form again
    errors: tuple[answers.FieldError, ...] = ()
    unknown: tuple[str, ...] = ()
    # The municipality choices the answer was checked against (narrowed by an access code's).
    municipality_options: tuple[spec.Option, ...] = ()
    access_code: AccessCode | None = None  # the collection's code, admitted
    # Set when the access code was refused: the seconds the client must wait (0: the code itself).
    code_wait: int | None = None
    response_id: str | None = None
    parsed: answers.Parsed | None = None
    # The config version (core/catalog.py) as the storing statement read it; None: not read.
    config_version: int | None = None

    @property
    def stored(self) -> bool:
        return self.status is Status.STORED


def single_values(posted: Mapping[str, str | Sequence[str]]) -> dict[str, str] | None:
    """One value per field; None when a field came more than once (or not at all)."""
    values = {}
    for name, value in posted.items():
        if isinstance(value, str):
            values[name] = value
        elif len(value) == 1 and isinstance(value[0], str):
            values[name] = value[0]
        else:
            return None
    return values


def first(posted: Mapping[str, str | Sequence[str]], name: str) -> str:
    """The field's (first) value, or ""."""
    value = posted.get(name) or ""
    return value if isinstance(value, str) else (value[0] if value else "")


def check(
    instrument: spec.Instrument,
    posted: Mapping[str, str | Sequence[str]],
    *,
    municipality_options: tuple[spec.Option, ...] = (),
    ignore: frozenset[str] = frozenset(),
    keyed: bool = True,
) -> Result:
    """The posted answers validated, nothing stored: VALID, or what is wrong with them.

    ``keyed``: the post carries a submission key in ``_key`` (every form does; an import row not).
    """
    values = single_values(posted)
    if values is None:
        return Result(Status.REPEATED)
    parsed = answers.parse(
        instrument,
        values,
        municipality_options=municipality_options,
        ignore=RESERVED | ignore if keyed else ignore,
    )
    status = Status.INVALID if parsed.errors else Status.VALID
    if keyed and not KEY.match(values.get(KEY_FIELD, "")):
        status = Status.BAD_KEY
    elif parsed.unknown:
        status = Status.UNKNOWN
    return Result(
        status,
        values,
        tuple(parsed.errors),
        tuple(parsed.unknown),
        municipality_options,
        parsed=parsed,
    )


def narrowed(options: tuple[spec.Option, ...], place: str | None) -> tuple[spec.Option, ...]:
    """A code with a municipality answers the municipality question: only that option is offered."""
    return tuple(o for o in options if o.code == place) if place else options


def submit(
    db: Session,
    collection: Collection,
    instrument: spec.Instrument,
    posted: Mapping[str, str | Sequence[str]],
    *,
    channel: str,
    day: dt.date,
    precision: str,
    municipality_options: tuple[spec.Option, ...] = (),
    municipality: str | None = None,
    place: str | None = None,
    client: access_codes.Client | None = None,
    group_session: GroupSession | None = None,
    closed: bool = False,
    ignore: frozenset[str] = frozenset(),
    keyed: bool = True,
    recorded: bool = False,
    pairing_key: bytes | None = None,
    alone_at: int | None = None,
) -> Result:
    """Check ``posted`` and store it once; the Result says what happened. Flushes, never commits.

    ``municipality`` is the channel's own (a group session's, an import row's) and wins over the
    answers; ``place`` (a municipality link's, a paper form's) counts when the answers name none.
    With ``client`` the collection asks for an access code (``_code``): it is admitted before the answers
    are read and used with them. ``closed``: the group session takes no more answers.
    ``recorded``: the instrument version is recorded already (catalog.record_instrument), so a
    keyed answer without a code is stored in the fewest statements (responses.submit_keyed).
    ``pairing_key``: seals a pairing code given on the form (core/pairing.py); None: not kept.
    ``alone_at``: the caller writes nothing else in its transaction and read what it checked at
    this config version (core/catalog.py): such an answer may be its own transaction
    (responses.submit_keyed) when nothing else is stored with it here either.
    """
    key = first(posted, KEY_FIELD) if keyed else None
    claimed = code_place = None
    admitted = code_wait = None
    if client is not None:
        # The key first: a repeated send of a stored answer is that answer, not a used code.
        if key is not None and KEY.match(key):
            if not responses.claim_key(db, key):
                return Result(Status.DUPLICATE)
            claimed = key
        try:
            raw = first(posted, CODE_FIELD)[:CODE_LENGTH]
            admitted = access_codes.admit(db, collection, raw, client)
        except access_codes.CodeRejected as rejected:
            code_wait = rejected.wait  # the wait only: an exception kept would keep its frames
        else:
            place = admitted.municipality_code
            municipality_options = narrowed(municipality_options, place)
    checked = check(
        instrument,
        posted,
        municipality_options=municipality_options,
        ignore=ignore,
        keyed=keyed,
    )
    outcome = _refused(checked, closed, code_wait, admitted)
    fused = recorded and client is None and key is not None
    if outcome is None and claimed is None and key is not None and not fused:
        if not responses.claim_key(db, key):
            return Result(Status.DUPLICATE)
        claimed = key
    if outcome is None and admitted is not None:
        try:
            code_place = access_codes.consume(db, collection, admitted.code)
        except access_codes.CodeRejected as rejected:  # used in another window meanwhile
            outcome = _refused(checked, closed, rejected.wait, admitted)
    if outcome is not None:
        if claimed is not None:
            responses.release_key(db, claimed)
        return outcome
    pairs = checked.parsed.pairing is not None and pairing_key is not None
    stored = _store(
        db,
        collection,
        instrument,
        checked.parsed,
        channel=channel,
        day=day,
        precision=precision,
        municipality=code_place or municipality or checked.parsed.municipality_code or place,
        group_session=group_session,
        key=key if fused else None,
        alone_at=None if pairs else alone_at,
    )
    if stored.response_id is None:
        return Result(Status.DUPLICATE, config_version=stored.config_version)
    if pairs:
        pairing.store(db, stored.response_id, checked.parsed.pairing, pairing_key)
    return Result(
        Status.STORED,
        checked.values,
        municipality_options=municipality_options,
        access_code=admitted,
        response_id=stored.response_id,
        parsed=checked.parsed,
        config_version=stored.config_version,
    )


def _refused(
    checked: Result,
    closed: bool,
    code_wait: int | None,
    admitted: AccessCode | None,
) -> Result | None:
    """The reason not to store, in the order a caller answers it; None to store."""
    status = checked.status
    if status in (Status.REPEATED, Status.BAD_KEY):
        return checked
    if closed:
        return Result(Status.CLOSED, checked.values)
    if status is Status.UNKNOWN:
        return checked
    if code_wait is not None:
        status = Status.CODE_REJECTED
    if status is Status.VALID:
        return None
    return Result(
        status,
        checked.values,
        checked.errors,
        checked.unknown,
        checked.municipality_options,
        access_code=admitted,
        code_wait=code_wait,
        parsed=checked.parsed,
    )


def _store(
    db: Session,
    collection: Collection,
    instrument: spec.Instrument,
    parsed: answers.Parsed,
    *,
    channel: str,
    day: dt.date,
    precision: str,
    municipality: str | None,
    group_session: GroupSession | None,
    key: str | None = None,
    alone_at: int | None = None,
) -> responses.Stored:
    """Store the response, its key claimed already (or with ``key``: claimed in the same statements).

    A collection of one municipality is that one's unless the form asks (an import restores what was
    exported as it was). An answer queued on a tablet that arrives after its session closed is
    late: in the collection's results, never linked to the session, whose closed figures stay as they
    were.
    """
    if (
        municipality is None
        and channel != IMPORT
        and len(collection.municipalities) == 1
        and instrument.municipality_item is None
    ):
        municipality = collection.municipalities[0].code
    late = group_session is not None and group_session.closed_on is not None
    where = dict(
        instrument=instrument,
        answers=parsed.answers,
        channel=channel,
        municipality_code=municipality,
        day=day,
        precision=precision,
        group_session_id=group_session.id if group_session is not None and not late else None,
    )
    if key is not None:
        # A late answer also counts on its session: not alone.
        alone = None if late else alone_at
        stored = responses.submit_keyed(
            db, key=key, collection_id=collection.id, alone_at=alone, **where
        )
    else:
        response_id = responses.submit(db, collection=collection, key=None, **where)
        stored = responses.Stored(response_id, None)
    if late and stored.response_id is not None:
        group_sessions.count_late(db, group_session)
    return stored
