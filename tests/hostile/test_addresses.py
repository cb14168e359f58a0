"""Hostile return addresses (login's ``next``) and access codes with odd characters: never a 500,
never a redirect off the site, never a stored answer without a valid code."""

from __future__ import annotations

import itertools
import secrets
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import (
    PARTNER,
    PASSWORD,
    code_round,
    codes_of,
    count_responses,
    csrf_token,
    form_tokens,
)
from tests.hostile.strategies import HOSTILE, as_bytes, text_values

TARGETS = [
    "/coordinate/",
    "/coordinate/c/testi?x=1",
    "//evil.example",
    "/\t/evil.example",
    "https://evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "javascript:alert(1)",
]


# Each example is a whole login (a password hash check): fewer examples, and on SQLite only, since
# reading ``next`` does not touch the database.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_login_next(client, db):
    from surveyapp.core.users import create_user

    create_user(db, email="a@example.fi", name="A", password=PASSWORD, role="admin")
    db.commit()

    @settings(HOSTILE, max_examples=25)
    @given(target=text_values(TARGETS) | st.sampled_from(TARGETS))
    @example(target="/x\n/evil")  # a newline in next was a 500
    def run(target):
        page = client.get("/auth/login").get_data(as_text=True)
        token = csrf_token(page)
        query = quote_from_bytes(as_bytes(target))
        with client.post(
            f"/auth/login?next={query}",
            data={"csrf_token": token, "email": "a@example.fi", "password": PASSWORD},
        ) as response:
            assert response.status_code == 302, response.status_code
            location = response.headers["Location"]
            assert (
                location.startswith("/") and not location.startswith("//") and "\\" not in location
            ), location
            assert not any(ch.isspace() or not ch.isprintable() for ch in location), location

    run()


def test_access_code_with_odd_characters(client, db):
    collection = code_round(db)
    right = codes_of(db, collection, "muhos")
    tokens = form_tokens(
        client.get("/c/kumppanit", query_string={"koodi": right[0]}).get_data(as_text=True)
    )
    addresses = (f"198.51.{n // 250}.{n % 250 + 1}" for n in itertools.count())

    @HOSTILE
    @given(code=text_values([right[0], right[0].lower(), f" {right[0][:4]}-{right[0][4:]} "]))
    @example(code=right[0][:4] + "\x00" + right[0][4:])
    def run(code):
        raw = quote_from_bytes(as_bytes(code))
        environ = {"REMOTE_ADDR": next(addresses)}
        with client.get(f"/c/kumppanit?koodi={raw}", environ_base=environ) as page:
            assert page.status_code in (200, 413, 422), page.status_code
        body = (
            f"csrf_token={tokens['csrf_token']}&_key={secrets.token_urlsafe(24)}&_code={raw}&"
            + "&".join(
                f"{name}={quote_from_bytes(value.encode())}" for name, value in PARTNER.items()
            )
        )
        before = count_responses(db)
        with client.post(
            "/c/kumppanit",
            data=body,
            content_type="application/x-www-form-urlencoded",
            environ_base=environ,
        ) as sent:
            assert sent.status_code in (302, 413, 422), sent.status_code
            assert count_responses(db) == before + (sent.status_code == 302)

    run()
