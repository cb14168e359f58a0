"""A group session of session feedback, open on a tablet."""

import pytest

from tests.helpers import make_kiosk


@pytest.fixture
def kiosk(db):
    return make_kiosk(db)
