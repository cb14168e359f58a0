"""Security headers on every response: a CSP without inline code, HSTS only over HTTPS, ProxyFix by setting."""

from __future__ import annotations

import re

import pytest

from surveyapp.web.security import CONTENT_SECURITY_POLICY
from tests.helpers import (
    csrf_token,
    helsinki_today,
    make_app,
    make_collection,
    make_organisation,
    shipped_instruments,
)

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
INLINE = re.compile(
    r"<style|\sstyle=|<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")|\son[a-z]+=", re.I
)


def assert_secure_headers(response):
    assert response.headers["Content-Security-Policy"] == EXPECTED_CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=(), browsing-topics=()"
    )


def test_policy_allows_nothing_inline():
    assert CONTENT_SECURITY_POLICY == EXPECTED_CSP
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_public_pages_have_the_headers_and_no_inline_code(client, db):
    make_collection(db, "session_feedback")
    make_organisation(db)
    for path in (
        "/",
        "/c/testi",
        "/auth/login",
        "/saavutettavuusseloste",
        "/o/testiyhdistys/tietosuojaseloste",
        "/c/testi/kiitos",
        "/ei-ole",
    ):
        with client.get(path) as response:
            assert_secure_headers(response)
            assert "Strict-Transport-Security" not in response.headers  # plain http in tests
            if response.mimetype == "text/html":
                assert INLINE.findall(response.get_data(as_text=True)) == [], path


def test_hsts_only_over_https(client):
    with client.get("/", base_url="https://kysely.example") as response:
        assert (
            response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
        )
    # Without a trusted proxy a forwarded scheme is ignored.
    with client.get("/", headers={"X-Forwarded-Proto": "https"}) as response:
        assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_behind_a_trusted_proxy_https_is_seen_and_the_client_address_is_not(database_url, tmp_path):
    app = make_app(database_url, tmp_path, PROXY_COUNT=1)
    seen = {}

    @app.get("/_seen")
    def _seen():
        from flask import request

        seen.update(scheme=request.scheme, host=request.host, remote=request.remote_addr)
        return "ok"

    with app.test_client() as client:
        with client.get(
            "/_seen",
            headers={
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "kysely.example",
                "X-Forwarded-For": "203.0.113.7",
            },
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        ) as response:
            assert (
                response.headers["Strict-Transport-Security"]
                == "max-age=63072000; includeSubDomains"
            )
    assert seen == {"scheme": "https", "host": "kysely.example", "remote": "10.0.0.2"}
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def test_theme_stylesheet_of_pages_without_an_organisation(client):
    page = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="stylesheet" href="(/theme\.css\?v=[0-9a-f]{12})">', page).group(1)
    with client.get(href) as theme:
        assert (theme.status_code, theme.mimetype) == (200, "text/css")
        assert theme.get_data(as_text=True) == (
            ":root{--brand:#00357a;--brand-text:#ffffff;--accent:#2a6ebb;--heading:#212121;--line:#5f686d}"
        )
        assert theme.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_every_post_needs_the_csrf_token_but_the_kiosk_api(app, client):
    """CSRF everywhere; the kiosk api is exempt by design (docs/deploy.md: the tablet's address is its authority)."""
    exempt = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        path = rule.build({name: "x" for name in rule.arguments})[1]
        with client.post(path, data={"a": "b"}) as response:
            if rule.endpoint == "kiosk.api":
                exempt.append(response.status_code)
                continue
            assert response.status_code == 400, path
            assert "Lomake oli vanhentunut" in response.get_data(as_text=True), path
    assert exempt == [404]  # reached the view: no such tablet


def test_kiosk_api_takes_only_json(client, db):
    """A cross-site page can send text/plain or a form without asking (no CORS preflight); neither is read."""

    from surveyapp.core import group_sessions
    from tests.helpers import count_responses

    collection = make_collection(db, "session_feedback")
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="R",
        municipality_code="muhos",
        held_on=helsinki_today(),
        pin="1234",
    )
    db.commit()
    body = '{"key": "cross-site-answer-0001", "answers": {"arvosana": "9"}}'
    for content_type in (
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ):
        with client.post(
            f"/kiosk/{group.kiosk_token}/api", data=body, content_type=content_type
        ) as response:
            assert (response.status_code, response.get_json()["status"]) == (400, "invalid")
    assert count_responses(db) == 0


def test_coordinator_and_kiosk_pages_have_no_inline_code(client, db, coordinator):
    import datetime as dt

    from surveyapp.core import group_sessions, responses
    from surveyapp.core.instruments.answers import AnswerValue

    collection = make_collection(db, "session_feedback")
    make_organisation(db)
    for grade in (4, 6, 8, 9, 10):
        responses.submit(
            db,
            collection=collection,
            instrument=shipped_instruments()["session_feedback"],
            answers=[AnswerValue("arvosana", grade=grade)],
            channel="web",
            municipality_code="muhos",
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="R",
        municipality_code="muhos",
        held_on=helsinki_today(),
        pin="1234",
    )
    db.commit()
    paths = [
        "/coordinate/",
        "/coordinate/c/testi",
        "/coordinate/c/testi/results",
        "/coordinate/c/testi/paper",
        "/coordinate/c/testi/sessions",
        "/coordinate/c/testi/sessions/new",
        f"/coordinate/sessions/{group.id}",
        "/coordinate/organisations/",
        "/coordinate/organisations/testiyhdistys",
        "/coordinate/organisations/new",
        "/coordinate/instruments/session_feedback/results",
        f"/kiosk/{group.kiosk_token}",
        f"/kiosk/{group.kiosk_token}/lopeta",
    ]
    for path in paths:
        with client.get(path) as response:
            assert response.status_code == 200, path
            assert_secure_headers(response)
            assert INLINE.findall(response.get_data(as_text=True)) == [], path
    # The tablet's leader pages open with the PIN only (a coordinator's login does not open them).
    kiosk = f"/kiosk/{group.kiosk_token}"
    csrf = csrf_token(client.get(f"{kiosk}/lopeta").get_data(as_text=True))
    client.post(f"{kiosk}/lopeta", data={"csrf_token": csrf, "pin": "1234"})
    for path, then in (
        (f"{kiosk}/sulje", {"csrf_token": csrf, "attendance": ""}),
        (f"{kiosk}/yhteenveto", None),
    ):
        with client.get(path) as response:
            assert response.status_code == 200, path
            assert_secure_headers(response)
            assert INLINE.findall(response.get_data(as_text=True)) == [], path
        if then:
            client.post(path, data=then)
    # The results page's charts are drawn by the server as SVG (no script, no inline style).
    results = client.get("/coordinate/c/testi/results").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"' in results
    assert "<script" not in results
