"""Random and malformed posts to the themes' forms: never a 500, and a refused post changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote_from_bytes

from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import select

from surveyapp.core import responses, topics
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Topic, TopicTag
from tests.helpers import add_coordinator, csrf_token, log_in, make_collection, shipped_instruments
from tests.hostile.strategies import HOSTILE, as_bytes, text_values

BASE = "/coordinate/c/testi/teemat"


def encoded(values: dict) -> str:
    return "&".join(
        f"{quote_from_bytes(as_bytes(k))}={quote_from_bytes(as_bytes(v))}"
        for k, vs in values.items()
        for v in (vs if isinstance(vs, list) else [vs])
    )


def stored(db) -> tuple:
    db.expire_all()
    return (
        sorted(repr((t.name, t.name_sv, t.reply)) for t in db.scalars(select(Topic))),
        sorted(db.execute(select(TopicTag.topic_id, TopicTag.response_id)).all()),
    )


def test_theme_and_tagging_posts(client, db):
    collection = make_collection(db, "session_feedback")
    for i in range(6):
        responses.submit(
            db,
            collection=collection,
            instrument=shipped_instruments()["session_feedback"],
            answers=[AnswerValue("vapaa_palaute", text=f"Kommentti {i}")],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    topic = topics.create(db, collection, topics.Texts(name="Kuljetus"))
    db.commit()
    add_coordinator(db)
    assert log_in(client).status_code == 302
    tagging = client.get(f"{BASE}/merkinnat").get_data(as_text=True)
    csrf = csrf_token(tagging)
    shown = re.search(r'name="shown" type="hidden" value="([^"]*)"', tagging).group(1)
    fields = sorted(set(re.findall(r'name="(a_[0-9a-f]+)"', tagging)))
    theme = {"name": ["Ryhmät"], "name_sv": ["", "Grupper"], "reply": ["Teimme näin.\nJa näin."]}

    @HOSTILE
    @given(
        values=st.fixed_dictionaries({k: text_values(v) for k, v in theme.items()}),
        ticks=st.dictionaries(st.sampled_from(fields), text_values([topic.id]), max_size=3),
        listed=text_values([shown]),
    )
    @example(
        values={"name": "Ryhm\x00ät", "name_sv": "²", "reply": "x" * 3000},
        ticks={fields[0]: "\x00"},
        listed=shown + " zz",
    )
    def run(values, ticks, listed):
        for path, body in (
            (f"{BASE}/uusi", {"csrf_token": csrf, **values}),
            (f"{BASE}/{topic.id}", {"csrf_token": csrf, **values, "quote": "-"}),
            (f"{BASE}/merkinnat", {"csrf_token": csrf, "shown": listed, **ticks}),
        ):
            before = stored(db)
            with client.post(
                path,
                data=encoded(body),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ) as response:
                assert response.status_code in (302, 413, 422), (path, response.status_code)
                if response.status_code != 302:
                    assert stored(db) == before, path

    run()
