"""`upgrade head` on an empty database gives exactly the schema the models describe; data migrations keep data."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from surveyapp.core import models  # noqa: F401
from surveyapp.core.database import Base
from surveyapp.migrate import upgrade
from tests import pg


def test_upgrade_head_matches_models(database_url):
    # database_url is a fresh database that the fixtures built with `alembic upgrade head`.
    engine = create_engine(database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        version = context.get_current_revision()
    engine.dispose()
    assert diff == []
    assert version == "0026"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    """A database with no tables at all, of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip("PostgreSQL server binaries not installed")
    with pg.database(cluster) as url:
        yield url


RESPONSES_0007 = [
    (
        "a" * 32,
        "muhos",
        dt.date(2019, 3, 4),
        "paper",
        [("arvosana", None, 9, None), ("vapaa_palaute", None, None, "Hyvä")],
    ),
    ("b" * 32, None, dt.date(2019, 3, 11), "web", [("arvosana", None, 7, None)]),
]


def insert_collection(conn) -> None:
    """A municipality, project, collection 'c' and instrument version, in plain SQL (any schema version)."""
    conn.execute(text("INSERT INTO municipality (code, name) VALUES ('muhos', 'Muhos')"))
    conn.execute(text("INSERT INTO project (id, slug, name) VALUES ('p', 'valpas', 'VALPAS')"))
    conn.execute(
        text(
            "INSERT INTO collection (id, slug, title, project_id, instrument_id, audience, access) "
            "VALUES ('c', 'kysely', 'Kysely', 'p', 'session_feedback', 'participants', 'open')"
        )
    )
    conn.execute(
        text("INSERT INTO instrument_version VALUES ('session_feedback', 1, :hash)"),
        {"hash": "0" * 64},
    )


def insert_response(conn, response_id: str, place: str | None, week: dt.date, channel: str) -> None:
    conn.execute(
        text(
            "INSERT INTO response (id, collection_id, instrument_id, instrument_version, "
            "municipality_code, channel, period_start, period_precision) "
            "VALUES (:id, 'c', 'session_feedback', 1, :place, :channel, :week, 'week')"
        ),
        {"id": response_id, "place": place, "channel": channel, "week": week},
    )


def test_0008_copies_each_response_s_grouping_into_its_answers(empty_database_url):
    url = empty_database_url
    upgrade(url, "0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_collection(conn)
        for response_id, place, week, channel, answers in RESPONSES_0007:
            insert_response(conn, response_id, place, week, channel)
            for item, choice, grade, written in answers:
                conn.execute(
                    text(
                        "INSERT INTO answer (response_id, item_code, choice_code, grade, text) "
                        "VALUES (:id, :item, :choice, :grade, :text)"
                    ),
                    {
                        "id": response_id,
                        "item": item,
                        "choice": choice,
                        "grade": grade,
                        "text": written,
                    },
                )
    engine.dispose()

    upgrade(url)

    engine = create_engine(url)
    # The rebuilt table (SQLite) keeps the constraint names the models give.
    assert sorted(c["name"] for c in inspect(engine).get_check_constraints("answer")) == [
        "ck_answer_grade_4_to_10",
        "ck_answer_grade_or_choice",
        "ck_answer_not_empty",
    ]
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT response_id, item_code, grade, text, collection_id, instrument_id, "
                "municipality_code, period_start, channel FROM answer "
                "ORDER BY response_id, item_code"
            )
        ).all()
    engine.dispose()
    # A date on PostgreSQL, ISO text on SQLite: compared as ISO text.
    assert [(*r[:7], str(r[7]), r[8]) for r in rows] == [
        ("a" * 32, "arvosana", 9, None, "c", "session_feedback", "muhos", "2019-03-04", "paper"),
        (
            "a" * 32,
            "vapaa_palaute",
            None,
            "Hyvä",
            "c",
            "session_feedback",
            "muhos",
            "2019-03-04",
            "paper",
        ),
        ("b" * 32, "arvosana", 7, None, "c", "session_feedback", None, "2019-03-11", "web"),
    ]


def test_the_database_refuses_answers_that_do_not_match_their_response(database_url):
    engine = create_engine(database_url)
    with engine.begin() as conn:
        insert_collection(conn)
        insert_response(conn, "a" * 32, "muhos", dt.date(2019, 3, 4), "web")
    answer = (
        "INSERT INTO answer (response_id, item_code, grade, collection_id, instrument_id, municipality_code, "
        "period_start, channel) VALUES (:id, 'arvosana', 9, 'c', 'session_feedback', :place, :week, :channel)"
    )
    matching = {"id": "a" * 32, "place": "muhos", "week": dt.date(2019, 3, 4), "channel": "web"}
    for wrong in (
        {"place": None},
        {"place": "utajarvi"},
        {"week": dt.date(2019, 3, 11)},
        {"channel": "paper"},
    ):
        with pytest.raises(IntegrityError, match="carries its response's"), engine.begin() as conn:
            conn.execute(text(answer), {**matching, **wrong})
    with engine.begin() as conn:
        conn.execute(text(answer), matching)
    for change in ("municipality_code = NULL", "channel = 'paper'", "period_start = period_start"):
        with pytest.raises(IntegrityError, match="never rewritten"), engine.begin() as conn:
            conn.execute(text(f"UPDATE response SET {change}"))
    with pytest.raises(IntegrityError, match="carries its response's"), engine.begin() as conn:
        conn.execute(text("UPDATE answer SET channel = 'paper'"))
    engine.dispose()


def test_a_response_and_its_answers_in_one_statement_are_checked_after_it(database_url):
    """PostgreSQL checks an answer after its statement (0024): a response and its answers stored by
    one statement pass in whatever order the statement's parts run, and a wrong one is refused."""
    engine = create_engine(database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("SQLite has no data-modifying WITH")
    with engine.begin() as conn:
        insert_collection(conn)
    # The response's part of the statement runs after the answer's (a WITH that nothing reads runs
    # last): a check before each row would not find the response yet.
    together = (
        "WITH stored AS (INSERT INTO response (id, collection_id, instrument_id, instrument_version, "
        "municipality_code, channel, period_start, period_precision) VALUES (:id, 'c', "
        "'session_feedback', 1, 'muhos', 'web', :week, 'week')) "
        "INSERT INTO answer (response_id, item_code, grade, collection_id, instrument_id, "
        "municipality_code, period_start, channel) VALUES (:id, 'arvosana', 9, 'c', "
        "'session_feedback', 'muhos', :week, :channel)"
    )
    week = dt.date(2019, 3, 4)
    with pytest.raises(IntegrityError, match="carries its response's"), engine.begin() as conn:
        conn.execute(text(together), {"id": "b" * 32, "week": week, "channel": "paper"})
    with engine.begin() as conn:
        conn.execute(text(together), {"id": "a" * 32, "week": week, "channel": "web"})
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT response_id, grade FROM answer")).all()
        responses = conn.execute(text("SELECT id FROM response")).scalars().all()
    engine.dispose()
    assert (stored, responses) == ([("a" * 32, 9)], ["a" * 32])


def test_an_answer_is_checked_against_its_own_response_alone(database_url):
    """The check reads the answer's response by its id (0025): with 2 000 responses in the same
    week's cell and no statistics yet, as in a new database, storing an answer reads two response
    rows (the foreign key's and the check's), not the whole cell."""
    engine = create_engine(database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("SQLite's check searches by the primary key (0008)")
    week = dt.date(2019, 3, 4)
    with engine.begin() as conn:
        insert_collection(conn)
        conn.execute(
            text(
                "INSERT INTO response (id, collection_id, instrument_id, instrument_version, "
                "municipality_code, channel, period_start, period_precision) "
                "SELECT md5(i::text), 'c', 'session_feedback', 1, 'muhos', 'kiosk', :week, 'week' "
                "FROM generate_series(1, 2000) AS i"
            ),
            {"week": week},
        )
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO answer (response_id, item_code, grade, collection_id, instrument_id, "
                "municipality_code, period_start, channel) VALUES (md5('1000'), 'arvosana', 9, "
                "'c', 'session_feedback', 'muhos', :week, 'kiosk')"
            ),
            {"week": week},
        )
        read = conn.execute(
            text(
                "SELECT seq_tup_read, idx_tup_fetch FROM pg_stat_xact_user_tables "
                "WHERE relname = 'response'"
            )
        ).one()
    engine.dispose()
    assert tuple(read) == (0, 2)


def test_0018_keeps_coordinators_and_administrators_as_they_were(empty_database_url):
    url = empty_database_url
    upgrade(url, "0013")
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_collection(conn)
        for user_id, role in (("u1", "coordinator"), ("u2", "admin")):
            conn.execute(
                text(
                    "INSERT INTO user_account (id, email, name, password_hash, role) "
                    "VALUES (:id, :email, 'N', 'x', :role)"
                ),
                {"id": user_id, "email": f"{user_id}@example.fi", "role": role},
            )
        conn.execute(text("INSERT INTO user_project (user_id, project_id) VALUES ('u1', 'p')"))
        conn.execute(
            text(
                "INSERT INTO group_session (id, collection_id, group_name, municipality_code, "
                "held_on, kiosk_token, pin_hash) VALUES ('g', 'c', 'R', 'muhos', :day, 't', 'h')"
            ),
            {"day": dt.date(2026, 3, 2)},
        )
    engine.dispose()
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT user_id, role FROM user_project")).all() == [
            ("u1", "coordinator")
        ]
        assert conn.execute(text("SELECT role FROM user_account ORDER BY id")).scalars().all() == [
            "coordinator",
            "admin",
        ]
        assert conn.execute(text("SELECT archived FROM project")).scalar() in (False, 0)
        assert conn.execute(text("SELECT leader_id FROM group_session")).scalar() is None
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO first_run (id, done_on) VALUES (2, '2026-12-01')"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE user_project SET role = 'reader'"))
    engine.dispose()


def test_0014_makes_every_existing_session_a_group_session(empty_database_url):
    url = empty_database_url
    upgrade(url, "0013")
    engine = create_engine(url)
    with engine.begin() as conn:
        insert_collection(conn)
        conn.execute(
            text(
                "INSERT INTO group_session (id, collection_id, group_name, municipality_code, "
                "held_on, kiosk_token, pin_hash) VALUES ('s', 'c', 'Ryhmä', 'muhos', :day, 't', 'h')"
            ),
            {"day": dt.date(2018, 5, 2)},
        )
    engine.dispose()

    upgrade(url)

    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT kind FROM group_session")).scalars().all() == ["group"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE group_session SET kind = 'party'"))
    engine.dispose()
