"""Cross-origin posts are refused by Origin and Sec-Fetch-Site, with or without a valid CSRF token;
a browser's same-origin post without a Referer (Referrer-Policy: no-referrer) is accepted over HTTPS."""

from __future__ import annotations

import pytest

from surveyapp.web.same_origin import is_cross_origin
from tests.helpers import count_responses, form_tokens, make_app, make_collection

OWN = "https://kysely.example"


@pytest.mark.parametrize(
    ("origin", "fetch_site", "refused"),
    [
        (None, None, False),  # no browser headers: the CSRF token decides
        ("null", None, False),  # what a browser may send under no-referrer
        ("null", "same-origin", False),
        (OWN, "same-origin", False),
        (OWN + "/", None, False),
        (None, "none", False),  # typed or bookmarked
        ("https://evil.example", None, True),
        ("http://kysely.example", None, True),  # same host, other scheme
        ("https://kysely.example:8443", None, True),
        (None, "cross-site", True),
        (None, "same-site", True),  # a sibling subdomain
        ("null", "cross-site", True),
    ],
)
def test_what_counts_as_cross_origin(origin, fetch_site, refused):
    assert is_cross_origin("POST", OWN, origin, fetch_site) is refused
    assert is_cross_origin("GET", OWN, origin, fetch_site) is False


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_over_https_behind_the_proxy(database_url, tmp_path):
    app = make_app(database_url, tmp_path, PROXY_COUNT=1)
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "kysely.example"}
    with app.extensions["surveyapp.db"]() as db, app.test_client() as client:
        make_collection(db, "session_feedback")

        def post(**headers):
            tokens = form_tokens(client.get("/c/testi", headers=proxy).get_data(as_text=True))
            return client.post(
                "/c/testi", data={**tokens, "arvosana": "9"}, headers={**proxy, **headers}
            )

        # No Referer at all, as browsers send it here: accepted (Flask-WTF's strict check would refuse it).
        assert post(Origin="null", **{"Sec-Fetch-Site": "same-origin"}).status_code == 302
        assert post(Origin="https://kysely.example").status_code == 302
        # A valid token and cookie do not help a cross-origin post.
        for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
            reply = post(**headers)
            assert reply.status_code == 400
            assert "Lomake oli vanhentunut" in reply.get_data(as_text=True)
        assert count_responses(db) == 2
    app.extensions["surveyapp.db"].kw["bind"].dispose()
