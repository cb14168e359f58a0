"""Share links in the core: random tokens kept only as hashes, last days, revoking one's own."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from surveyapp.core import share_links
from surveyapp.core.models import ShareLink
from tests.helpers import make_collection

DAY = dt.date(2026, 12, 1)


def test_tokens_are_random_and_only_their_hash_is_kept(db):
    collection = make_collection(db, "session_feedback")
    made = [
        share_links.create(db, collection, label=f"L{i}", expires_on=DAY, today=DAY)
        for i in range(20)
    ]
    tokens = [token for _, token in made]
    assert len(set(tokens)) == 20 and all(len(t) == 43 for t in tokens)  # 256 bits each
    for link, token in made:
        assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
        assert share_links.opened(db, token, DAY) is link


@pytest.mark.parametrize(
    ("days", "ok"), [(-1, False), (0, True), (90, True), (365, True), (366, False)]
)
def test_the_last_day_is_from_today_to_a_year_ahead(db, days, ok):
    collection = make_collection(db, "session_feedback")
    last = DAY + dt.timedelta(days=days)
    assert share_links.valid_expiry(last, DAY) is ok
    if ok:
        share_links.create(db, collection, label="x", expires_on=last, today=DAY)
    else:
        with pytest.raises(ValueError):
            share_links.create(db, collection, label="x", expires_on=last, today=DAY)
    assert share_links.default_expiry(DAY) == dt.date(2027, 3, 1)


@pytest.mark.parametrize("label", ["", "   ", "x" * 101])
def test_a_link_needs_a_label(db, label):
    collection = make_collection(db, "session_feedback")
    with pytest.raises(ValueError):
        share_links.create(db, collection, label=label, expires_on=DAY, today=DAY)
    assert db.scalars(select(ShareLink)).all() == []


def test_a_link_opens_through_its_last_day(db):
    collection = make_collection(db, "session_feedback")
    link, token = share_links.create(db, collection, label="Ohjausryhmä", expires_on=DAY, today=DAY)
    assert share_links.opened(db, token, DAY) is link
    assert share_links.opened(db, token, DAY + dt.timedelta(days=1)) is None
    for wrong in (token[:-1], token + "A", token.upper(), "", None, 42, link.token_hash):
        assert share_links.opened(db, wrong, DAY) is None


def test_only_the_collections_own_link_is_revoked(db):
    own = make_collection(db, "session_feedback", slug="oma")
    other = make_collection(db, "session_feedback", slug="muu")
    link, token = share_links.create(db, own, label="x", expires_on=DAY, today=DAY)
    assert share_links.revoke(db, other, link.id) is False
    assert share_links.revoke(db, own, "no-such-link") is False
    assert share_links.opened(db, token, DAY) is link
    assert share_links.revoke(db, own, link.id) is True
    assert share_links.opened(db, token, DAY) is None
    assert share_links.listed(db, own) == []


def test_listed_soonest_to_end_first(db):
    collection = make_collection(db, "session_feedback")
    for label, days in (("B", 30), ("A", 90), ("C", 30)):
        share_links.create(
            db, collection, label=label, expires_on=DAY + dt.timedelta(days), today=DAY
        )
    assert [link.label for link in share_links.listed(db, collection)] == ["B", "C", "A"]


def test_the_database_refuses_an_empty_label_and_a_repeated_hash(db):
    collection = make_collection(db, "session_feedback")
    link, _ = share_links.create(db, collection, label="x", expires_on=DAY, today=DAY)
    db.commit()
    for bad in (
        ShareLink(collection_id=collection.id, token_hash="0" * 64, label="", expires_on=DAY),
        ShareLink(
            collection_id=collection.id, token_hash=link.token_hash, label="y", expires_on=DAY
        ),
        ShareLink(collection_id=collection.id, token_hash="short", label="y", expires_on=DAY),
    ):
        db.add(bad)
        with pytest.raises(IntegrityError):
            db.flush()
        db.rollback()
