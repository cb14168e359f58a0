"""The "you said, we did" themes on the tablet's start screen: only when chosen, in the tablet's language."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from surveyapp.core import responses, topics
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Answer, TopicTag
from tests.helpers import make_kiosk, shipped_instruments

INSTRUMENTS = shipped_instruments()


def themed_kiosk(db, answers: int):
    """A kiosk whose collection has ``answers`` comments, two of them tagged "Kuljetus", with a reply."""
    group = make_kiosk(db)
    collection = group.collection
    for i in range(answers):
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=[AnswerValue("vapaa_palaute", text=f"Kommentti {i}")],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    topic = topics.create(
        db,
        collection,
        topics.Texts(
            name="Kuljetus",
            name_sv="Skjuts",
            reply="Kimppakyydit sovitaan nyt ryhmässä.",
            reply_sv="Samåkning ordnas nu i gruppen.",
        ),
    )
    for answer in db.scalars(select(Answer).order_by(Answer.response_id).limit(2)):
        db.add(
            TopicTag(topic_id=topic.id, response_id=answer.response_id, item_code=answer.item_code)
        )
    db.commit()
    return group


def test_the_start_screen_shows_themes_only_when_chosen(client, db):
    group = themed_kiosk(db, 6)
    page = client.get(f"/kiosk/{group.kiosk_token}").get_data(as_text=True)
    assert "Te sanoitte, me teimme" not in page and "Kuljetus" not in page
    topics.publish(db, group.collection, public=False, kiosk=True)
    db.commit()
    page = client.get(f"/kiosk/{group.kiosk_token}").get_data(as_text=True)
    assert "<summary>Te sanoitte, me teimme</summary>" in page
    assert "Kuljetus" in page and "Kimppakyydit sovitaan nyt ryhmässä." in page
    assert "2 kirjoitettua vastausta" in page
    assert "Kommentti" not in page  # no quote was chosen
    assert client.get(f"/c/{group.collection.slug}/palaute").status_code == 404


def test_the_start_screen_speaks_the_tablets_language(client, db):
    group = themed_kiosk(db, 6)
    topics.publish(db, group.collection, public=False, kiosk=True)
    group.language = "sv"
    db.commit()
    page = client.get(f"/kiosk/{group.kiosk_token}").get_data(as_text=True)
    assert "<summary>Ni sa, vi gjorde</summary>" in page
    assert "Skjuts" in page and "Samåkning ordnas nu i gruppen." in page
    assert "2 skriftliga svar" in page
    plain = client.get(f"/kiosk/{group.kiosk_token}?lang=fi&selko=1").get_data(as_text=True)
    assert "<summary>Sinä sanoit, me teimme</summary>" in plain


def test_a_collection_under_the_limit_shows_no_counts(client, db):
    group = themed_kiosk(db, 4)
    topics.publish(db, group.collection, public=False, kiosk=True)
    db.commit()
    page = client.get(f"/kiosk/{group.kiosk_token}").get_data(as_text=True)
    assert "Kimppakyydit sovitaan nyt ryhmässä." in page
    assert "data-topic-n" not in page and "kirjoitettua vastausta" not in page
