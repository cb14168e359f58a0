"""Every page links to the accessibility statement and the privacy notice of the organisation it belongs to."""

from __future__ import annotations

import datetime as dt
import re

from surveyapp.core import group_sessions
from tests.helpers import form_tokens, make_collection, make_organisation, submit

STATEMENT = '<li><a href="{}">Saavutettavuusseloste</a></li>'
NOTICE = '<li><a href="{}">Tietosuojaseloste</a></li>'


def footer_links(html: str) -> list[tuple[str, str]]:
    footer = re.search(r'<ul class="legal">.*?</ul>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)


def test_respondent_pages(client, db):
    make_collection(db, "session_feedback")
    make_organisation(db)
    own = [
        ("/o/testiyhdistys/saavutettavuusseloste", "Saavutettavuusseloste"),
        ("/o/testiyhdistys/tietosuojaseloste", "Tietosuojaseloste"),
    ]
    assert footer_links(client.get("/c/testi").get_data(as_text=True)) == own
    error = submit(client, "testi", {})
    assert error.status_code == 422 and footer_links(error.get_data(as_text=True)) == own
    submit(client, "testi", {"arvosana": "8"})
    assert footer_links(client.get("/c/testi/kiitos").get_data(as_text=True)) == own
    # Pages that belong to no collection use the service's organisation (here the only one).
    for path in ("/", "/auth/login", "/ei-ole"):
        assert footer_links(client.get(path).get_data(as_text=True)) == own, path


def test_pages_without_an_organisation_link_to_the_service_pages(client, db):
    make_collection(db, "session_feedback")
    for path in ("/", "/c/testi", "/ei-ole"):
        assert footer_links(client.get(path).get_data(as_text=True)) == [
            ("/saavutettavuusseloste", "Saavutettavuusseloste"),
            ("/tietosuojaseloste", "Tietosuojaseloste"),
        ]


def test_kiosk_pages_link_back_to_the_tablet_form(client, db):
    collection = make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    make_organisation(db)
    group = group_sessions.create(
        db,
        collection=collection,
        group_name="Voimavararyhmä",
        municipality_code="utajarvi",
        held_on=dt.date(2026, 3, 5),
        pin="2468",
    )
    db.commit()
    token = group.kiosk_token
    back = f"/kiosk/{token}"
    expected = [
        (f"/o/testiyhdistys/saavutettavuusseloste?back={back}", "Saavutettavuusseloste"),
        (f"/o/testiyhdistys/tietosuojaseloste?back={back}", "Tietosuojaseloste"),
    ]
    form = client.get(f"/kiosk/{token}").get_data(as_text=True)
    assert footer_links(form) == expected
    # The kiosk start screen has the short notice: a session's answers keep its municipality.
    assert (
        "Vastaaminen on vapaaehtoista. Tallennamme vastauksesi, kunnan ja tiedon siitä, minä viikkona "
        "vastasit. Emme kysy nimeäsi. Emme tallenna osoitettasi, IP-osoitettasi, laitteesi tietoja emmekä "
        "kellonaikaa."
    ) in form
    client.post(f"/kiosk/{token}", data={**form_tokens(form), "arvosana": "9"})
    assert footer_links(client.get(f"/kiosk/{token}/kiitos").get_data(as_text=True)) == expected
    leave = client.get(f"/kiosk/{token}/lopeta").get_data(as_text=True)
    assert footer_links(leave)[0] == (
        "/o/testiyhdistys/saavutettavuusseloste",
        "Saavutettavuusseloste",
    )
    statement = client.get(expected[0][0]).get_data(as_text=True)
    assert f'<p><a href="/kiosk/{token}">Takaisin lomakkeeseen</a></p>' in statement


def test_coordinator_pages(client, db, coordinator):
    make_collection(db, "session_feedback")
    make_organisation(db)
    for path in (
        "/coordinate/",
        "/coordinate/c/testi",
        "/coordinate/c/testi/paper",
        "/coordinate/organisations/",
        "/coordinate/organisations/testiyhdistys",
    ):
        links = footer_links(client.get(path).get_data(as_text=True))
        assert [text for _, text in links] == ["Saavutettavuusseloste", "Tietosuojaseloste"], path
        assert (
            links[0][0].startswith("/o/testiyhdistys/") or links[0][0] == "/saavutettavuusseloste"
        ), path
