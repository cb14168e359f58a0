"""Arrival order on PostgreSQL: readable from xmin and ctid until a mix, gone after it (surveyapp/core/mixing.py)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from surveyapp.core import mixing
from tests import pg
from tests.helpers import form_tokens, make_app, make_collection, submit


@pytest.fixture
def pg_app(request, tmp_path):
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip("PostgreSQL server binaries not installed")
    with pg.database(cluster, request.getfixturevalue("pg_template")) as url:
        app = make_app(url, tmp_path)
        yield app
        mixer = app.extensions.get("surveyapp.mixer")
        if mixer is not None:
            mixer.stop()
        app.extensions["surveyapp.db"].kw["bind"].dispose()


def engine_of(app):
    return app.extensions["surveyapp.db"].kw["bind"]


def rows(app, sql: str) -> list:
    with engine_of(app).connect() as conn:
        return list(conn.execute(text(sql)))


def answer_in_turn(app, count: int) -> list[str]:
    """``count`` answers alternating between two collections; the ids of the stored responses in arrival order."""
    client = app.test_client()
    known = {row.id for row in rows(app, "SELECT id FROM response")}
    arrived: list[str] = []
    for n in range(count):
        slug = ("a", "b")[n % 2]
        assert (
            submit(
                client, slug, {"arvosana": str(4 + n % 7), "vapaa_palaute": f"palaute {n}"}
            ).status_code
            == 302
        )
        new = {row.id for row in rows(app, "SELECT id FROM response")} - known - set(arrived)
        assert len(new) == 1
        arrived.extend(new)
    return arrived


def two_collections(app) -> None:
    with app.extensions["surveyapp.db"]() as db:
        make_collection(db, "session_feedback", "a", municipalities=("muhos",))
        make_collection(db, "session_feedback", "b", municipalities=("utajarvi",))


def physical_order(app, table: str, column: str) -> list[str]:
    # ctid has no cast to a number; (page, item) order is its own ordering.
    return [row[0] for row in rows(app, f"SELECT {column} FROM {table} ORDER BY ctid")]


def kendall_tau(order: list[str], reference: list[str]) -> float:
    rank = {value: position for position, value in enumerate(reference)}
    ranks = [rank[value] for value in order]
    pairs = concordant = 0
    for i in range(len(ranks)):
        for j in range(i + 1, len(ranks)):
            pairs += 1
            concordant += ranks[i] < ranks[j]
    return (2 * concordant - pairs) / pairs


def snapshot(app) -> tuple[set, set]:
    return (
        set(
            rows(
                app,
                "SELECT id, collection_id, instrument_id, instrument_version, municipality_code, "
                "group_session_id, channel, period_start, period_precision FROM response",
            )
        ),
        set(
            rows(
                app,
                "SELECT response_id, item_code, choice_code, grade, text, collection_id, instrument_id, "
                "municipality_code, period_start, channel FROM answer",
            )
        ),
    )


def test_a_reader_of_xmin_and_ctid_sees_the_arrival_order_until_a_mix_and_nothing_after(pg_app):
    two_collections(pg_app)
    arrived = answer_in_turn(pg_app, 40)
    # The attack works before a mix: row versions and row positions both give the order of answering,
    # and every submission key shares its response's transaction.
    by_xmin = [
        row.id for row in rows(pg_app, "SELECT id FROM response ORDER BY xmin::text::bigint")
    ]
    assert by_xmin == arrived
    assert physical_order(pg_app, "response", "id") == arrived
    response_xmins = {row[0] for row in rows(pg_app, "SELECT xmin::text FROM response")}
    key_xmins = {row[0] for row in rows(pg_app, "SELECT xmin::text FROM submission_key")}
    assert key_xmins == response_xmins and len(key_xmins) == 40
    before = snapshot(pg_app)

    result = pg_app.test_cli_runner().invoke(args=["responses", "mix"])
    assert result.exit_code == 0, result.output
    assert result.output == "mixed 40 responses and 40 submission keys\n"

    assert snapshot(pg_app) == before  # the same rows, every value kept
    response_xmins = {row[0] for row in rows(pg_app, "SELECT xmin::text FROM response")}
    answer_xmins = {row[0] for row in rows(pg_app, "SELECT xmin::text FROM answer")}
    key_xmins = {row[0] for row in rows(pg_app, "SELECT xmin::text FROM submission_key")}
    assert len(response_xmins) == 1 and answer_xmins == response_xmins
    assert len(key_xmins) == 1 and key_xmins != response_xmins
    # Random order: for 40 rows |tau| >= 0.5 has a chance of about one in a million.
    assert abs(kendall_tau(physical_order(pg_app, "response", "id"), arrived)) < 0.5
    answers_in_place = [
        row[0] for row in rows(pg_app, "SELECT response_id FROM answer ORDER BY ctid")
    ]
    assert abs(kendall_tau(answers_in_place, arrived)) < 0.5
    assert rows(pg_app, "SELECT count(*) FROM response WHERE NOT mixed") == [(0,)]
    assert rows(pg_app, "SELECT count(*) FROM submission_key WHERE NOT mixed") == [(0,)]

    # Later answers wait for the next mix, which leaves the mixed rows where they are.
    mixed_places = set(rows(pg_app, "SELECT id, ctid::text, xmin::text FROM response"))
    later = answer_in_turn(pg_app, 4)
    assert (
        pg_app.test_cli_runner().invoke(args=["responses", "mix"]).output
        == "mixed 4 responses and 4 submission keys\n"
    )
    now = set(rows(pg_app, "SELECT id, ctid::text, xmin::text FROM response"))
    assert mixed_places <= now
    later_xmins = {row[2] for row in now if row[0] in later}
    assert len(later_xmins) == 1 and later_xmins != response_xmins


def test_a_mixed_key_still_stores_its_answer_once(pg_app):
    two_collections(pg_app)
    client = pg_app.test_client()
    tokens = form_tokens(client.get("/c/a").get_data(as_text=True))
    assert submit(client, "a", {"arvosana": "9"}, tokens=tokens).status_code == 302
    assert mixing.mix(engine_of(pg_app), now=0).keys == 1
    assert submit(client, "a", {"arvosana": "9"}, tokens=tokens).status_code == 302
    assert rows(pg_app, "SELECT count(*) FROM response") == [(1,)]


def test_mixing_waits_for_its_interval_and_takes_turns(pg_app):
    two_collections(pg_app)
    answer_in_turn(pg_app, 2)
    engine = engine_of(pg_app)
    assert mixing.mix(engine, now=10_000, interval_seconds=3600) == mixing.Mixed(2, 2)
    answer_in_turn(pg_app, 1)
    assert mixing.mix(engine, now=13_599, interval_seconds=3600) is None
    assert mixing.mix(engine, now=13_600, interval_seconds=3600) == mixing.Mixed(1, 1)
    assert rows(pg_app, "SELECT last_mix FROM arrival_mix") == [(13_600,)]


def test_answers_given_during_mixes_are_stored_once_and_none_lost(pg_app):
    two_collections(pg_app)
    acknowledged: list[int] = []
    errors: list[BaseException] = []

    def tablet(slug: str) -> None:
        client = pg_app.test_client()
        try:
            for n in range(15):
                tokens = form_tokens(client.get(f"/c/{slug}").get_data(as_text=True))
                assert submit(client, slug, {"arvosana": "8"}, tokens=tokens).status_code == 302
                acknowledged.append(1)
                # The same key again (a double tap): never a second answer.
                assert submit(client, slug, {"arvosana": "8"}, tokens=tokens).status_code == 302
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    tablets = [threading.Thread(target=tablet, args=(slug,)) for slug in ("a", "b", "a")]
    for thread in tablets:
        thread.start()
    mixes = 0
    while any(thread.is_alive() for thread in tablets):
        mixing.mix(engine_of(pg_app), now=mixes)
        mixes += 1
    for thread in tablets:
        thread.join()
    assert not errors, errors
    mixing.mix(engine_of(pg_app), now=mixes)
    assert mixes > 1
    assert len(acknowledged) == 45
    assert rows(pg_app, "SELECT count(*), count(*) FILTER (WHERE mixed) FROM response") == [
        (45, 45)
    ]
    assert rows(pg_app, "SELECT count(*) FROM answer") == [(45,)]
    assert rows(pg_app, "SELECT count(*) FROM submission_key") == [(45,)]


def test_every_app_process_mixes_by_itself_when_due(pg_app, tmp_path):
    two_collections(pg_app)
    answer_in_turn(pg_app, 3)
    url = engine_of(pg_app).url.render_as_string(hide_password=False)
    mixing_app = make_app(url, tmp_path, MIX_INTERVAL_HOURS=1)
    try:
        assert mixing_app.test_client().get("/health").status_code == 200
        deadline = time.monotonic() + 10
        while rows(pg_app, "SELECT count(*) FROM response WHERE NOT mixed") != [(0,)]:
            assert time.monotonic() < deadline, "the app's mixer did not mix"
            time.sleep(0.1)
    finally:
        mixing_app.extensions["surveyapp.mixer"].stop()
        engine_of(mixing_app).dispose()
    assert rows(pg_app, "SELECT count(DISTINCT xmin::text) FROM response") == [(1,)]


def test_sqlite_has_nothing_to_mix(tmp_path, sqlite_template):
    import shutil

    path = tmp_path / "db.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", tmp_path, MIX_INTERVAL_HOURS=1)
    assert (
        app.test_cli_runner().invoke(args=["responses", "mix"]).output
        == "nothing to mix: SQLite keeps no arrival order\n"
    )
    assert "surveyapp.mixer" not in app.extensions


@pytest.mark.parametrize("hours", [25, -1, "6 h", 1.5])
def test_a_mixing_interval_outside_0_to_24_hours_stops_start_up(tmp_path, hours):
    with pytest.raises(
        ValueError, match="SURVEYAPP_MIX_INTERVAL_HOURS must be a whole number from 0 to 24"
    ):
        make_app(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path, MIX_INTERVAL_HOURS=hours)
