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
