"""The load balancer's health check: 200 "ok" with a working database, 503 without, never a secret."""

from __future__ import annotations

import pytest

from tests.helpers import make_app


def test_ok_when_the_database_answers(client):
    with client.get("/health") as response:
        assert (response.status_code, response.get_data(as_text=True)) == (200, "ok")
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "unreachable",
    [
        "postgresql+psycopg://surveyapp:salainen-sana@127.0.0.1:1/surveyapp?connect_timeout=2",
        "sqlite:////nonexistent-directory/surveyapp.sqlite3",
    ],
)
def test_unavailable_without_a_database_and_nothing_revealed(tmp_path, unreachable, caplog):
    app = make_app(unreachable, tmp_path)
    with app.test_client() as client, client.get("/health") as response:
        assert (response.status_code, response.get_data(as_text=True)) == (503, "unavailable")
    assert "salainen-sana" not in caplog.text and "OperationalError" in caplog.text
    app.extensions["surveyapp.db"].kw["bind"].dispose()
