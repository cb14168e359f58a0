"""A logged-in coordinator client."""

import pytest

from surveyapp.core.users import create_user

PASSWORD = "oikein-pitka-salasana"


def log_in(client, session):
    import re

    create_user(
        session,
        email="koordinaattori@example.fi",
        name="Koordinaattori",
        password=PASSWORD,
        role="admin",
    )
    session.commit()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/auth/login",
        data={"csrf_token": token, "email": "koordinaattori@example.fi", "password": PASSWORD},
    )
    assert response.status_code == 302


@pytest.fixture
def coordinator_for(database_url, tmp_path):
    """A logged-in client of an app with its own settings: returns (client, session, app)."""
    from tests.conftest import make_app

    made = []

    def factory(**settings):
        app = make_app(database_url, tmp_path, **settings)
        session = app.extensions["surveyapp.db"]()
        client = app.test_client()
        log_in(client, session)
        made.append((app, session))
        return client, session, app

    yield factory
    for app, session in made:
        session.close()
        app.extensions["surveyapp.db"].kw["bind"].dispose()


@pytest.fixture
def coordinator(app, session, client):
    user = create_user(
        session,
        email="koordinaattori@example.fi",
        name="Koordinaattori",
        password=PASSWORD,
        role="admin",
    )
    session.commit()
    page = client.get("/auth/login").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/auth/login",
        data={"csrf_token": token, "email": "Koordinaattori@example.fi", "password": PASSWORD},
    )
    assert response.status_code == 302
    return user
