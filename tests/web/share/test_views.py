"""A share link's pages, read without an account: exactly the protected results and the PDF report,
private headers, no cookie, and one and the same page for an unknown, an expired and a revoked link."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from surveyapp.core import responses
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import ShareLink
from tests.helpers import (
    helsinki_today,
    make_collection,
    make_share_link,
    page_csrf,
    pdf_text,
    shipped_instruments,
)

PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
# Muhos 6 answers and Utajärvi 2: Utajärvi is under the limit and shown only inside "others combined".
ANSWERS = [("muhos", g, f"Muhos {g}") for g in (5, 6, 7, 8, 9, 10)] + [
    ("utajarvi", 4, "Utajärvi yksi"),
    ("utajarvi", 10, "Utajärvi kaksi"),
]


@pytest.fixture
def shared(app, db, client, coordinator):
    """Collection "testi" with ANSWERS and a share link to it, made by the logged-in ``client``."""
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    for place, grade, comment in ANSWERS:
        responses.submit(
            db,
            collection=collection,
            instrument=shipped_instruments()["session_feedback"],
            answers=[
                AnswerValue("arvosana", grade=grade),
                AnswerValue("vapaa_palaute", text=comment),
            ],
            channel="web",
            municipality_code=place,
            day=dt.date(2026, 3, 2),
            precision="week",
            key=None,
        )
    db.commit()
    return make_share_link(client, "testi")


def main_of(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def test_the_shared_page_is_the_protected_results_page(app, client, shared):
    reader = app.test_client()
    for query in ("", "?municipality=muhos", "?municipality=muut", "?year=2026", "?channel=web"):
        own = client.get(f"/coordinate/c/testi/results{query}").get_data(as_text=True)
        page = reader.get(f"{shared}{query}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        # The same main content, figure for figure.
        assert main_of(html) == main_of(own)
        assert 'data-group="utajarvi"' not in html and 'value="utajarvi"' not in html
    assert "Muhos 7" in html
    # Nothing of the coordinators' pages: no navigation, no login, no form that posts.
    assert not re.search(r'href="/(coordinate|auth)', html)
    assert 'method="post"' not in html and "csrf_token" not in html
    assert f'href="{shared}/raportti.pdf"' in html


def test_the_shared_report_is_the_coordinators_report(app, client, shared):
    own = client.get("/coordinate/c/testi/raportti.pdf")
    read = app.test_client().get(f"{shared}/raportti.pdf")
    assert (read.status_code, read.mimetype) == (200, "application/pdf")
    assert pdf_text(read.data) == pdf_text(own.data)
    assert "Muhos 7" in pdf_text(read.data)


def test_nothing_else_of_the_collection_is_reachable(app, shared):
    reader = app.test_client()
    token = shared.removeprefix("/tulokset/")
    for path in (
        f"{shared}/vastaukset.csv",
        f"{shared}/vastaukset.xlsx",
        f"{shared}/koodikirja.csv",
        f"{shared}/sessions",
        f"{shared}/results",
        f"/coordinate/c/testi/results?token={token}",
        "/coordinate/c/testi/raportti.pdf",
    ):
        with reader.get(path) as response:
            assert response.status_code in (302, 404), path
            assert "Muhos 7" not in response.get_data(as_text=True)


def test_private_headers_and_no_cookie(app, shared):
    reader = app.test_client()
    for path in (shared, f"{shared}?lang=sv", f"{shared}/raportti.pdf", "/tulokset/tuntematon"):
        response = reader.get(path)
        for name, value in PRIVATE.items():
            assert response.headers[name] == value, (path, name)
        assert "Set-Cookie" not in response.headers, path
    assert reader.get_cookie("session") is None


def test_the_readers_language_is_the_pages_own(app, shared):
    reader = app.test_client()
    swedish = reader.get(f"{shared}?lang=sv").get_data(as_text=True)
    assert '<html lang="sv">' in swedish and "Resultat" in swedish
    # The filter form and the report link keep it; nothing remembers it.
    assert '<input type="hidden" name="lang" value="sv">' in swedish
    assert f'href="{shared}/raportti.pdf?lang=sv"' in swedish
    assert '<html lang="fi">' in reader.get(shared).get_data(as_text=True)
    english = reader.get(shared, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in english


def dead_link_pages(app, client, db, shared, monkeypatch) -> dict[str, object]:
    """The responses to an unknown, an expired and a revoked link (and a well-formed unknown one)."""
    expired = make_share_link(client, "testi", "Vanha", helsinki_today().isoformat())
    revoked = make_share_link(client, "testi", "Peruttu")
    link_id = db.scalar(select(ShareLink.id).where(ShareLink.label == "Peruttu"))
    client.post(
        f"/coordinate/c/testi/share/{link_id}/revoke",
        data={"csrf_token": page_csrf(client, "/coordinate/c/testi")},
    )
    later = helsinki_today() + dt.timedelta(days=2)
    monkeypatch.setattr("surveyapp.web.submissions.today", lambda: later)
    return {
        "unknown": "/tulokset/" + "A" * 43,
        "garbage": "/tulokset/x",
        "expired": expired,
        "revoked": revoked,
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_unknown_expired_and_revoked_look_the_same(app, client, db, shared, monkeypatch, language):
    paths = dead_link_pages(app, client, db, shared, monkeypatch)
    reader = app.test_client()
    seen = set()
    for what, path in paths.items():
        for suffix in ("", "/raportti.pdf"):
            response = reader.get(path + suffix, headers={"Accept-Language": language})
            assert response.status_code == 404, (what, suffix)
            body = response.get_data(as_text=True).replace(path + suffix, "PATH")
            headers = sorted((k, v) for k, v in response.headers.items() if k != "Content-Length")
            seen.add((body, tuple(headers)))
    assert len(seen) == 1
    body = seen.pop()[0]
    assert f'<html lang="{language}">' in body
    expected = {
        "fi": "Tällä linkillä ei pääse tuloksiin",
        "sv": "Den här länken öppnar inga resultat",
        "en": "This link does not open any results",
    }[language]
    assert expected in body
    assert client.get(shared).status_code == 200  # a link that has not ended still works


@pytest.mark.parametrize(
    "token",
    ["%00", "a%00b", "ä" * 50, "x" * 5000, "..", "%2e%2e", "plotly", "-", "A" * 43 + "="],
)
def test_odd_tokens_are_not_found(app, shared, token):
    with app.test_client().get(f"/tulokset/{token}") as response:
        assert response.status_code == 404
