"""Task guides: every coordinator page, found from the app's routes, links to the guide of its task,
and every guide linked opens in Finnish, Swedish and English. A group leader's pages link to the
group-session guide. A new coordinator page fails here until web/guides.py names its guide."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from surveyapp.core import group_sessions, people, topics, waves
from surveyapp.web.guides import GUIDES, PAGE_GUIDES
from tests.helpers import (
    add_coordinator,
    close_kiosk,
    kiosk_leader,
    log_in,
    make_collection,
    make_kiosk,
    make_organisation,
    text_of,
)
from tests.helpers.routes import coordinator_pages
from tests.helpers.xlsforms import store_one_of_each

GUIDE_LINK = re.compile(r'href="(/ohjeet/[^"?]*)"')


@pytest.fixture
def pages(app, db):
    """(endpoint, path) of every coordinator GET page, with a survey, session, theme to show."""
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
    uploaded = store_one_of_each(db, collection.project)
    db.commit()
    values = {
        "slug": "testi",
        "organisation": "testiyhdistys",
        "project": "valpas",
        "instrument_id": "session_feedback",
        "session_id": group.id,
        "topic_id": topic.id,
        "section": "privacy",
        "version": uploaded.version,
        "uploaded_id": uploaded.instrument_id,
    }
    return coordinator_pages(app, values)


def guide_links(html: str, what: str = "") -> list[str]:
    links = list(dict.fromkeys(GUIDE_LINK.findall(html)))
    assert links, f"{what}: no guide links"
    return links


def test_every_coordinator_page_links_to_the_guide_of_its_task(client, coordinator, pages):
    assert len(pages) >= 20
    opened = {}
    for endpoint, path in pages:
        assert endpoint in PAGE_GUIDES, f"{endpoint}: name its guide in web/guides.py"
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        links = guide_links(response.get_data(as_text=True), endpoint)
        assert links == [f"/ohjeet/{name}" for name in PAGE_GUIDES[endpoint]], endpoint
        for link in links:
            opened.setdefault(link, set()).add(endpoint)
    # Every guide is some page's, and every one linked opens, with its title, in each language.
    assert set(opened) == {f"/ohjeet/{name}" for name in GUIDES}
    for name in GUIDES:
        for lang, title in (("en", str(GUIDES[name])), ("fi", None), ("sv", None)):
            page = client.get(f"/ohjeet/{name}?lang={lang}")
            assert page.status_code == 200
            heading = re.search(r"<h1>(.*?)</h1>", page.get_data(as_text=True))[1]
            assert heading and (title is None or heading == title), (name, lang)
    client.get("/ohjeet/?lang=en")


def test_the_guides_are_in_finnish_and_swedish(client):
    fi = text_of(client.get("/ohjeet/ryhmakerta?lang=fi").get_data(as_text=True))
    assert "Vedä ryhmäkerta tabletilla" in fi
    assert "Avaa kyselyn sivulla Ryhmäkerrat ja tablettitila ja valitse Uusi ryhmäkerta." in fi
    sv = text_of(client.get("/ohjeet/ryhmakerta?lang=sv").get_data(as_text=True))
    assert "Led en gruppträff med en pekplatta" in sv
    index = text_of(client.get("/ohjeet/?lang=sv").get_data(as_text=True))
    assert "Vad skyddet av små grupper betyder" in index


def test_the_protection_guide_states_the_configured_limits(app, client):
    app.config.update(MIN_CELL=7, SESSION_MIN_N=4)
    text = unescape(text_of(client.get("/ohjeet/pienet-ryhmat?lang=en").get_data(as_text=True)))
    assert "The results never show a group of fewer than 7 answers." in text
    assert "A survey with fewer than 7 answers in all shows only “< 7”." in text
    assert "A group session's feedback is shown from 4 answers up." in text


def test_a_group_leaders_pages_link_to_the_session_guide(app, client, db):
    collection = make_collection(db, "session_feedback")
    leader = add_coordinator(db, "ryhma@example.fi", role="coordinator")
    people.give_role(db, leader, collection.project, "group_leader")
    db.commit()
    assert log_in(client, "ryhma@example.fi").status_code == 302
    new = client.get("/coordinate/c/testi/sessions/new")
    assert guide_links(new.get_data(as_text=True)) == ["/ohjeet/ryhmakerta"]
    assert "/ohjeet/ryhmakerta" in guide_links(client.get("/coordinate/").get_data(as_text=True))


def test_an_unknown_guide_is_not_found(client):
    assert client.get("/ohjeet/ei-ole").status_code == 404


def test_the_tablets_leader_pages_link_to_their_guides(app, client, db):
    """Every leader page of the tablet (the routes of web/kiosk/leader_views.py), reached as a
    group leader does: the PIN page, the session's page behind the PIN, its feedback once closed."""
    leader_pages = sorted(
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if app.view_functions[rule.endpoint].__module__ == "surveyapp.web.kiosk.leader_views"
        and "GET" in rule.methods
    )
    assert leader_pages == ["kiosk.close", "kiosk.leave", "kiosk.review"]
    token = make_kiosk(db).kiosk_token
    shown = {"kiosk.leave": client.get(f"/kiosk/{token}/lopeta")}
    assert kiosk_leader(client, token).status_code == 303
    shown["kiosk.close"] = client.get(f"/kiosk/{token}/sulje")
    assert close_kiosk(client, token).status_code == 303
    shown["kiosk.review"] = client.get(f"/kiosk/{token}/yhteenveto")
    for endpoint in leader_pages:
        assert endpoint in PAGE_GUIDES, f"{endpoint}: name its guide in web/guides.py"
        assert shown[endpoint].status_code == 200, endpoint
        links = guide_links(shown[endpoint].get_data(as_text=True), endpoint)
        assert links == [f"/ohjeet/{name}" for name in PAGE_GUIDES[endpoint]], endpoint
