"""A form file up to the validator's 2 MB reaches the validator; a larger one gets its message on
the upload page, in the reader's language, and nothing is stored. Every other post keeps the
app-wide 256 KB limit."""

from __future__ import annotations

import re

import pytest

from tests.helpers import csrf_token, make_collection
from tests.helpers.uploads import FORM_YAML, LIBRARY, error_lines, post_file, stored, upload

MESSAGE = "Tiedosto on suurempi kuin 2 Mt."


@pytest.fixture
def library(client, db, coordinator):
    make_collection(db, "session_feedback")  # the valpas project
    client.get(f"{LIBRARY}?lang=fi")
    return client


def padded(size: int) -> bytes:
    """The valid form, made ``size`` bytes long with a YAML comment."""
    body = FORM_YAML.encode()
    return body + b"#" + b"x" * (size - len(body) - 2) + b"\n"


def test_a_300_kb_form_file_is_validated_and_stored(library, db):
    content = padded(300_000)
    assert len(content) == 300_000
    response = upload(library, content, "oma.yaml")
    assert response.status_code == 302, error_lines(response.get_data(as_text=True))
    assert stored(db) == 1


def test_a_300_kb_file_that_is_no_form_gets_the_validators_message(library, db):
    response = upload(library, b"x" * 300_000, "lomake.xlsx")
    assert response.status_code == 422
    assert error_lines(response.get_data(as_text=True)) == [
        "Tiedosto ei ole luettava .xlsx-työkirja."
    ]
    assert stored(db) == 0


def test_a_file_just_over_2_mb_gets_the_validators_message(library, db):
    response = upload(library, padded(2_000_001), "oma.yaml")
    assert response.status_code == 422
    assert error_lines(response.get_data(as_text=True)) == [MESSAGE]
    assert stored(db) == 0


@pytest.mark.parametrize("size", [2_100_000, 5_000_000])
def test_a_body_too_large_to_read_gets_the_same_message_on_the_upload_page(library, db, size):
    response = upload(library, padded(size), "oma.yaml")
    assert response.status_code == 303 and response.headers["Location"] == LIBRARY
    page = library.get(LIBRARY).get_data(as_text=True)
    assert f'<p class="flash error" role="status">{MESSAGE}</p>' in page
    assert stored(db) == 0


def test_the_message_is_in_swedish_for_a_swedish_page(library, db):
    library.get(f"{LIBRARY}?lang=sv")
    response = upload(library, padded(2_000_001), "oma.yaml")
    assert error_lines(response.get_data(as_text=True)) == ["Filen är större än 2 MB."]
    response = upload(library, padded(2_100_000), "oma.yaml")
    assert response.status_code == 303
    page = library.get(LIBRARY).get_data(as_text=True)
    assert "Filen är större än 2 MB." in page


def test_every_other_post_keeps_the_256_kb_limit(library, db):
    page = library.get("/coordinate/c/new").get_data(as_text=True)
    response = library.post(
        "/coordinate/c/new", data={"csrf_token": csrf_token(page), "title": "x" * 300_000}
    )
    assert response.status_code == 413
    login = library.post("/auth/login", data={"email": "x" * 300_000})
    assert login.status_code == 413


def test_a_large_post_to_the_library_still_needs_its_csrf_token(library, db):
    page = library.get(LIBRARY).get_data(as_text=True)
    project = re.search(r'<option value="([0-9a-f]{32})"', page).group(1)
    response = post_file(library, padded(300_000), "oma.yaml", project=project)
    assert response.status_code == 400
    assert stored(db) == 0


def test_the_proxys_refusal_of_a_larger_file_leads_to_the_same_message(library, db, app):
    """nginx refuses a body over 3 MB itself and hands the request to this address (error_page 413):
    the upload page again with the validator's message, and nothing stored."""
    response = library.get("/coordinate/instruments/liian-suuri")
    assert response.status_code == 303 and response.headers["Location"] == LIBRARY
    page = library.get(LIBRARY).get_data(as_text=True)
    assert f'<p class="flash error" role="status">{MESSAGE}</p>' in page
    assert stored(db) == 0
    stranger = app.test_client().get("/coordinate/instruments/liian-suuri")
    assert stranger.status_code == 302 and "/auth/login" in stranger.headers["Location"]
