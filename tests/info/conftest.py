"""Logged-in clients for the organisation settings: an administrator, or a coordinator of some projects."""

import re

import pytest

from surveyapp.core.users import create_user
from tests.coordinate.conftest import PASSWORD, coordinator  # noqa: F401  (the administrator fixture)


@pytest.fixture
def log_in_as(session, client):
    """Log ``client`` in as a new coordinator (not an administrator) of the given projects."""

    def log_in(email: str, projects=()):
        user = create_user(
            session, email=email, name="Ohjaaja", password=PASSWORD, role="coordinator"
        )
        user.projects = list(projects)
        session.commit()
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        assert (
            client.post(
                "/auth/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
            ).status_code
            == 302
        )
        return user

    return log_in
