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


def comments(session, collection, count: int) -> None:
    for i in range(count):
        responses.submit(
            session,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[AnswerValue("arvosana", grade=8), AnswerValue("vapaa_palaute", text=f"K{i}")],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    session.commit()


@pytest.fixture
def themed(session):
    collection = make_collection(session, "session_feedback")
    comments(session, collection, 6)
    transport = topics.create(session, collection, topics.Texts(name=" Kuljetus ", name_sv=" "))
    groups = topics.create(session, collection, topics.Texts(name="Ryhmät"))
    session.commit()
    return collection, transport, groups


def test_texts_are_tidied_and_empty_translations_are_none(session, themed):
    _collection, transport, _groups = themed
    assert (transport.name, transport.name_sv, transport.reply) == ("Kuljetus", None, None)
    assert topics.in_language(transport, "name", "sv") == ("Kuljetus", "fi")


def test_save_tags_sets_exactly_the_chosen_topics(session, themed):
    collection, transport, groups = themed
    listed = topics.written(session, collection, reports.Filters(), KEY, "p")
    assert [w.text for w in listed] == [
        t
        for _i, _c, t in reports.texts(
            session, reports.Scope("session_feedback", (collection.id,)), reports.Filters()
        )
    ]
    chosen = {listed[0].token: {transport.id, groups.id}, listed[1].token: {groups.id}}
    topics.save_tags(session, collection, reports.Filters(), KEY, "p", chosen)
    session.commit()
    again = {
        w.token: w.topics for w in topics.written(session, collection, reports.Filters(), KEY, "p")
    }
    assert again[listed[0].token] == {transport.id, groups.id}
    assert again[listed[1].token] == {groups.id}
    topics.save_tags(session, collection, reports.Filters(), KEY, "p", {listed[0].token: set()})
    session.commit()
    assert session.scalar(select(func.count()).select_from(TopicTag)) == 1
    with pytest.raises(topics.ChangedList):  # a token of another page (place)
        topics.save_tags(session, collection, reports.Filters(), KEY, "q", {listed[1].token: set()})


def test_tokens_differ_by_page_and_key_and_hide_the_response_id(session, themed):
    collection, *_ = themed
    ids = set(session.scalars(select(Response.id)))
    one = {w.token for w in topics.written(session, collection, reports.Filters(), KEY, "p")}
    other = {w.token for w in topics.written(session, collection, reports.Filters(), KEY, "q")}
    rekeyed = {
        w.token for w in topics.written(session, collection, reports.Filters(), b"x" * 32, "p")
    }
    assert len(one) == 6 and not one & other and not one & rekeyed
    assert not any(i[:12] in t or t in i for t in one for i in ids)


def test_one_quote_per_topic(session, themed):
    collection, transport, _groups = themed
    listed = topics.written(session, collection, reports.Filters(), KEY, "p")
    topics.save_tags(
        session, collection, reports.Filters(), KEY, "p", {w.token: {transport.id} for w in listed}
    )
    choices = topics.tagged(session, transport, KEY)
    topics.choose_quote(session, transport, KEY, choices[2][0])
    topics.choose_quote(session, transport, KEY, choices[3][0])
    session.commit()
    assert topics.quote(session, transport) == choices[3][1]
    for tag in session.scalars(select(TopicTag)):
        tag.quoted = True
    with pytest.raises(IntegrityError):  # the database allows one quoted answer per topic
        session.flush()
    session.rollback()


def test_the_tag_table_keeps_no_insertion_order(app, session, themed):
    engine = app.extensions["surveyapp.db"].kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("WITHOUT ROWID is SQLite's")
    sql = session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'topic_tag'")).scalar()
    assert sql.rstrip().endswith("WITHOUT ROWID")


def test_a_mix_keeps_the_tags_and_the_quote(app, session, themed):
    collection, transport, groups = themed
    listed = topics.written(session, collection, reports.Filters(), KEY, "p")
    chosen = {w.token: ({transport.id} if i % 2 else {groups.id}) for i, w in enumerate(listed)}
    topics.save_tags(session, collection, reports.Filters(), KEY, "p", chosen)
    topics.choose_quote(session, transport, KEY, topics.tagged(session, transport, KEY)[0][0])
    session.commit()
    before = sorted(
        session.execute(select(TopicTag.topic_id, TopicTag.response_id, TopicTag.quoted)).all()
    )
    engine = app.extensions["surveyapp.db"].kw["bind"]
    done = mixing.mix(engine, now=1_000_000)
    if engine.dialect.name == "postgresql":
        assert done.responses == 6
    session.expire_all()
    after = sorted(
        session.execute(select(TopicTag.topic_id, TopicTag.response_id, TopicTag.quoted)).all()
    )
    assert after == before and len(after) == 6
