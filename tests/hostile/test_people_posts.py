"""Random and malformed posts to the pages anyone can reach on a fresh server or with an
invitation link: the set-up page and the set-your-password page. Never a 500, never an account or
an organisation made from a bad post."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import given
from sqlalchemy import func, select

from surveyapp.core import first_run, people
from surveyapp.core.models import FirstRun, Invitation, Organisation, User
from tests.helpers import PASSWORD, csrf_token, make_collection
from tests.hostile.strategies import HOSTILE, as_bytes, text_values


def encoded(fields: dict) -> str:
    return "&".join(f"{name}={quote_from_bytes(as_bytes(value))}" for name, value in fields.items())


def rows(db, *models) -> tuple[int, ...]:
    db.expire_all()
    return tuple(db.scalar(select(func.count()).select_from(m)) for m in models)


def fresh(app, path: str) -> dict:
    """A new browser (the last accepted post logged the old one in) and its form token."""
    client = app.test_client()
    return {"client": client, "token": csrf_token(client.get(path).get_data(as_text=True))}


def test_the_set_up_page(app, db):
    state = fresh(app, "/setup")
    code = first_run.setup_token(app.config["SECRET_KEY"])

    @HOSTILE
    @given(
        setup_code=text_values([code, code.lower()]),
        email=text_values(["anna@example.fi"]),
        password=text_values([PASSWORD]),
        retention=text_values(["3", "0", "²"]),
        slug=text_values(["kunta", "Kunta"]),
    )
    def run(setup_code, email, password, retention, slug):
        body = encoded(
            {
                "csrf_token": state["token"],
                "setup_code": setup_code,
                "admin_name": "Anna",
                "admin_email": email,
                "password": password,
                "password_again": PASSWORD,
                "slug": slug,
                "name": "Kunta",
                "email": "tietosuoja@kunta.example",
                "legal_basis": "public_task",
                "retention_years": retention,
                "a11y_feedback_email": email,
                "a11y_prepared_on": "1.3.2026",
                "a11y_reviewed_on": "1.3.2026",
                "a11y_assessment": "self",
            }
        )
        with state["client"].post(
            "/setup", data=body, content_type="application/x-www-form-urlencoded"
        ) as response:
            assert response.status_code in (302, 400, 404, 413, 422), response.status_code
            made = response.status_code == 302
        assert rows(db, User, Organisation) == ((1, 1) if made else (0, 0))
        if made:  # start again from an empty database
            for model in (User, Organisation, FirstRun):
                db.query(model).delete()
            db.commit()
            state.update(fresh(app, "/setup"))

    run()


def test_the_invitation_password_page(app, db):
    project = make_collection(db, "session_feedback").project
    link = people.invite(
        db, project=project, email="uusi@example.fi", name="Uusi", role="group_leader", now=0
    )
    db.query(Invitation).update({"expires": 2**31 - 1})
    db.commit()
    path = f"/kutsu/{link}"
    state = fresh(app, path)

    @HOSTILE
    @given(password=text_values([PASSWORD, "lyhyt"]), again=text_values([PASSWORD]))
    def run(password, again):
        body = encoded(
            {"csrf_token": state["token"], "password": password, "password_again": again}
        )
        with state["client"].post(
            path, data=body, content_type="application/x-www-form-urlencoded"
        ) as r:
            assert r.status_code in (302, 400, 404, 413, 422), r.status_code
            accepted = r.status_code == 302
        assert rows(db, User, Invitation) == ((1, 0) if accepted else (0, 1))
        if accepted:  # the same link again, for the next example
            db.query(User).delete()
            db.add(
                Invitation(
                    token_hash=people.digest(link),
                    email="uusi@example.fi",
                    name="Uusi",
                    project_id=project.id,
                    role="group_leader",
                    expires=2**31 - 1,
                )
            )
            db.commit()
            state.update(fresh(app, path))

    run()
