"""The tablet's answer API runs without the cookie session: the address is its only authority."""

from __future__ import annotations

from tests.helpers import make_kiosk
from tests.helpers.statements import POST_CEILING, counting, engine_of


def test_a_leaders_login_on_the_tablet_is_neither_read_nor_written_by_its_answers(
    app, db, client, coordinator
):
    group = make_kiosk(db)
    first = {"key": "leader-tablet-answer-0001", "answers": {"arvosana": "9"}}
    assert client.post(f"/kiosk/{group.kiosk_token}/api", json=first).status_code == 201
    login_cookie = client.get_cookie("session").value
    answer = {"key": "leader-tablet-answer-0002", "answers": {"arvosana": "8"}}
    with counting(engine_of(app)) as counted:
        reply = client.post(f"/kiosk/{group.kiosk_token}/api", json=answer)
    assert reply.status_code == 201
    # The answer alone: no look-up of the login, no record of its last use.
    assert counted.total == POST_CEILING[engine_of(app).dialect.name], counted
    assert "Set-Cookie" not in reply.headers
    assert client.get_cookie("session").value == login_cookie
    assert client.get("/coordinate/").status_code == 200  # still logged in


def test_the_tablets_pages_keep_their_cookie(client, db):
    group = make_kiosk(db)
    form = client.get(f"/kiosk/{group.kiosk_token}")
    assert form.status_code == 200
    assert "session=" in form.headers["Set-Cookie"]  # a new turn on every participant page
