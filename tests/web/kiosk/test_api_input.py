"""The kiosk's JSON api refuses bodies no tablet sends (deep nesting, too many values) with a 400 in JSON."""

from __future__ import annotations

import pytest

from surveyapp.web import json_input
from tests.helpers import count_responses

ANSWER = '{"key": "queued-answer-key-0009", "answers": {"arvosana": "9"}, "x": %s}'


HOSTILE = [
    "[" * 1000 + "]" * 1000,  # was a 500 (RecursionError)
    "[" * 100_000,
    '{"a":' * 30_000 + "1" + "}" * 30_000,
    "[" + "0," * 20_000 + "0]",
    "1" * 20_000,  # more digits than Python turns into a number
]


# Parsing does not depend on the database: SQLite only.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_api_refuses_too_deep_or_too_large_json_and_stores_nothing(client, db, kiosk):  # noqa: F811
    for extra in HOSTILE:
        response = client.post(
            f"/kiosk/{kiosk.kiosk_token}/api", data=ANSWER % extra, content_type="application/json"
        )
        assert response.status_code == 400, extra[:20]
        assert response.get_json() == {"status": "invalid", "message": "Vastausta ei voitu lukea."}
    assert count_responses(db) == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_real_answer_with_brackets_in_its_text_is_stored(client, db, kiosk):  # noqa: F811
    text = "[" * 100 + '{\\"}' * 50
    body = (
        '{"key": "queued-answer-key-0010", "answers": {"arvosana": "9", "vapaa_palaute": "%s"}}'
        % text
    )
    response = client.post(
        f"/kiosk/{kiosk.kiosk_token}/api", data=body, content_type="application/json"
    )
    assert response.status_code == 201, response.get_json()
    assert count_responses(db) == 1


def test_shape_leaves_strings_out():
    assert json_input.shape('{"a": [1, {"b": "]]],,[[["}], "c": "\\\\"}') == (3, 3)
    assert json_input.shape('"[[[["') == (0, 1)
