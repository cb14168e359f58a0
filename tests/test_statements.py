"""Statements per respondent request, counted on each database: the ceilings of the respondent path.

Not timed: a design property. A form page reads one version number; an answer is stored in one
transaction of the fewest statements the database allows; the thank-you page reads nothing. Each
count includes the transaction's BEGIN and COMMIT (and a pool's ping, were there one).
"""

from __future__ import annotations

import pytest

from tests.helpers import form_tokens, make_collection, make_kiosk
from tests.helpers.statements import POST_CEILING, counting, engine_of


def one_transaction(counted) -> bool:
    """One BEGIN and one COMMIT around the statements, or one statement outside a transaction."""
    control = [s for s in counted.sent if s in ("BEGIN", "COMMIT", "ROLLBACK")]
    return control == ["BEGIN", "COMMIT"] or (not control and counted.total == 1)


def respondent(app, slug: str, answers: dict[str, str]) -> dict[str, list[str]]:
    """A new respondent: the form, the answer, the thank-you page; the statements of each."""
    client = app.test_client()
    sent = {}
    with counting(engine_of(app)) as counted:
        page = client.get(f"/c/{slug}")
    assert page.status_code == 200
    sent["GET"] = counted
    with counting(engine_of(app)) as counted:
        posted = client.post(
            f"/c/{slug}", data={**form_tokens(page.get_data(as_text=True)), **answers}
        )
    assert posted.status_code == 302
    sent["POST"] = counted
    with counting(engine_of(app)) as counted:
        thanks = client.get(posted.headers["Location"])
    assert thanks.status_code == 200
    sent["thanks"] = counted
    return sent


@pytest.mark.parametrize("instrument_id", ["session_feedback", "valpas_partner_survey"])
def test_a_respondent_costs_at_most_the_ceilings(app, db, instrument_id):
    make_collection(db, instrument_id, municipalities=("muhos", "utajarvi"))
    answers = (
        {"arvosana": "9", "vapaa_palaute": "Hyvä"}
        if instrument_id == "session_feedback"
        else {"paikkakunta": "muhos", "kokonaisarvosana": "8"}
    )
    respondent(app, "testi", answers)  # the first one fills the cache
    sent = respondent(app, "testi", answers)
    dialect = engine_of(app).dialect.name
    assert sent["GET"].total <= 2, sent["GET"]
    assert sent["POST"].total <= POST_CEILING[dialect], sent["POST"]
    assert one_transaction(sent["POST"]), sent["POST"]
    assert sent["thanks"].total == 0, sent["thanks"]
    assert not any(s == "PING" for part in sent.values() for s in part.sent)


def test_a_kiosk_answer_is_one_transaction_within_the_ceiling(app, db, client):
    group = make_kiosk(db)
    answer = {"key": "k" * 32, "answers": {"arvosana": "8"}}
    assert client.post(f"/kiosk/{group.kiosk_token}/api", json=answer).status_code == 201
    answer["key"] = "m" * 32
    with counting(engine_of(app)) as counted:
        reply = client.post(f"/kiosk/{group.kiosk_token}/api", json=answer)
    assert reply.status_code == 201
    assert counted.total <= POST_CEILING[engine_of(app).dialect.name], counted
    assert one_transaction(counted), counted
