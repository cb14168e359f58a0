"""Statements per respondent request, counted in the app's own process where they leave for the database.

The bench app on the benchmark's database, driven through Flask's test client: one respondent and
one tablet answer to fill the caches, then the counted ones. Each count is a round trip to the
database: statements, BEGIN, COMMIT, ROLLBACK and pool pings (tests/helpers/statements.py).
"""

from __future__ import annotations

from tests.helpers.statements import Counted, counting, engine_of

from . import load
from .app import create_app
from .servers import Fixture, app_config

KINDS = ("form (GET)", "answer (POST)", "thank-you page", "kiosk answer")


def count(url: str, fixture: Fixture) -> dict[str, Counted]:
    app = create_app(app_config(url))
    engine = engine_of(app)
    try:
        for _ in range(2):  # the first fills the caches; the second is counted
            counted = _respondent(app, engine, fixture)
    finally:
        engine.dispose()
    return counted


def _respondent(app, engine, fixture: Fixture) -> dict[str, Counted]:
    client = app.test_client()
    counted = {}
    with counting(engine) as counted[KINDS[0]]:
        page = client.get(f"/c/{fixture.slug}")
    tokens = dict(load.TOKENS.findall(page.get_data(as_text=True)))
    with counting(engine) as counted[KINDS[1]]:
        posted = client.post(
            f"/c/{fixture.slug}", data={**tokens, "arvosana": "9", "vapaa_palaute": "Hyvä"}
        )
    with counting(engine) as counted[KINDS[2]]:
        thanks = client.get(posted.headers["Location"])
    answer = {"key": load.new_key(), "answers": {"arvosana": "8", "vapaa_palaute": "Hyvä"}}
    with counting(engine) as counted[KINDS[3]]:
        stored = client.post(f"/kiosk/{fixture.kiosk_token}/api", json=answer)
    if (page.status_code, posted.status_code, thanks.status_code, stored.status_code) != (
        200,
        302,
        200,
        201,
    ):
        raise RuntimeError("the counted respondent did not get through")
    return counted
