"""The first run: the set-up page and `flask setup` make the first administrator and the
organisation once, on an empty database; afterwards the page is 404, and two set-ups sent at the
same moment leave exactly one administrator."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import func, select

from surveyapp.core import first_run
from surveyapp.core.models import FirstRun, Organisation, User
from tests.helpers import PASSWORD, add_coordinator, csrf_token, make_app, text_of


def code_of(app) -> str:
    return first_run.setup_token(app.config["SECRET_KEY"], app.config["SETUP_TOKEN"])


def setup_form(app, client, **changes) -> dict:
    page = client.get("/setup?lang=en").get_data(as_text=True)
    form = {
        "csrf_token": csrf_token(page),
        "setup_code": code_of(app),
        "admin_name": "Anna Ylläpitäjä",
        "admin_email": "Anna@Example.fi",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "slug": "kuntayhtyma",
        "name": "Kuntayhtymä Testi",
        "email": "tietosuoja@kuntayhtyma.example",
        "legal_basis": "public_task",
        "retention_years": "3",
        "a11y_feedback_email": "saavutettavuus@kuntayhtyma.example",
        "a11y_feedback_url": "",
        "a11y_prepared_on": "1.3.2026",
        "a11y_reviewed_on": "1.3.2026",
        "a11y_assessment": "self",
        "a11y_assessor": "",
    }
    form.update(changes)
    return form


def counts(db) -> tuple[int, int, int]:
    db.expire_all()
    return tuple(
        db.scalar(select(func.count()).select_from(model))
        for model in (User, Organisation, FirstRun)
    )


def test_the_first_administrator_and_organisation_are_made_once(app, client, db):
    assert client.get("/setup").status_code == 200
    first = setup_form(app, client)
    response = client.post("/setup", data=first)
    assert (response.status_code, response.headers["Location"]) == (302, "/coordinate/projects/")
    admin = db.scalar(select(User))
    assert (admin.email, admin.name, admin.role) == ("anna@example.fi", "Anna Ylläpitäjä", "admin")
    organisation = db.scalar(select(Organisation))
    assert (organisation.slug, organisation.retention_years) == ("kuntayhtyma", 3)
    assert organisation.theme_brand.startswith("#")
    # Logged in at once, as the administrator.
    assert client.get("/coordinate/projects/new").status_code == 200
    # The page is gone, for everyone, and a second post changes nothing.
    assert client.get("/setup").status_code == 404
    assert app.test_client().get("/setup").status_code == 404
    token = csrf_token(client.get("/coordinate/projects/").get_data(as_text=True))
    second = {**first, "csrf_token": token, "admin_email": "b@example.fi", "slug": "toinen"}
    assert client.post("/setup", data=second).status_code == 404
    assert counts(db) == (1, 1, 1)


def test_the_page_is_gone_once_any_account_exists(client, db):
    add_coordinator(db)
    assert client.get("/setup").status_code == 404


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"setup_code": "AAAA-BBBB-CCCC-DDDD"}, "The set-up code is not right."),
        ({"password": "lyhyt", "password_again": "lyhyt"}, "at least 10 characters"),
        ({"password_again": PASSWORD + "x"}, "The passwords are not the same."),
        ({"admin_email": "anna"}, "Write the e-mail address in the form"),
        ({"retention_years": "0"}, "whole number from 1 to 50"),
        (
            {"a11y_feedback_email": ""},
            "Give an e-mail address or a web form for accessibility feedback",
        ),
        ({"slug": "Iso Kirjain"}, "Use only lower-case letters"),
    ],
)
def test_a_wrong_field_stores_nothing_and_says_why(app, client, db, changes, message):
    response = client.post("/setup", data=setup_form(app, client, **changes))
    assert response.status_code == 422
    assert message in text_of(response.get_data(as_text=True))
    assert counts(db) == (0, 0, 0)


def test_the_code_ignores_case_spaces_and_hyphens(app, client, db):
    typed = code_of(app).replace("-", " ").lower()
    assert client.post("/setup", data=setup_form(app, client, setup_code=typed)).status_code == 302


def test_a_configured_code_replaces_the_derived_one(database_url, tmp_path):
    app = make_app(database_url, tmp_path, SETUP_TOKEN="oma-pitka-asennuskoodi")
    client = app.test_client()
    derived = first_run.setup_token(app.config["SECRET_KEY"])
    assert (
        client.post("/setup", data=setup_form(app, client, setup_code=derived)).status_code == 422
    )
    response = client.post("/setup", data=setup_form(app, client))
    assert response.status_code == 302
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def test_two_set_ups_at_once_leave_one_administrator(app, db, monkeypatch):
    """Both requests find the database empty before either saves; the database lets one commit."""
    clients = [app.test_client(), app.test_client()]
    forms = [
        setup_form(app, clients[0], admin_email="eka@example.fi", slug="eka"),
        setup_form(app, clients[1], admin_email="toka@example.fi", slug="toka"),
    ]
    both_checked = threading.Barrier(2, timeout=10)
    needed = first_run.needed

    def needed_then_wait(db):
        answer = needed(db)
        both_checked.wait()
        return answer

    monkeypatch.setattr("surveyapp.web.setup.first_run.needed", needed_then_wait)
    statuses = []

    def post(i):
        statuses.append(clients[i].post("/setup", data=forms[i]).status_code)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [302, 409]
    assert counts(db) == (1, 1, 1)
    admin = db.scalar(select(User))
    organisation = db.scalar(select(Organisation))
    # The administrator and the organisation are the same request's.
    assert (admin.email, organisation.slug) in (
        ("eka@example.fi", "eka"),
        ("toka@example.fi", "toka"),
    )


def test_flask_setup_from_the_command_line(app, runner, db):
    token = runner.invoke(args=["setup", "--token"])
    assert (token.exit_code, token.output.strip()) == (0, code_of(app))
    arguments = [
        "setup",
        "--admin-name=Anna",
        "--admin-email=anna@example.fi",
        "--org-slug=kuntayhtyma",
        "--org-name=Kuntayhtymä Testi",
        "--org-email=tietosuoja@kuntayhtyma.example",
        "--legal-basis=public_task",
        "--retention-years=5",
        "--feedback-email=saavutettavuus@kuntayhtyma.example",
    ]
    short = runner.invoke(args=[*arguments, "--password=lyhyt"])
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    assert counts(db) == (0, 0, 0)
    done = runner.invoke(args=arguments, input=f"{PASSWORD}\n{PASSWORD}\n")
    assert done.exit_code == 0, done.output
    assert "administrator anna@example.fi" in done.output
    assert counts(db) == (1, 1, 1)
    assert runner.invoke(args=arguments, input=f"{PASSWORD}\n{PASSWORD}\n").exit_code == 2
    assert runner.invoke(args=["setup", "--token"]).exit_code == 2


def test_flask_setup_asks_what_is_not_given(runner, db):
    answers = [
        "Anna",
        "anna@example.fi",
        "kuntayhtyma",
        "Kuntayhtymä Testi",
        "tietosuoja@kuntayhtyma.example",
        "consent",
        "2",
        "saavutettavuus@kuntayhtyma.example",
        PASSWORD,
        PASSWORD,
    ]
    done = runner.invoke(args=["setup"], input="\n".join(answers) + "\n")
    assert done.exit_code == 0, done.output
    assert db.scalar(select(Organisation.legal_basis)) == "consent"


def test_the_log_names_the_code_while_there_are_no_accounts(database_url, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="surveyapp"):
        app = make_app(database_url, tmp_path)
    assert f"give the set-up code {code_of(app)}" in caplog.text
    with app.extensions["surveyapp.db"]() as db:
        add_coordinator(db)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="surveyapp"):
        later = make_app(database_url, tmp_path)
    assert "set-up code" not in caplog.text
    for made in (app, later):
        made.extensions["surveyapp.db"].kw["bind"].dispose()


def test_the_login_page_points_to_the_set_up_until_it_is_done(client, db):
    assert 'href="/setup"' in client.get("/auth/login").get_data(as_text=True)
    add_coordinator(db)
    assert 'href="/setup"' not in client.get("/auth/login").get_data(as_text=True)
