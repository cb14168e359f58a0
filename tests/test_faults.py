"""A lost database gives a clear 503, and answers survive a killed worker and a PostgreSQL restart."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from tests import pg
from tests.helpers import CI


def lost_connection(*_args, **_kwargs):
    raise OperationalError(
        "SELECT 1", {}, ConnectionError("server closed the connection unexpectedly")
    )


def test_kiosk_api_says_503_and_retry_when_the_database_is_gone(client, monkeypatch):
    monkeypatch.setattr("surveyapp.core.group_sessions.by_token", lost_connection)
    reply = client.post("/kiosk/abc/api", json={"key": "k" * 32, "answers": {"arvosana": "9"}})
    assert reply.status_code == 503
    assert reply.get_json()["status"] == "unavailable"
    assert reply.headers["Retry-After"] == "2"


def test_web_form_says_503_page_not_a_traceback(client, monkeypatch):
    monkeypatch.setattr("surveyapp.web.respond.views.get_collection", lost_connection)
    reply = client.get("/c/testi")
    page = reply.get_data(as_text=True)
    assert reply.status_code == 503
    assert "Palvelu ei ole käytettävissä" in page and "Traceback" not in page


def test_tablets_lose_and_double_nothing_when_a_worker_dies_and_postgresql_restarts():
    """The small size of `make bench`'s fault run: 50 tablets, a few seconds."""
    if pg.find_bin_dir() is None:
        if CI:
            pytest.fail("PostgreSQL server binaries are required with CI=true")
        pytest.skip("PostgreSQL server binaries not installed")
    from bench import faults

    report = faults.run(clients=50, seconds=8)
    assert report.ok, "\n".join(faults.describe(report))
    assert report.first_pass["stored"] > 0
