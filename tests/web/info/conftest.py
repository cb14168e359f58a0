"""Logged-in clients for the organisation settings: a coordinator of some projects."""

import pytest

from tests.helpers import add_coordinator, log_in


@pytest.fixture
def log_in_as(db, client):
    """Log ``client`` in as a new coordinator (not an administrator) of the given projects."""

    def log_in_coordinator(email: str, projects=()):
        user = add_coordinator(db, email, name="Ohjaaja", role="coordinator", projects=projects)
        assert log_in(client, email).status_code == 302
        return user

    return log_in_coordinator
