"""Migration 0021 on a database with typed municipalities: the ones the classification names take
their official codes (their stored responses counting under it), the others are listed."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import create_engine, text

from surveyapp.migrate import upgrade
from tests import pg


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip("PostgreSQL server binaries not installed")
    with pg.database(cluster) as url:
        yield url


def test_0021_moves_typed_municipalities_to_official_codes(empty_url, caplog):
    upgrade(empty_url, "0018")
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        for code, name in (("muhos", "Muhos"), ("borga", "borgå"), ("x", "Kylä X")):
            conn.execute(
                text("INSERT INTO municipality (code, name) VALUES (:c, :n)"), dict(c=code, n=name)
            )
        conn.execute(text("INSERT INTO project (id, slug, name) VALUES ('p', 'valpas', 'V')"))
        conn.execute(
            text(
                "INSERT INTO collection (id, slug, title, project_id, instrument_id, audience,"
                " access) VALUES ('c', 'k', 'K', 'p', 'session_feedback', 'participants', 'open')"
            )
        )
        conn.execute(
            text("INSERT INTO instrument_version VALUES ('session_feedback', 1, :h)"),
            {"h": "0" * 64},
        )
        for place in ("muhos", "borga", "x"):
            conn.execute(
                text("INSERT INTO collection_municipality VALUES ('c', :p, NULL)"), {"p": place}
            )
        conn.execute(
            text(
                "INSERT INTO response (id, collection_id, instrument_id, instrument_version,"
                " municipality_code, channel, period_start, period_precision) VALUES"
                " ('r', 'c', 'session_feedback', 1, 'muhos', 'paper', :d, 'week')"
            ),
            {"d": dt.date(2026, 3, 2)},
        )
    engine.dispose()
    with caplog.at_level(logging.WARNING):
        upgrade(empty_url)
    assert "Kylä X (x) matches no official one" in caplog.text
    engine = create_engine(empty_url)
    with engine.connect() as conn:
        chosen = conn.execute(
            text("SELECT municipality_code FROM collection_municipality ORDER BY 1")
        ).scalars()
        assert list(chosen) == ["494", "638", "x"]
        assert (
            conn.execute(text("SELECT count(*) FROM municipality WHERE classified = 2026")).scalar()
            == 308
        )
        mergers = dict(
            conn.execute(text("SELECT old_code, new_code FROM municipality_merger")).all()
        )
        assert mergers["muhos"] == "494" and mergers["borga"] == "638" and "x" not in mergers
        assert conn.execute(text("SELECT municipality_code FROM response")).scalar() == "muhos"
        assert (
            conn.execute(text("SELECT name_sv FROM municipality WHERE code = '638'")).scalar()
            == "Borgå"
        )
    engine.dispose()
