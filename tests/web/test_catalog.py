"""The respondent pages' cache (core/catalog.py): a save on one app host is seen by every other on
its next request, and never stale on the host that saved."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from surveyapp.core.models import Collection, ConfigVersion, GroupSession, Organisation
from tests.helpers import (
    count_responses,
    form_tokens,
    helsinki_today,
    make_app,
    make_collection,
    make_kiosk,
    make_organisation,
)


def version(db) -> int:
    db.rollback()
    return db.scalar(select(ConfigVersion.version))


def test_an_organisation_saved_on_one_host_is_shown_by_the_other_on_its_next_request(
    app, db, database_url, tmp_path
):
    other = make_app(database_url, tmp_path)
    make_collection(db, "session_feedback")
    make_organisation(db)  # the collection's project is the organisation's now
    db.commit()
    for host in (app, other):  # both have the collection and its organisation cached
        assert "Testiyhdistys ry" in host.test_client().get("/c/testi").get_data(as_text=True)
    db.scalar(select(Organisation)).name = "Uusi yhdistys ry"
    db.commit()
    page = other.test_client().get("/c/testi").get_data(as_text=True)
    assert "Uusi yhdistys ry" in page and "Testiyhdistys ry" not in page
    other.extensions["surveyapp.db"].kw["bind"].dispose()


def test_an_answer_checked_against_a_closed_collection_is_not_stored(
    app, db, database_url, tmp_path
):
    """The post is checked against the cached collection; the statement that stores it reads the
    version, finds it moved, and the post is served again with the collection as saved."""
    other = make_app(database_url, tmp_path)
    make_collection(db, "session_feedback")
    client = other.test_client()
    tokens = form_tokens(client.get("/c/testi").get_data(as_text=True))
    collection = db.scalar(select(Collection))
    collection.closes_on = helsinki_today() - dt.timedelta(days=7)
    db.commit()
    reply = client.post("/c/testi", data={**tokens, "arvosana": "9"})
    assert reply.status_code == 410
    assert count_responses(db) == 0
    other.extensions["surveyapp.db"].kw["bind"].dispose()


def test_the_host_that_saved_never_shows_what_it_had_cached(app, db, client):
    make_collection(db, "session_feedback")
    make_organisation(db)
    db.commit()
    assert "Testiyhdistys ry" in client.get("/c/testi/kiitos").get_data(as_text=True)
    db.scalar(select(Organisation)).name = "Uusi yhdistys ry"
    db.commit()
    # The thank-you page reads no version for a few seconds; this app saved, so it reloads.
    assert "Uusi yhdistys ry" in client.get("/c/testi/kiitos").get_data(as_text=True)


def test_a_session_closed_on_one_host_takes_no_answers_on_the_other(
    app, db, database_url, tmp_path
):
    group = make_kiosk(db)
    other = make_app(database_url, tmp_path)
    client = other.test_client()
    api = f"/kiosk/{group.kiosk_token}/api"
    assert client.post(api, json={"key": "a" * 32, "answers": {"arvosana": "8"}}).status_code == 201
    group.closed_on = dt.date(2020, 1, 1)  # long past the grace days
    db.commit()
    reply = client.post(api, json={"key": "b" * 32, "answers": {"arvosana": "8"}})
    assert reply.status_code == 410
    assert count_responses(db) == 1
    other.extensions["surveyapp.db"].kw["bind"].dispose()


def test_only_changes_of_what_pages_show_move_the_version(app, db):
    group = make_kiosk(db)
    before = version(db)
    group.failed_tries = 3  # a wrong PIN on the leader page: no page changes
    db.commit()
    assert version(db) == before
    group.group_name = "Toinen ryhmä"
    db.commit()
    assert version(db) == before + 1
    db.scalar(select(GroupSession)).language = "sv"
    db.scalar(select(Collection)).title_sv = "Test"
    db.commit()  # one transaction, one step
    assert version(db) == before + 2
