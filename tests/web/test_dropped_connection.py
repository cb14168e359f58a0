"""No ping before each use: a pooled connection the database dropped is found when used, the pool
is renewed, and the respondent's request is served once more, storing the answer once."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.helpers import count_responses, form_tokens, make_collection, make_kiosk

OTHERS = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"


def drop_the_apps_connections(database_url: str) -> None:
    """What a database restart does to the app's pool: every server connection of the app ends
    (the test's own session too: it shares the app's pool)."""
    admin = create_engine(database_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.scalar(text(f"SELECT count(pg_terminate_backend(pid)) {OTHERS}")) >= 1
        deadline = time.monotonic() + 10
        while conn.scalar(text(f"SELECT count(*) {OTHERS}")) and time.monotonic() < deadline:
            time.sleep(0.05)
    admin.dispose()


@pytest.fixture
def postgresql_only(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no server that could drop a connection")


def test_a_kiosk_answer_after_a_dropped_connection_is_stored_once(
    postgresql_only, database_url, db, client
):
    api = f"/kiosk/{make_kiosk(db).kiosk_token}/api"
    assert client.post(api, json={"key": "a" * 32, "answers": {"arvosana": "8"}}).status_code == 201
    db.commit()
    drop_the_apps_connections(database_url)
    reply = client.post(api, json={"key": "b" * 32, "answers": {"arvosana": "9"}})
    assert reply.status_code == 201
    assert count_responses(db) == 2


def test_a_form_and_its_answer_after_a_dropped_connection(
    postgresql_only, database_url, db, client
):
    make_collection(db, "session_feedback")
    assert client.get("/c/testi").status_code == 200
    db.commit()
    drop_the_apps_connections(database_url)
    page = client.get("/c/testi")
    assert page.status_code == 200
    drop_the_apps_connections(database_url)
    tokens = form_tokens(page.get_data(as_text=True))
    reply = client.post("/c/testi", data={**tokens, "arvosana": "9"})
    assert reply.status_code == 302
    assert count_responses(db) == 1


def test_a_tablet_form_after_a_dropped_connection(postgresql_only, database_url, db, client):
    token = make_kiosk(db).kiosk_token
    assert client.get(f"/kiosk/{token}").status_code == 200
    db.commit()
    drop_the_apps_connections(database_url)
    assert client.get(f"/kiosk/{token}").status_code == 200
    drop_the_apps_connections(database_url)
    assert client.get(f"/kiosk/{token}/kiitos").status_code == 200
