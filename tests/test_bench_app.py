"""The benchmarks' bare endpoint exists only in the bench app, never in the app production serves."""

from __future__ import annotations

from bench.app import create_app as create_bench_app
from tests.helpers import make_app


def test_production_app_has_no_bare_endpoint(database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    assert "/bench/bare" not in {rule.rule for rule in app.url_map.iter_rules()}
    assert app.test_client().post("/bench/bare", json={}).status_code == 404
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def test_bench_app_answers_without_touching_the_database(tmp_path):
    app = create_bench_app(
        {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}"}
    )
    reply = app.test_client().post("/bench/bare", json={"key": "x", "answers": {}})
    assert reply.status_code == 201 and reply.get_json() == {"status": "stored"}
    assert not (tmp_path / "none.db").exists() or (tmp_path / "none.db").stat().st_size == 0


def test_the_minimal_form_stores_one_row_and_thanks(tmp_path, monkeypatch):
    """bench/minimal.py, the yardstick of the respondent flow, does what a form must."""
    from sqlalchemy import create_engine, func, select

    from bench import load, minimal

    url = f"sqlite:///{tmp_path / 'minimal.db'}"
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "x")
    monkeypatch.setenv("SURVEYAPP_DATABASE_URL", url)
    minimal.create_tables(url)
    client = minimal.create_app().test_client()
    tokens = dict(load.TOKENS.findall(client.get("/c/bench").get_data(as_text=True)))
    assert set(tokens) == {"csrf_token"}
    assert client.post("/c/bench", data={**tokens, "arvosana": "11"}).status_code == 422
    assert client.post("/c/bench", data={"arvosana": "9"}).status_code == 422  # no CSRF token
    reply = client.post("/c/bench", data={**tokens, "arvosana": "9", "vapaa_palaute": "Hyvä"})
    assert reply.status_code == 302
    assert client.get(reply.headers["Location"]).status_code == 200
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(minimal.minimal_response)) == 1
    engine.dispose()
