"""Themes of written answers in the core: tags follow answers through a PostgreSQL mix, keep no order,
and name answers on a page only by keyed tokens (surveyapp/core/topics.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from surveyapp.core import mixing, reports, responses, topics
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Response, TopicTag
from tests.helpers import make_collection, shipped_instruments

INSTRUMENTS = shipped_instruments()
KEY = b"k" * 32


def comments(db, collection, count: int) -> None:
    for i in range(count):
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[AnswerValue("arvosana", grade=8), AnswerValue("vapaa_palaute", text=f"K{i}")],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    db.commit()


@pytest.fixture
def themed(db):
    collection = make_collection(db, "session_feedback")
    comments(db, collection, 6)
    transport = topics.create(db, collection, topics.Texts(name=" Kuljetus ", name_sv=" "))
    groups = topics.create(db, collection, topics.Texts(name="Ryhmät"))
    db.commit()
    return collection, transport, groups


def test_texts_are_tidied_and_empty_translations_are_none(db, themed):
    _collection, transport, _groups = themed
    assert (transport.name, transport.name_sv, transport.reply) == ("Kuljetus", None, None)
    assert topics.in_language(transport, "name", "sv") == ("Kuljetus", "fi")


def test_save_tags_sets_exactly_the_chosen_topics(db, themed):
    collection, transport, groups = themed
    listed = topics.written(db, collection, reports.Filters(), KEY, "p")
    assert [w.text for w in listed] == [
        t
        for _i, _c, t in reports.texts(
            db, reports.Scope("session_feedback", (collection.id,)), reports.Filters()
        )
    ]
    chosen = {listed[0].token: {transport.id, groups.id}, listed[1].token: {groups.id}}
    topics.save_tags(db, collection, reports.Filters(), KEY, "p", chosen)
    db.commit()
    again = {w.token: w.topics for w in topics.written(db, collection, reports.Filters(), KEY, "p")}
    assert again[listed[0].token] == {transport.id, groups.id}
    assert again[listed[1].token] == {groups.id}
    topics.save_tags(db, collection, reports.Filters(), KEY, "p", {listed[0].token: set()})
    db.commit()
    assert db.scalar(select(func.count()).select_from(TopicTag)) == 1
    with pytest.raises(topics.ChangedList):  # a token of another page (place)
        topics.save_tags(db, collection, reports.Filters(), KEY, "q", {listed[1].token: set()})


def test_tokens_differ_by_page_and_key_and_hide_the_response_id(db, themed):
    collection, *_ = themed
    ids = set(db.scalars(select(Response.id)))
    one = {w.token for w in topics.written(db, collection, reports.Filters(), KEY, "p")}
    other = {w.token for w in topics.written(db, collection, reports.Filters(), KEY, "q")}
    rekeyed = {w.token for w in topics.written(db, collection, reports.Filters(), b"x" * 32, "p")}
    assert len(one) == 6 and not one & other and not one & rekeyed
    assert not any(i[:12] in t or t in i for t in one for i in ids)


def test_one_quote_per_topic(db, themed):
    collection, transport, _groups = themed
    listed = topics.written(db, collection, reports.Filters(), KEY, "p")
    topics.save_tags(
        db, collection, reports.Filters(), KEY, "p", {w.token: {transport.id} for w in listed}
    )
    choices = topics.tagged(db, transport, KEY)
    topics.choose_quote(db, transport, KEY, choices[2][0])
    topics.choose_quote(db, transport, KEY, choices[3][0])
    db.commit()
    assert topics.quote(db, transport) == choices[3][1]
    for tag in db.scalars(select(TopicTag)):
        tag.quoted = True
    with pytest.raises(IntegrityError):  # the database allows one quoted answer per topic
        db.flush()
    db.rollback()


def test_the_tag_table_keeps_no_insertion_order(app, db, themed):
    engine = app.extensions["surveyapp.db"].kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("WITHOUT ROWID is SQLite's")
    sql = db.execute(text("SELECT sql FROM sqlite_master WHERE name = 'topic_tag'")).scalar()
    assert sql.rstrip().endswith("WITHOUT ROWID")


def test_a_mix_keeps_the_tags_and_the_quote(app, db, themed):
    collection, transport, groups = themed
    listed = topics.written(db, collection, reports.Filters(), KEY, "p")
    chosen = {w.token: ({transport.id} if i % 2 else {groups.id}) for i, w in enumerate(listed)}
    topics.save_tags(db, collection, reports.Filters(), KEY, "p", chosen)
    topics.choose_quote(db, transport, KEY, topics.tagged(db, transport, KEY)[0][0])
    db.commit()
    before = sorted(
        db.execute(select(TopicTag.topic_id, TopicTag.response_id, TopicTag.quoted)).all()
    )
    engine = app.extensions["surveyapp.db"].kw["bind"]
    done = mixing.mix(engine, now=1_000_000)
    if engine.dialect.name == "postgresql":
        assert done.responses == 6
    db.expire_all()
    after = sorted(
        db.execute(select(TopicTag.topic_id, TopicTag.response_id, TopicTag.quoted)).all()
    )
    assert after == before and len(after) == 6
