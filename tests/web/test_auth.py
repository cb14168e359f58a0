"""Coordinator accounts: hashed passwords, login, project access, the users CLI."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from surveyapp.core.models import Project, Throttle, User
from surveyapp.core.users import create_user
from tests.helpers import csrf_token, log_in, make_app, make_collection


def test_password_stored_only_as_a_hash(db):
    user = create_user(
        db, email="A@Example.fi", name="A", password="pitka-salasana-1", role="admin"
    )
    assert user.email == "a@example.fi"
    assert "pitka-salasana-1" not in user.password_hash and user.password_hash.startswith(
        ("scrypt:", "pbkdf2:")
    )


def test_wrong_password_is_refused_in_finnish(client, db):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    db.commit()
    page = log_in(client, "a@example.fi", "vaara")
    assert page.status_code == 422
    assert "Väärä sähköpostiosoite tai salasana." in page.get_data(as_text=True)


def test_login_goes_back_to_the_asked_page_and_logout_forgets(client, db):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    make_collection(db, "session_feedback")
    response = log_in(client, "a@example.fi", "pitka-salasana-1", next="/coordinate/c/testi")
    assert response.headers["Location"] == "/coordinate/c/testi"
    assert client.get("/coordinate/c/testi").status_code == 200
    page = client.get("/coordinate/").get_data(as_text=True)
    token = csrf_token(page)
    client.post("/auth/logout", data={"csrf_token": token})
    assert client.get("/coordinate/c/testi").status_code == 302


def test_coordinator_sees_only_own_projects(client, db):
    make_collection(db, "session_feedback")
    other = Project(slug="virta", name="Virta II")
    db.add(other)
    user = create_user(
        db, email="c@example.fi", name="C", password="pitka-salasana-1", role="coordinator"
    )
    user.projects.append(other)
    db.commit()
    log_in(client, "c@example.fi", "pitka-salasana-1")
    assert client.get("/coordinate/c/testi").status_code == 404
    assert "Testi testi" not in client.get("/coordinate/").get_data(as_text=True)


def test_open_redirect_refused(client, db):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    db.commit()
    response = log_in(client, "a@example.fi", "pitka-salasana-1", next="//evil.example/")
    assert response.headers["Location"] == "/coordinate/"


def test_users_create_cli(runner, db):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "admin@example.fi",
            "--name",
            "Admin",
            "--role",
            "admin",
        ],
        input="pitka-salasana-1\npitka-salasana-1\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.endswith("created admin admin@example.fi\n")
    assert db.scalars(select(User.role)).all() == ["admin"]
    again = runner.invoke(
        args=["users", "create", "--email", "ADMIN@example.fi", "--name", "B"],
        input="pitka-salasana-2\npitka-salasana-2\n",
    )
    assert again.exit_code == 2 and "exists already" in again.output


def failed_page(client, email, password):
    page = log_in(client, email, password)
    return page.status_code, re.findall(
        r'<p class="error" role="alert">([^<]+)</p>', page.get_data(as_text=True)
    )


FAILED = [
    "Väärä sähköpostiosoite tai salasana.",
    "Jos salasana on väärin 5 kertaa peräkkäin, kirjautuminen lukitaan 15 minuutiksi.",
]


def from_address(client, address):
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_five_wrong_passwords_lock_this_client_out_for_fifteen_minutes_then_longer(
    client, db, monkeypatch
):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    db.commit()
    now = [1_800_000_000]
    monkeypatch.setattr("surveyapp.web.auth.clock", lambda: now[0])
    for _try in range(5):
        assert failed_page(client, "a@example.fi", "vaara") == (422, FAILED)
    # Locked: the right password is refused too, with the same answer as a wrong one.
    assert failed_page(client, "a@example.fi", "pitka-salasana-1") == (422, FAILED)
    now[0] += 15 * 60 - 1
    assert failed_page(client, "a@example.fi", "pitka-salasana-1") == (422, FAILED)
    now[0] += 1
    # One more wrong password after the lock: twice as long.
    assert failed_page(client, "a@example.fi", "vaara") == (422, FAILED)
    now[0] += 30 * 60 - 1
    assert failed_page(client, "a@example.fi", "pitka-salasana-1") == (422, FAILED)
    now[0] += 1
    assert log_in(client, "a@example.fi", "pitka-salasana-1").status_code == 302
    assert (
        db.scalar(select(func.count()).select_from(Throttle)) == 0
    )  # a right password forgets the count


def test_a_stranger_cannot_lock_the_owner_out(app, db):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    db.commit()
    stranger = from_address(app.test_client(), "203.0.113.9")
    for _try in range(7):
        assert failed_page(stranger, "a@example.fi", "vaara") == (422, FAILED)
    assert failed_page(stranger, "a@example.fi", "pitka-salasana-1") == (422, FAILED)
    owner = from_address(app.test_client(), "198.51.100.1")
    assert log_in(owner, "a@example.fi", "pitka-salasana-1").status_code == 302


def test_many_clients_slow_the_account_down_but_never_lock_it(database_url, tmp_path, monkeypatch):
    """Past LOGIN_ACCOUNT_FAILURES wrong tries from anywhere, each try waits a few seconds: on every host."""
    hosts = [
        make_app(database_url, tmp_path, LOGIN_ACCOUNT_FAILURES=6, LOGIN_ACCOUNT_WAIT_SECONDS=10)
        for _host in range(2)
    ]
    with hosts[0].extensions["surveyapp.db"]() as db:
        create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
        db.commit()
    now = [1_800_000_000]
    monkeypatch.setattr("surveyapp.web.auth.clock", lambda: now[0])
    for index in range(6):
        client = from_address(hosts[index % 2].test_client(), f"203.0.113.{index + 1}")
        assert failed_page(client, "a@example.fi", "vaara") == (422, FAILED)
    owner = [from_address(host.test_client(), "198.51.100.1") for host in hosts]
    assert failed_page(owner[1], "a@example.fi", "pitka-salasana-1") == (422, FAILED)
    now[0] += 9
    assert failed_page(owner[0], "a@example.fi", "pitka-salasana-1") == (422, FAILED)
    now[0] += 1
    # The wait has passed; the owner's refused tries were not held against the owner's client.
    assert log_in(owner[0], "a@example.fi", "pitka-salasana-1").status_code == 302
    with hosts[0].extensions["surveyapp.db"]() as db:
        assert db.execute(select(User.failed_tries, User.locked_until)).one() == (0, None)
    for host in hosts:
        host.extensions["surveyapp.db"].kw["bind"].dispose()


def test_a_right_password_starts_the_count_again(client, db, monkeypatch):
    user = create_user(
        db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin"
    )
    db.commit()
    for _try in range(4):
        log_in(client, "a@example.fi", "vaara")
    db.refresh(user)
    assert user.failed_tries == 4
    assert log_in(client, "a@example.fi", "pitka-salasana-1").status_code == 302
    db.refresh(user)
    assert (user.failed_tries, user.locked_until) == (0, None)
    for _try in range(4):
        log_in(client, "a@example.fi", "vaara")
    assert log_in(client, "a@example.fi", "pitka-salasana-1").status_code == 302


def test_lockout_does_not_reveal_which_accounts_exist(client, db):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    db.commit()
    for _try in range(5):
        log_in(client, "a@example.fi", "vaara")
        log_in(client, "ei-tilia@example.fi", "vaara")
    locked = failed_page(client, "a@example.fi", "pitka-salasana-1")
    missing = failed_page(client, "ei-tilia@example.fi", "pitka-salasana-1")
    assert locked == missing == (422, FAILED)


def test_lockout_is_shared_by_app_hosts(database_url, tmp_path, db):
    """Two apps on one database, as two hosts behind a load balancer: one client's wrong tries add up."""
    hosts = [make_app(database_url, tmp_path) for _host in range(2)]
    with hosts[0].extensions["surveyapp.db"]() as first:
        create_user(
            first, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin"
        )
        first.commit()
    for index in range(5):
        with hosts[index % 2].test_client() as client:
            log_in(client, "a@example.fi", "vaara")
    for host in hosts:
        with host.test_client() as client:
            assert failed_page(client, "a@example.fi", "pitka-salasana-1") == (422, FAILED)
            assert (
                log_in(
                    from_address(client, "198.51.100.1"), "a@example.fi", "pitka-salasana-1"
                ).status_code
                == 302
            )
        host.extensions["surveyapp.db"].kw["bind"].dispose()


def test_messages_in_swedish_and_english(client, db):
    for lang, expected in [
        (
            "sv",
            [
                "Fel e-postadress eller lösenord.",
                "Efter 5 felaktiga försök i rad låses inloggningen i 15 minuter.",
            ],
        ),
        (
            "en",
            [
                "Wrong e-mail address or password.",
                "After 5 wrong tries in a row, logging in is locked for 15 minutes.",
            ],
        ),
    ]:
        page = client.get(f"/auth/login?lang={lang}").get_data(as_text=True)
        token = csrf_token(page)
        response = client.post(
            "/auth/login", data={"csrf_token": token, "email": "x@example.fi", "password": "y"}
        )
        assert (
            re.findall(
                r'<p class="error" role="alert">([^<]+)</p>', response.get_data(as_text=True)
            )
            == expected
        )


def test_nul_byte_in_the_address_is_a_wrong_login_not_an_error(client, db):
    create_user(db, email="a@example.fi", name="A", password="pitka-salasana-1", role="admin")
    db.commit()
    assert failed_page(client, "a@example.fi\x00", "pitka-salasana-1") == (422, FAILED)
