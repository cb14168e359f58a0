"""The one submission call (core/submission.py) without Flask: a plain Session, plain mappings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from surveyapp.core import access_codes, group_sessions, responses, submission, throttle
from surveyapp.core.instruments import answers
from surveyapp.core.instruments.loader import load_directory
from surveyapp.core.models import AccessCode, Answer, Response, SubmissionKey, Throttle
from surveyapp.core.submission import Status
from tests.helpers import ROOT_INSTRUMENTS, VALPAS, make_collection

INSTRUMENTS = {i.id: i for i in load_directory(ROOT_INSTRUMENTS)[0]}
FEEDBACK = INSTRUMENTS["session_feedback"]
PARTNER = INSTRUMENTS["valpas_partner_survey"]
KEY = "submission-key-0123456789"
OTHER_KEY = "submission-key-9876543210"
DAY = dt.date(2026, 3, 4)  # a Wednesday: its ISO week starts on 2 March
NOW = 1_800_000_000
POLICY = throttle.Policy(limit=2, first_wait=30, max_wait=120, window=3600)
PARTNER_ANSWER = {"paikkakunta": "muhos", "kokonaisarvosana": "8", "perustelu": "Hyvä"}


def options(collection):
    return answers.municipality_options(
        ((m.code, m.name) for m in collection.municipalities), "muu"
    )


def submit(db, collection, instrument, posted, **kwargs):
    kwargs = {"channel": "web", "day": DAY, "precision": "week", **kwargs}
    result = submission.submit(
        db,
        collection,
        instrument,
        posted,
        municipality_options=options(collection),
        **kwargs,
    )
    db.commit()  # as a view does, whatever the outcome
    return result


def stored(db):
    """(responses, answers, submission keys) in the database."""
    return tuple(
        db.scalar(select(func.count()).select_from(table))
        for table in (Response, Answer, SubmissionKey)
    )


def test_an_answer_is_stored_once_with_its_key(db):
    collection = make_collection(db, "session_feedback")
    posted = {"_key": [KEY], "csrf_token": ["x"], "arvosana": ["9"], "vapaa_palaute": ["Hyvä"]}
    result = submit(db, collection, FEEDBACK, posted)
    assert (result.status, result.stored) == (Status.STORED, True)
    response = db.get(Response, result.response_id)
    assert (
        response.channel,
        response.municipality_code,  # the round's only municipality: the form does not ask
        response.period_start,
        response.period_precision,
        response.group_session_id,
    ) == ("web", "muhos", dt.date(2026, 3, 2), "week", None)
    assert [(a.item_code, a.grade, a.text) for a in response.answers] == [
        ("arvosana", 9, None),
        ("vapaa_palaute", None, "Hyvä"),
    ]
    assert db.scalars(select(SubmissionKey.key)).all() == [responses.key_digest(KEY)]


def test_the_same_key_again_is_a_duplicate_and_stores_nothing_more(db):
    collection = make_collection(db, "session_feedback")
    first = submit(db, collection, FEEDBACK, {"_key": KEY, "arvosana": "9"})
    again = submit(db, collection, FEEDBACK, {"_key": KEY, "arvosana": "4"})
    assert (first.status, again.status, again.stored) == (Status.STORED, Status.DUPLICATE, False)
    assert stored(db) == (1, 1, 1)
    assert db.scalar(select(Answer.grade)) == 9


@pytest.mark.parametrize(
    "posted, status, errors, unknown",
    [
        ({"_key": KEY, "arvosana": "11"}, Status.INVALID, [("arvosana", "grade")], ()),
        ({"_key": KEY}, Status.INVALID, [("arvosana", "required")], ()),
        (
            {"_key": KEY, "arvosana": "9", "vapaa_palaute": "x" * 2001},
            Status.INVALID,
            [("vapaa_palaute", "too_long")],
            (),
        ),
        ({"_key": KEY, "arvosana": "9", "ip": "1.2.3.4"}, Status.UNKNOWN, [], ("ip",)),
        ({"_key": "short", "arvosana": "9"}, Status.BAD_KEY, [], ()),
        ({"arvosana": "9"}, Status.BAD_KEY, [], ()),
        ({"_key": [KEY], "arvosana": ["9", "8"]}, Status.REPEATED, [], ()),
    ],
)
def test_an_answer_with_errors_keeps_nothing(db, posted, status, errors, unknown):
    collection = make_collection(db, "session_feedback")
    result = submit(db, collection, FEEDBACK, posted)
    assert (result.status, [(e.field, e.code) for e in result.errors], result.unknown) == (
        status,
        errors,
        unknown,
    )
    assert result.stored is False and result.response_id is None
    assert stored(db) == (0, 0, 0)


def test_check_validates_and_stores_nothing(db):
    collection = make_collection(db, "session_feedback")
    result = submission.check(FEEDBACK, {"_key": KEY, "arvosana": "9"})
    assert (result.status, result.values, result.errors) == (
        Status.VALID,
        {"_key": KEY, "arvosana": "9"},
        (),
    )
    assert [a.grade for a in result.parsed.answers] == [9]
    assert stored(db) == (0, 0, 0) and collection.id


def code_round(db, place="kemijarvi", count=1):
    collection = make_collection(
        db, "valpas_partner_survey", "kumppanit", municipalities=("muhos", "kemijarvi")
    )
    collection.access = "codes"
    access_codes.generate(db, collection, place, count)
    db.commit()
    codes = db.scalars(
        select(AccessCode.code).where(AccessCode.collection_id == collection.id)
    ).all()
    return collection, sorted(codes)


def client(now=NOW, key="client-a"):
    return access_codes.Client(key, now, POLICY)


def failures(db, key="client-a"):
    db.expire_all()
    row = db.get(Throttle, key)
    return None if row is None else row.failures


def test_a_code_is_used_once_with_its_answer_and_decides_the_municipality(db):
    collection, (code,) = code_round(db)
    posted = {
        "_key": KEY,
        "_code": f" {code[:4].lower()}-{code[4:].lower()} ",
        **PARTNER_ANSWER,
        "paikkakunta": "kemijarvi",
    }
    result = submit(db, collection, PARTNER, posted, client=client())
    assert (result.status, result.access_code.code) == (Status.STORED, code)
    assert [o.code for o in result.municipality_options] == ["kemijarvi"]
    assert db.get(Response, result.response_id).municipality_code == "kemijarvi"
    assert access_codes.counts(db, collection) == {"kemijarvi": access_codes.Counts(1, 1)}
    # The same post again is the stored answer, not a used code: nothing counted against the client.
    again = submit(db, collection, PARTNER, posted, client=client())
    assert (again.status, again.code_wait) == (Status.DUPLICATE, None)
    assert stored(db)[0::2] == (1, 1) and failures(db) is None
    # Another answer with the used code: refused, nothing of it kept, one failure counted.
    other = submit(db, collection, PARTNER, {**posted, "_key": OTHER_KEY}, client=client())
    assert (other.status, other.code_wait, other.access_code) == (
        Status.CODE_REJECTED,
        0,
        None,
    )
    assert [(e.field, e.code) for e in other.errors] == []
    assert stored(db)[0::2] == (1, 1) and failures(db) == 1


def test_an_answer_to_correct_leaves_the_code_unused_and_the_key_free(db):
    collection, (code,) = code_round(db)
    posted = {"_key": KEY, "_code": code, **PARTNER_ANSWER}  # muhos, but the code is Kemijärvi's
    result = submit(db, collection, PARTNER, posted, client=client())
    assert result.status is Status.INVALID
    assert [(e.field, e.code) for e in result.errors] == [("paikkakunta", "choice")]
    assert (result.access_code.code, [o.code for o in result.municipality_options]) == (
        code,
        ["kemijarvi"],
    )
    assert stored(db) == (0, 0, 0)
    assert access_codes.counts(db, collection)["kemijarvi"].used == 0
    # Corrected, with the same key: stored.
    fixed = submit(db, collection, PARTNER, {**posted, "paikkakunta": "kemijarvi"}, client=client())
    assert fixed.status is Status.STORED and stored(db)[0::2] == (1, 1)


def test_a_wrong_code_and_wrong_answers_are_reported_together(db):
    collection, _codes = code_round(db)
    posted = {"_key": KEY, "_code": "AAAA-AAAA", "kokonaisarvosana": "3"}
    result = submit(db, collection, PARTNER, posted, client=client())
    assert (result.status, result.code_wait, result.access_code) == (
        Status.CODE_REJECTED,
        0,
        None,
    )
    assert [(e.field, e.code) for e in result.errors] == [
        ("paikkakunta", "required"),
        ("kokonaisarvosana", "grade"),
    ]
    assert len(result.municipality_options) == 3  # not narrowed: no code admitted
    assert stored(db) == (0, 0, 0) and failures(db) == 1


def test_a_guesser_waits_even_with_a_right_code_and_nobody_else_does(db):
    collection, (code,) = code_round(db)
    wrong = {"_key": KEY, "_code": "AAAA-AAAA", **PARTNER_ANSWER, "paikkakunta": "kemijarvi"}
    waits = [submit(db, collection, PARTNER, wrong, client=client()).code_wait for _ in "ab"]
    assert waits == [0, 0] and failures(db) == 2
    right = {**wrong, "_code": code}
    blocked = submit(db, collection, PARTNER, right, client=client(NOW + 10))
    assert (blocked.status, blocked.code_wait) == (Status.CODE_REJECTED, 20)
    assert failures(db) == 2  # a refused wait is not one more failure
    assert access_codes.counts(db, collection)["kemijarvi"].used == 0
    assert stored(db) == (0, 0, 0)
    elsewhere = submit(db, collection, PARTNER, right, client=client(NOW + 10, "client-b"))
    assert elsewhere.status is Status.STORED
    assert access_codes.counts(db, collection)["kemijarvi"].used == 1


def test_admit_counts_only_wrong_codes(db):
    collection, (code,) = code_round(db)
    assert access_codes.admit(db, collection, code.lower(), client()).code == code
    assert failures(db) is None
    with pytest.raises(access_codes.CodeRejected) as refused:
        access_codes.admit(db, collection, "nonsense", client())
    assert refused.value.wait == 0 and failures(db) == 1


def kiosk(db, *, closed=False):
    collection = make_collection(db, "session_feedback", municipalities=tuple(VALPAS))
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Ryhmä",
        municipality_code="utajarvi",
        held_on=DAY,
        pin="2468",
    )
    if closed:
        group.closed_on = DAY
    db.commit()
    return collection, group


def test_a_kiosk_answer_belongs_to_its_session_and_its_day(db):
    collection, group = kiosk(db)
    posted = {"_key": KEY, "arvosana": "10"}
    result = submit(
        db,
        collection,
        FEEDBACK,
        posted,
        channel="kiosk",
        municipality=group.municipality_code,
        group_session=group,
    )
    response = db.get(Response, result.response_id)
    assert (response.channel, response.municipality_code, response.group_session_id) == (
        "kiosk",
        "utajarvi",
        group.id,
    )


def test_a_late_kiosk_answer_is_counted_apart_from_its_closed_session(db):
    collection, group = kiosk(db, closed=True)
    posted = {"_key": KEY, "arvosana": "10"}
    kwargs = dict(channel="kiosk", municipality="utajarvi", group_session=group)
    result = submit(db, collection, FEEDBACK, posted, **kwargs)
    again = submit(db, collection, FEEDBACK, posted, **kwargs)
    assert (result.status, again.status) == (Status.STORED, Status.DUPLICATE)
    assert db.get(Response, result.response_id).group_session_id is None
    db.refresh(group)
    assert group.late_answers == 1


def test_a_session_taking_no_more_answers_stores_nothing(db):
    collection, group = kiosk(db)
    posted = {"_key": KEY, "arvosana": "10"}
    result = submit(
        db, collection, FEEDBACK, posted, channel="kiosk", group_session=group, closed=True
    )
    assert (result.status, result.stored) == (Status.CLOSED, False)
    assert stored(db) == (0, 0, 0)
    # A malformed key is reported first, as the tablet's queue should drop it, not retry it.
    bad = submit(db, collection, FEEDBACK, {"_key": "x"}, channel="kiosk", closed=True)
    assert bad.status is Status.BAD_KEY


def test_the_answer_names_the_municipality_before_the_link_and_the_channel_before_both(db):
    collection = make_collection(db, "valpas_partner_survey", municipalities=("muhos", "kemijarvi"))
    answered = submit(db, collection, PARTNER, {"_key": KEY, **PARTNER_ANSWER}, place="kemijarvi")
    unanswered = submit(
        db,
        collection,
        PARTNER,
        {"_key": OTHER_KEY, **PARTNER_ANSWER, "paikkakunta": "muu"},
        place="kemijarvi",
    )
    fixed = submit(
        db,
        collection,
        PARTNER,
        {"_key": "submission-key-fixed-0001", **PARTNER_ANSWER},
        municipality="kemijarvi",
    )
    places = [
        db.get(Response, r.response_id).municipality_code for r in (answered, unanswered, fixed)
    ]
    assert places == ["muhos", "kemijarvi", "kemijarvi"]


def test_an_import_row_has_no_key_and_keeps_no_municipality_it_did_not_have(db):
    collection = make_collection(db, "session_feedback")
    result = submit(
        db,
        collection,
        FEEDBACK,
        {"arvosana": "7"},
        channel=submission.IMPORT,
        day=dt.date(2019, 5, 1),
        precision="month",
        keyed=False,
    )
    response = db.get(Response, result.response_id)
    assert (response.channel, response.municipality_code, response.period_start) == (
        "import",
        None,
        dt.date(2019, 5, 1),
    )
    assert stored(db) == (1, 1, 0)
