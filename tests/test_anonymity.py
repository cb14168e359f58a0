"""The anonymity rules of the README, each checked against the schema and real stored rows."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from sqlalchemy import DateTime, Time, func, inspect, select, text

from surveyapp.core import periods
from surveyapp.core.models import Response
from tests.helpers import code_round, codes_of, helsinki_today, log_in, make_app, make_collection

FORBIDDEN_WORDS = {
    "ip",
    "addr",
    "address",
    "agent",
    "ua",
    "referer",
    "referrer",
    "cookie",
    "created",
    "updated",
    "time",
    "timestamp",
    "stamp",
    "at",
    "order",
    "seq",
    "sequence",
    "device",
    "host",
}
# A web session id would tie answers to a browser; group_session_id names a group meeting, not a browser.
FORBIDDEN_NAMES = {"session_id", "sid", "session_key", "browser_session"}
IDENTIFYING = ["203.0.113.7", "Mozilla/5.0 (Tablet; Leader)", "https://referrer.example/x"]


def post_as_a_browser(client, answers):
    headers = {
        "X-Forwarded-For": IDENTIFYING[0],
        "User-Agent": IDENTIFYING[1],
        "Referer": IDENTIFYING[2],
    }
    client.environ_base.update({"REMOTE_ADDR": IDENTIFYING[0], "HTTP_USER_AGENT": IDENTIFYING[1]})
    page = client.get("/c/testi", headers=headers)
    tokens = dict(
        re.findall(r'name="(csrf_token|_key)" value="([^"]+)"', page.get_data(as_text=True))
    )
    return client.post("/c/testi", data={**tokens, **answers}, headers=headers)


def test_schema_has_no_column_for_client_details_or_times(app):
    engine = app.extensions["surveyapp.db"].kw["bind"]
    inspector = inspect(engine)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            name = column["name"]
            assert not FORBIDDEN_WORDS & set(name.lower().split("_")), (table, name)
            assert name.lower() not in FORBIDDEN_NAMES, (table, name)
            assert not isinstance(column["type"], (DateTime, Time)), (table, name)


def test_stored_rows_hold_no_client_details(app, client, db):
    make_collection(db, "session_feedback")
    assert post_as_a_browser(client, {"arvosana": "10", "vapaa_palaute": "Kiva"}).status_code == 302
    cookie = client.get_cookie("session").value
    engine = app.extensions["surveyapp.db"].kw["bind"]
    with engine.connect() as conn:
        for table in inspect(engine).get_table_names():
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    for secret in [*IDENTIFYING, cookie]:
                        assert secret not in str(value), (table, row)


def test_throttle_and_login_rows_hold_no_client_details_and_no_link(database_url, tmp_path):
    """Behind the proxy: a wrong access code, wrong and right passwords; no address, no code, no link."""
    from surveyapp.core import access_codes
    from surveyapp.core.users import create_user

    app = make_app(database_url, tmp_path, PROXY_COUNT=1)
    engine = app.extensions["surveyapp.db"].kw["bind"]
    client = app.test_client()
    client.environ_base.update(
        {
            "REMOTE_ADDR": "10.0.0.2",
            "HTTP_USER_AGENT": IDENTIFYING[1],
            "HTTP_X_FORWARDED_FOR": IDENTIFYING[0],
        }
    )
    with app.extensions["surveyapp.db"]() as db:
        collection = code_round(db)
        create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
        db.commit()
        codes = codes_of(db, collection, "muhos")
    wrong = "AAAA" + codes[0][4:]
    assert client.get("/c/kumppanit", query_string={"koodi": wrong}).status_code == 422
    assert log_in(client, "a@example.fi", "vaara").status_code == 422
    assert log_in(client, "a@example.fi", "pitka-salasana-1").status_code == 302
    assert log_in(app.test_client(), "a@example.fi", "vaara").status_code == 422
    inspector = inspect(engine)
    assert {c["name"] for c in inspector.get_columns("throttle")} == {
        "key",
        "failures",
        "blocked_until",
        "expires",
    }
    assert inspector.get_foreign_keys("throttle") == []
    assert {c["name"] for c in inspector.get_columns("login_session")} == {
        "token_hash",
        "user_id",
        "last_seen",
    }
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM throttle")).scalar() == 2
        )  # the code and 127.0.0.1's login
        for table in inspector.get_table_names():
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    for secret in [*IDENTIFYING, "10.0.0.2", "127.0.0.1"]:
                        assert secret not in str(value), (table, row)
        for row in conn.execute(text("SELECT * FROM throttle")):
            for secret in [
                wrong,
                access_codes.printed(wrong),
                collection.id,
                "a@example.fi",
                *codes,
            ]:
                assert secret not in str(row)
    engine.dispose()


def test_reading_a_share_link_stores_nothing_about_the_reader(app, db, caplog):
    """A steering group's reader leaves no trace: no row changes, no cookie, no client detail in a log."""
    from surveyapp.core import share_links

    collection = make_collection(db, "session_feedback")
    for grade in (6, 7, 8, 9, 10):
        post_as_a_browser(app.test_client(), {"arvosana": str(grade)})
    _, token = share_links.create(
        db, collection, label="Ohjausryhmä", expires_on=helsinki_today(), today=helsinki_today()
    )
    db.commit()
    engine = app.extensions["surveyapp.db"].kw["bind"]

    def everything() -> dict[str, list[str]]:
        with engine.connect() as conn:
            return {
                table: sorted(
                    str(tuple(row)) for row in conn.execute(text(f"SELECT * FROM {table}"))
                )
                for table in inspect(engine).get_table_names()
            }

    before = everything()
    caplog.set_level(logging.DEBUG)
    reader = app.test_client()
    reader.environ_base.update({"REMOTE_ADDR": IDENTIFYING[0], "HTTP_USER_AGENT": IDENTIFYING[1]})
    headers = {"X-Forwarded-For": IDENTIFYING[0], "Referer": IDENTIFYING[2]}
    for path in ("", "?lang=sv", "?municipality=muhos", "/raportti.pdf", "x", "x/raportti.pdf"):
        response = reader.get(f"/tulokset/{token}{path}", headers=headers)
        assert response.status_code == (404 if path.startswith("x") else 200)
        assert "Set-Cookie" not in response.headers
    assert everything() == before
    for record in caplog.records:
        for secret in (*IDENTIFYING, token):
            assert secret not in record.getMessage()


def test_date_is_kept_only_to_the_iso_week_by_default(client, db):
    make_collection(db, "session_feedback")
    post_as_a_browser(client, {"arvosana": "8"})
    stored = db.scalars(select(Response)).one()
    assert stored.period_precision == "week"
    assert stored.period_start.isoweekday() == 1
    assert helsinki_today() - stored.period_start < dt.timedelta(days=7)


def test_date_precision_is_configurable():
    day = dt.date(2019, 3, 20)
    assert periods.period_start(day, "day") == day
    assert periods.period_start(day, "week") == dt.date(2019, 3, 18)
    assert periods.period_start(day, "month") == dt.date(2019, 3, 1)
    assert periods.label(dt.date(2019, 3, 18), "week") == "2019-W12"


def test_response_ids_are_random_not_sequential(client, db):
    make_collection(db, "session_feedback")
    for grade in "45678":
        post_as_a_browser(client, {"arvosana": grade})
    ids = db.scalars(select(Response.id)).all()
    assert len(ids) == 5 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert len({i[:8] for i in ids}) == 5  # no shared time or counter prefix


def test_storage_order_does_not_reveal_answer_order(app, client, db):
    """Rows come back in random-id order, not in the order people answered."""
    make_collection(db, "session_feedback")
    grades = ["4", "5", "6", "7", "8", "9", "10", "9", "8", "7", "6", "5"]
    for grade in grades:
        post_as_a_browser(client, {"arvosana": grade})
    engine = app.extensions["surveyapp.db"].kw["bind"]
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # No hidden, insertion-ordered rowid on the response tables.
            for table in ("response", "answer", "submission_key"):
                sql = conn.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table}
                ).scalar()
                assert sql.rstrip().endswith("WITHOUT ROWID"), table
            # No write-ahead log beside the database, holding the latest answers in arrival order.
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "delete"
            database = Path(engine.url.database)
            assert not Path(f"{database}-wal").exists() and not Path(f"{database}-journal").exists()
        ids = conn.execute(text("SELECT id FROM response ORDER BY id")).scalars().all()
    assert ids == sorted(ids)
    stored = [
        next(a.grade for a in r.answers) for r in db.scalars(select(Response).order_by(Response.id))
    ]
    assert sorted(stored) == sorted(int(g) for g in grades)


def test_submission_keys_are_not_linked_to_responses(app, client, db):
    make_collection(db, "session_feedback")
    post_as_a_browser(client, {"arvosana": "9"})
    columns = {
        c["name"]
        for c in inspect(app.extensions["surveyapp.db"].kw["bind"]).get_columns("submission_key")
    }
    # The key's hash, and whether it has been mixed (surveyapp/core/mixing.py): nothing that points at a response.
    assert columns == {"key", "mixed"}


def test_logs_never_contain_client_details(app, client, db, caplog):
    make_collection(db, "session_feedback")
    caplog.set_level(logging.DEBUG)
    post_as_a_browser(client, {"arvosana": "9"})
    post_as_a_browser(client, {"arvosana": "99"})
    client.get("/no-such-page", headers={"User-Agent": IDENTIFYING[1]})
    for record in caplog.records:
        message = record.getMessage()
        for secret in IDENTIFYING:
            assert secret not in message


def test_werkzeug_request_lines_are_dropped():
    from surveyapp.web.logs import DropRequestLines

    record = logging.LogRecord(
        "werkzeug", logging.INFO, "", 0, '%s - - [%s] "GET / HTTP/1.1" 200 -', None, None
    )
    record.msg = '203.0.113.7 - - [22/Nov/2026 10:00:00] "GET / HTTP/1.1" 200 -'
    assert DropRequestLines().filter(record) is False
    other = logging.LogRecord("surveyapp", logging.ERROR, "", 0, "database unavailable", None, None)
    assert DropRequestLines().filter(other) is True


def test_the_app_log_has_no_time_stamp():
    """Flask's own handler would start each line with the time; an error's time could be matched to an answer."""
    from flask.logging import default_handler

    from surveyapp.web import logs

    logs.init_app(None)
    record = logging.LogRecord(
        "surveyapp", logging.ERROR, __file__, 1, "unexpected error", None, None
    )
    assert default_handler.format(record) == "ERROR in test_anonymity: unexpected error"


def test_an_answer_the_database_refuses_is_not_quoted_in_the_log(app, db, client, caplog):
    """PostgreSQL's refusal quotes the row ("Failing row contains (…)"): a constraint the checks in
    Python did not foresee must not put a participant's words in the log."""
    from tests.helpers import make_kiosk

    group = make_kiosk(db)
    db.commit()
    if postgresql := db.get_bind().dialect.name == "postgresql":
        refusal = "ALTER TABLE answer ADD CONSTRAINT no_secret CHECK (text NOT LIKE '%salaisuus%')"
    else:
        refusal = (
            "CREATE TRIGGER no_secret BEFORE INSERT ON answer WHEN NEW.text LIKE '%salaisuus%' "
            "BEGIN SELECT RAISE(ABORT, 'no_secret'); END"
        )
    db.execute(text(refusal))
    db.commit()
    answer = {"key": "s" * 32, "answers": {"arvosana": "8", "vapaa_palaute": "Oma salaisuus"}}
    with caplog.at_level(logging.DEBUG):
        reply = client.post(f"/kiosk/{group.kiosk_token}/api", json=answer)
    assert reply.status_code == 500
    logged = "\n".join(logging.Formatter().format(r) for r in caplog.records)  # with tracebacks
    kind = "CheckViolation 23514 no_secret" if postgresql else "IntegrityError"
    assert f"unexpected database error: {kind}\n" in logged
    assert "salaisuus" not in logged
    assert db.scalar(select(func.count()).select_from(Response)) == 0
