"""Where am I: a coordinator page's tab title names the page, then its survey and project, and the
breadcrumbs above its heading lead back to the survey and the list of surveys."""

from __future__ import annotations

import re

import pytest

from surveyapp.core import demo
from tests.helpers import make_collection

SURVEY = "VALPAS: palaute ryhmäkerroista"


@pytest.fixture
def valpas(app, db):
    demo.load(db, app.extensions["surveyapp.instruments"])
    db.commit()


def title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def crumbs(html: str) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav, re.S)
    ]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/coordinate/c/valpas-ryhmakerrat/results", "Tulokset"),
        ("/coordinate/c/valpas-ryhmakerrat/settings", "Asetukset"),
        ("/coordinate/c/valpas-ryhmakerrat/paper", "Paperilomakkeen syöttö"),
        ("/coordinate/c/valpas-ryhmakerrat/sessions", "Ryhmäkerrat"),
    ],
)
def test_page_title_names_the_page_then_survey_then_project(
    client, coordinator, valpas, path, page
):
    with client.get(path) as response:
        html = response.get_data(as_text=True)
    assert title(html) == f"{page} – {SURVEY} – VALPAS – surveyapp"
    assert crumbs(html) == ["Kyselyt", "VALPAS", SURVEY]
    nav = re.search(r'<nav class="breadcrumbs[^"]*".*?</nav>', html, re.S).group(0)
    assert f'<a href="/coordinate/c/valpas-ryhmakerrat">{SURVEY}</a>' in nav
    assert 'aria-current="page"' not in nav


def test_the_survey_page_is_the_current_crumb(client, coordinator, valpas):
    with client.get("/coordinate/c/valpas-ryhmakerrat") as response:
        html = response.get_data(as_text=True)
    assert title(html) == f"{SURVEY} – VALPAS – surveyapp"
    assert crumbs(html) == ["Kyselyt", "VALPAS", SURVEY]
    assert f'<span aria-current="page">{SURVEY}</span>' in html


def test_pages_outside_a_survey_have_no_crumbs(client, coordinator, valpas):
    with client.get("/coordinate/") as response:
        html = response.get_data(as_text=True)
    assert title(html) == "Kyselyt – surveyapp"
    assert 'class="breadcrumbs' not in html


def test_a_new_coordinator_is_told_what_to_do_first(client, coordinator):
    with client.get("/coordinate/") as response:
        html = response.get_data(as_text=True)
    assert "Ei vielä kyselyjä" in html
    assert "Alle 5 vastauksen ryhmiä ei näytetä koskaan." in html


def test_a_survey_without_answers_says_how_to_collect_them(client, coordinator, db):
    make_collection(db, "session_feedback", municipalities=("muhos",))
    db.commit()
    with client.get("/coordinate/c/testi") as response:
        html = response.get_data(as_text=True)
    steps = re.search(r'<section class="first-steps".*?</section>', html, re.S).group(0)
    assert re.findall(r'<a href="(#\w+)"', steps) == ["#address", "#paper", "#sessions"]
    for anchor in ("address", "paper", "sessions"):
        assert f'id="{anchor}"' in html


def test_a_survey_with_answers_has_no_first_steps(client, coordinator, valpas):
    with client.get("/coordinate/c/valpas-ryhmakerrat") as response:
        assert 'class="first-steps"' not in response.get_data(as_text=True)


def test_a_new_project_without_surveys_says_what_to_do_next(client, coordinator, db):
    from surveyapp.core.models import Project

    make_collection(db, "session_feedback")  # another project's survey
    db.add(Project(slug="uusi-hanke", name="Uusi hanke"))
    db.commit()
    with client.get("/coordinate/?project=uusi-hanke") as response:
        html = response.get_data(as_text=True)
    assert title(html) == "Kyselyt – Uusi hanke – surveyapp"
    steps = re.search(r'<section class="first-steps".*?</section>', html, re.S).group(0)
    assert "Ei vielä kyselyjä" in steps and "Uusi kysely" in steps  # “New survey” named
    assert '<a class="button" href="/coordinate/c/new">Uusi kysely</a>' in html
    assert "Testi testi" not in html


def first_steps(html: str) -> str:
    return re.search(r'<section class="first-steps".*?</section>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("access", "ways"),
    [
        ("open", ["#address", "#paper", "#sessions"]),
        ("codes", ["#codes", "#paper", "#sessions"]),
        ("paper", ["#paper", "#sessions"]),
    ],
)
def test_every_way_to_collect_answers_is_offered_until_the_first(
    client, coordinator, db, access, ways
):
    collection = make_collection(db, "session_feedback", municipalities=("muhos",))
    collection.access = access
    db.commit()
    with client.get("/coordinate/c/testi") as response:
        html = response.get_data(as_text=True)
    steps = first_steps(html)
    assert re.findall(r'<a href="(#\w+)"', steps) == ways
    # The other ways (a link and its QR code, or access codes) are a setting away.
    assert '<a href="/coordinate/c/testi/settings">' in steps
    if access == "open":  # the link and its QR code, to show or download
        address = html[html.index('id="address"') : html.index('id="paper"')]
        assert "<svg" in address and "http://localhost/c/testi" in address
        assert 'href="/coordinate/c/testi/qr.svg"' in address
    if access == "codes":
        assert 'action="/coordinate/c/testi/codes"' in html
    assert 'href="/coordinate/c/testi/lomake.pdf' in html  # paper forms to print
    assert 'href="/coordinate/c/testi/sessions"' in html  # group sessions and kiosk mode


def test_the_comparison_print_names_the_survey_in_the_print_language(client, coordinator, db):
    from surveyapp.core import responses
    from surveyapp.core.instruments.answers import AnswerValue
    from tests.helpers import pdf_text, shipped_instruments
    from tests.helpers.rounds import INSTRUMENT, WAVES, rows

    collection = make_collection(db, INSTRUMENT, municipalities=(), audience="partners")
    collection.title_sv = "Samarbetsenkät på svenska"
    for year in (2015, 2016):
        for answers in rows(year):
            responses.submit(
                db,
                collection=collection,
                instrument=shipped_instruments()[INSTRUMENT],
                answers=[AnswerValue(code, choice_code=o) for code, o in answers.items()],
                channel="paper",
                municipality_code=None,
                day=WAVES[year][1],
                precision="month",
                key=None,
            )
    db.commit()
    swedish = re.sub(
        r"\s+", " ", pdf_text(client.get("/coordinate/c/testi/vertailu.pdf?lang=sv").data)
    )
    assert "Samarbetsenkät på svenska" in swedish and "Testi testi" not in swedish
    finnish = re.sub(
        r"\s+", " ", pdf_text(client.get("/coordinate/c/testi/vertailu.pdf?lang=fi").data)
    )
    assert "Testi testi" in finnish and "Samarbetsenkät på svenska" not in finnish


def test_every_page_of_a_survey_is_titled_page_survey_project(app, client, coordinator, db):
    """Found from the routes: each page of a survey (and of its group session) names itself first."""
    import datetime as dt

    from surveyapp.core import group_sessions, topics, waves
    from tests.helpers import make_organisation
    from tests.helpers.routes import coordinator_pages

    collection = make_collection(db, "session_feedback")
    make_organisation(db)
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Ryhmä",
        municipality_code="muhos",
        held_on=dt.date(2026, 11, 24),
        pin="1234",
    )
    topic = topics.create(db, collection, topics.Texts(name="Ilmapiiri"))
    waves.declare(db, collection, "Sarja", "alku")
    db.commit()
    values = {
        "slug": "testi",
        "organisation": "testiyhdistys",
        "project": "valpas",
        "instrument_id": "session_feedback",
        "session_id": group.id,
        "topic_id": topic.id,
        "section": "privacy",
        "version": 1,
        "uploaded_id": "none",
    }
    survey_pages = [
        (endpoint, path)
        for endpoint, path in coordinator_pages(app, values)
        if path.startswith(("/coordinate/c/testi", "/coordinate/sessions/"))
    ]
    assert len(survey_pages) >= 15
    wrong = []
    for endpoint, path in survey_pages:
        with client.get(path) as response:
            assert response.status_code == 200, path
            shown = title(response.get_data(as_text=True))
        page, _, rest = shown.partition(" – ")
        if endpoint == "coordinate.collection":
            right = shown == "Testi testi – VALPAS – surveyapp"
        else:
            right = page != "Testi testi" and rest == "Testi testi – VALPAS – surveyapp"
        if not right:
            wrong.append(f"{path}: {shown}")
    assert not wrong, "\n".join(wrong)
