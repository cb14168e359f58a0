"""Backups: a real pg_dump of a filled database restores, with pg_restore, to exactly the same contents."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, inspect, select, text

from surveyapp.core import (
    access_codes,
    group_sessions,
    pairing,
    reports,
    responses,
    share_links,
    stored_instruments,
    topics,
    waves,
)
from surveyapp.core.database import Base
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import AccessCode, Response
from surveyapp.core.users import create_user
from tests.helpers import make_app, make_collection, make_organisation, shipped_instruments
from tests.helpers.xlsforms import store_one_of_each

INSTRUMENTS = shipped_instruments()

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf"
    "c0f01f0005000201a5b1cd5d0000000049454e44ae426082"
)


def fill(db) -> None:
    """Every kind of row: organisation with a logo, project, user, collections, a session, answers of all kinds."""
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    esy = make_collection(db, "esy_client_eval", slug="esy")
    make_organisation(db, logo=PNG, logo_type="image/png")
    create_user(
        db, email="a@example.fi", name="Åsa Öhman", password="pitka-salasana-1", role="admin"
    )
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Voimavararyhmä",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 5),
        pin="2468",
    )
    texts = ["Hyvä ryhmä; \"kiitos\"\nja 'terveiset' \\ tabletilta", "😀 €", "", None]
    for index in range(12):
        comment = texts[index % len(texts)]
        answers = [AnswerValue("arvosana", grade=4 + index % 7)]
        if comment:
            answers.append(AnswerValue("vapaa_palaute", text=comment))
        responses.submit(
            db,
            collection=collection,
            instrument=INSTRUMENTS["session_feedback"],
            answers=answers,
            channel=("web", "kiosk", "paper")[index % 3],
            municipality_code=("muhos", "utajarvi")[index % 2],
            day=dt.date(2026, 1, 5) + dt.timedelta(days=9 * index),
            precision="week",
            key=f"backup-test-key-{index:04d}",
            group_session_id=group.id if index % 3 == 1 else None,
        )
    responses.submit(
        db,
        collection=esy,
        instrument=INSTRUMENTS["esy_client_eval"],
        answers=[AnswerValue("q1", choice_code="erittain_hyva"), AnswerValue("q7", text="Selkeä")],
        channel="import",
        municipality_code=None,
        day=dt.date(2019, 5, 20),
        precision="month",
        key=None,
    )
    share_links.create(
        db,
        collection,
        label="Ohjausryhmä",
        expires_on=dt.date(2026, 6, 1),
        today=dt.date(2026, 3, 1),
    )
    esy.access = "codes"
    access_codes.generate(db, esy, "muhos", 5)
    access_codes.consume(db, esy, sorted(db.scalars(select(AccessCode.code)))[0])
    # A theme of the written answers, tagging (and quoting) one, its page published.
    theme = topics.create(db, collection, topics.Texts(name="Ryhmä", reply="Jatkuu syksyllä."))
    first = topics.written(db, collection, reports.Filters(), b"backup", "p")[0]
    topics.save_tags(db, collection, reports.Filters(), b"backup", "p", {first.token: {theme.id}})
    topics.choose_quote(db, theme, b"backup", topics.tagged(db, theme, b"backup")[0][0])
    topics.publish(db, collection, public=True, kiosk=False)
    # A measurement series of one wave, one response's pairing code sealed.
    waves.declare(db, collection, "Sarja", "alku")
    first_response = db.scalars(select(Response.id).order_by(Response.id)).first()
    pairing.store(db, first_response, "ACDEFHX", b"backup test pairing key of 32 bytes")
    # A form a coordinator uploaded (its data as JSON text, with ä and quotes), published.
    stored_instruments.publish(db, store_one_of_each(db, collection.project), dt.date(2026, 3, 1))
    db.commit()


def contents(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (the app's and Alembic's), in a stable order."""
    engine = create_engine(url)
    with engine.connect() as connection:
        tables = sorted(inspect(connection).get_table_names())
        rows = {}
        for table in tables:
            columns = [c["name"] for c in inspect(connection).get_columns(table)]
            order = ", ".join(f'"{c}"' for c in columns)
            rows[table] = [
                tuple(row)
                for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))
            ]
    engine.dispose()
    return rows


def test_pg_dump_restores_to_exactly_the_same_contents(app, db, pg_cluster, database_url):
    fill(db)
    source = database_url.rsplit("/", 1)[1]
    dump = pg_cluster.root / "backup.dump"
    connection = ["-h", "127.0.0.1", "-p", str(pg_cluster.port), "-U", "postgres"]
    # What docs/deploy.md tells operators to run: custom format, no owners or privileges.
    pg_cluster.tool(
        "pg_dump",
        *connection,
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--file",
        str(dump),
        source,
    )
    restored = f"{source}_restored"
    pg_cluster.tool("createdb", *connection, restored)
    pg_cluster.tool(
        "pg_restore",
        *connection,
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--dbname",
        restored,
        str(dump),
    )
    restored_url = pg_cluster.url(restored)
    try:
        before, after = contents(database_url), contents(restored_url)
        assert set(before) == {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
        assert {table: len(rows) for table, rows in before.items()} == {
            "access_code": 5,
            "alembic_version": 1,
            "answer": 20,
            "arrival_mix": 1,
            "collection": 2,
            "collection_municipality": 3,
            "config_version": 1,
            "county": 0,
            "first_run": 0,
            "group_session": 1,
            "instrument_version": 2,
            "invitation": 0,
            "kept_results": 0,
            "kiosk_attempt": 0,
            "login_session": 0,
            "municipality": 2,
            "municipality_merger": 0,
            "organisation": 1,
            "pairing_code": 1,
            "pin_guard": 0,
            "project": 1,
            "response": 13,
            "series": 1,
            "retention_run": 0,
            "share_link": 1,
            "stored_instrument": 1,
            "submission_key": 12,
            "throttle": 0,
            "topic": 1,
            "topic_page": 1,
            "topic_tag": 1,
            "user_account": 1,
            "user_project": 0,
            "wave": 1,
        }
        assert after == before
        # The restored database serves the app.
        restored_app = make_app(restored_url, pg_cluster.root)
        with restored_app.test_client() as client, client.get("/health") as health:
            assert (health.status_code, health.get_data(as_text=True)) == (200, "ok")
        with restored_app.extensions["surveyapp.db"]() as restored_db:
            from surveyapp.core.models import Organisation

            assert restored_db.scalar(select(Organisation.logo)) == PNG
        restored_app.extensions["surveyapp.db"].kw["bind"].dispose()
    finally:
        admin = create_engine(pg_cluster.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)"))
        admin.dispose()
