"""A coordinator is confined to their own projects: every page, export, PDF and JSON of another
project is 404, as if it did not exist. The routes are read from the app's url_map, so a new route
fails here until it is classified."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from surveyapp.core import group_sessions, responses, share_links, topics, waves
from surveyapp.core.instruments.answers import AnswerValue
from surveyapp.core.models import Collection, Project
from surveyapp.core.users import create_user
from tests.helpers import (
    PASSWORD,
    csrf_token,
    helsinki_today,
    log_in,
    make_collection,
    make_organisation,
    shipped_instruments,
    xlsforms,
)

INSTRUMENTS = shipped_instruments()

# Routes that show one project's data: each must be 404 with another project's object in the address.
PROJECT_SCOPED = {
    "coordinate.collection",
    "coordinate.collection_pdf",
    "coordinate.paper_entry",
    "coordinate.report_pdf",
    "coordinate.collection_results",
    "coordinate.session_history",
    "coordinate.new_session",
    "coordinate.export_csv",
    "coordinate.export_xlsx",
    "coordinate.export_codebook",
    "coordinate.group_session",
    "organisations.edit",
    "organisations.section",
    "coordinate.collection_settings",
    "coordinate.preview",
    "coordinate.generate_codes",
    "coordinate.codes_pdf",
    "coordinate.codes_csv",
    "coordinate.qr_download",
    "projects.edit",
    "people.index",
    "people.remove",
    "people.withdraw",
    "coordinate.topic_overview",
    "coordinate.new_topic",
    "coordinate.edit_topic",
    "coordinate.delete_topic",
    "coordinate.tag_answers",
    "coordinate.new_share_link",
    "coordinate.revoke_share_link",
    "coordinate.compare",
    "coordinate.compare_pdf",
    "coordinate.compare_json",
    "coordinate.series",
    "coordinate.change",
    "coordinate.change_pdf",
    "coordinate.change_json",
    "coordinate.pairing_cards",
    "coordinate.export_pairs",
    "coordinate.instrument_version",
    "coordinate.instrument_version_pdf",
    "coordinate.instrument_version_kiosk",
    "coordinate.publish_instrument",
    "coordinate.delete_instrument_version",
    "coordinate.download_instrument_version",
}
# Routes with no project's data, each with the reason it is outside this test.
NOT_PROJECT_SCOPED = {
    "coordinate.index": "lists only the user's own collections (checked below)",
    "coordinate.new_collection": "offers and accepts only the user's own projects (checked below)",
    "coordinate.old_new_collection_address": "redirects to new_collection (its address before)",
    "coordinate.instrument_results": "counts only the user's own collections (checked below)",
    "coordinate.instrument_pdf": "a blank form, no answers; an upload only in its organisation",
    "coordinate.instrument_library": "shipped forms and the user's organisation's uploads",
    "coordinate.upload_too_large": "no data: the upload page's message for a file nginx refused",
    "coordinate.download_shipped_instrument": "a shipped form, no answers",
    "organisations.index": "lists only organisations the user may edit",
    "organisations.new": "administrators only (403 for coordinators)",
    "projects.index": "lists only the projects the user coordinates",
    "projects.new": "administrators only (403 for coordinators)",
    "invitations.accept": "public: the one-time link's token is the capability",
    "setup.setup": "public only while there are no accounts, then 404",
    "auth.login": "public",
    "auth.logout": "public",
    "respond.index": "public",
    "respond.form": "public form",
    "respond.series_link": "public: a code card's link, redirects to an open wave's public form",
    "respond.thanks": "public",
    "respond.topic_page": "public only when its coordinators publish it (checked below)",
    "info.statement": "public",
    "info.privacy": "public",
    "info.logo": "public",
    "info.theme": "public",
    "info.statement_default": "public",
    "info.privacy_default": "public",
    "info.theme_default": "public",
    "health.health": "public",
    "guides.index": "public: the list of task guides, no data",
    "guides.guide": "public: a task guide, no data",
    "static": "public",
    "too_large": "public",
    # The tablet's address is the capability; its leader pages need the PIN (checked below).
    "kiosk.form": "tablet address",
    "kiosk.api": "tablet address",
    "kiosk.thanks": "tablet address",
    "kiosk.leave": "tablet address",
    "kiosk.close": "leader only",
    "kiosk.review": "leader only",
    # A share link's token is the capability (checked below and in tests/web/share/): no account at all.
    "share.results": "share link",
    "share.report": "share link",
}


@pytest.fixture
def two_projects(client, db):
    """Project B ("valpas", its organisation, a collection with 6 answers and a group session) and a
    coordinator of project A (one collection of the same instrument, 5 answers), logged in."""
    theirs = make_collection(db, "session_feedback", slug="vieras")
    make_organisation(db, "vieras-org", projects=("valpas",))
    own = make_collection(db, "session_feedback", slug="oma")
    own.project = Project(slug="oma", name="Oma hanke")
    for collection, grade, n in ((theirs, 4, 6), (own, 9, 5)):
        for _ in range(n):
            responses.submit(
                db,
                collection=collection,
                instrument=INSTRUMENTS["session_feedback"],
                answers=[AnswerValue("arvosana", grade=grade)],
                channel="web",
                municipality_code="muhos",
                day=dt.date(2026, 3, 2),
                precision="week",
                key=None,
            )
    group = group_sessions.create(
        db,
        collection=theirs,
        group_name="Vieras ryhmä",
        municipality_code="muhos",
        held_on=dt.date(2026, 3, 2),
        pin="1234",
    )
    link, share_token = share_links.create(
        db,
        theirs,
        label="Vieras ohjausryhmä",
        expires_on=helsinki_today(),
        today=helsinki_today(),
    )
    user = create_user(
        db, email="oma@example.fi", name="Oma", password=PASSWORD, role="coordinator"
    )
    user.projects.append(own.project)
    theirs_user = create_user(
        db, email="vieras@example.fi", name="Vieras", password=PASSWORD, role="coordinator"
    )
    theirs_user.projects.append(theirs.project)
    topic = topics.create(db, theirs, topics.Texts(name="Vieras teema"))
    waves.declare(db, theirs, "Vieras sarja", "alku")
    xlsforms.store_one_of_each(db, theirs.project, theirs_user)
    db.commit()
    assert log_in(client, "oma@example.fi").status_code == 302
    return {
        "slug": "vieras",
        "session_id": group.id,
        "token": group.kiosk_token,
        "user_id": theirs_user.id,
        "topic_id": topic.id,
        "link_id": link.id,
        "share_token": share_token,
    }


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == PROJECT_SCOPED | set(NOT_PROJECT_SCOPED)
    assert not PROJECT_SCOPED & set(NOT_PROJECT_SCOPED)


def test_another_projects_pages_are_not_found(app, client, two_projects):
    arguments = {
        "slug": two_projects["slug"],
        "session_id": two_projects["session_id"],
        "batch": 1,
        "user_id": two_projects["user_id"],
        "topic_id": two_projects["topic_id"],
        "link_id": two_projects["link_id"],
        "section": "privacy",
        "instrument_id": "oma_lomake",
        "version": 1,
        "kind": "xlsx",
    }
    token = csrf_token(client.get("/coordinate/").get_data(as_text=True))
    checked = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in PROJECT_SCOPED:
            continue
        values = {name: arguments[name] for name in rule.arguments}
        if rule.endpoint == "organisations.edit":
            values = {"slug": "vieras-org"}
        if rule.endpoint == "organisations.section":
            values = {"slug": "vieras-org", "section": "privacy"}
        if rule.endpoint.startswith(("projects.", "people.")):
            values["slug"] = "valpas"  # the project's own short name
        path = rule.build(values)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            with client.open(
                path, method=method, data={"csrf_token": token} if method == "POST" else None
            ) as response:
                assert response.status_code == 404, (method, path, response.status_code)
                assert "Vieras" not in response.get_data(as_text=True)
            checked.append((method, path))
    # + people (6), the five themes pages (GET and POST), share links (3), comparisons (3), an
    # organisation's settings step (GET and POST), measurement series (its page GET and POST, the
    # change report, its PDF and JSON, code cards, paired export), uploaded forms (5, and a
    # draft's deletion: its question and its post); − 1: the organisation's overview is GET only
    # now that its settings are saved in the steps
    assert len(checked) == 23 + 6 + 10 + 3 + 3 + 2 + 7 + 5 + 2 - 1
    # Their own collection's pages work (the 404s are not just a broken login).
    assert client.get("/coordinate/c/oma/results").status_code == 200


def test_lists_and_cross_collection_results_hold_only_own_data(client, two_projects):
    index = client.get("/coordinate/").get_data(as_text=True)
    assert "Testi oma" in index and "Testi vieras" not in index
    html = client.get("/coordinate/instruments/session_feedback/results").get_data(as_text=True)
    assert re.findall(r'data-total="([^"]+)"', html) == ["5"]
    assert "Testiyhdistys ry" not in client.get("/coordinate/organisations/").get_data(as_text=True)
    assert client.get("/coordinate/organisations/new").status_code == 403


def test_a_themes_page_is_public_only_when_published(client, db, two_projects):
    collection = db.scalar(select(Collection).where(Collection.slug == "vieras"))
    assert client.get("/c/vieras/palaute").status_code == 404
    topics.publish(db, collection, public=False, kiosk=True)
    db.commit()
    assert client.get("/c/vieras/palaute").status_code == 404  # on the tablets only
    topics.publish(db, collection, public=True, kiosk=False)
    db.commit()
    assert "Vieras teema" in client.get("/c/vieras/palaute").get_data(as_text=True)


def test_another_projects_tablet_leader_pages_need_the_pin(client, two_projects):
    token = two_projects["token"]
    for path in (f"/kiosk/{token}/sulje", f"/kiosk/{token}/yhteenveto"):
        with client.get(path) as response:
            assert (response.status_code, response.headers["Location"]) == (
                302,
                f"/kiosk/{token}/lopeta",
            )


def test_a_share_link_opens_its_results_alone_and_a_login_adds_nothing(app, client, two_projects):
    """The token is the capability: it opens that collection's results and report for anyone, and a
    coordinator's login (of another project here) neither adds nor takes away anything."""
    path = f"/tulokset/{two_projects['share_token']}"
    anonymous = app.test_client()
    for suffix in ("", "?municipality=muhos"):
        page = client.get(path + suffix).get_data(as_text=True)
        assert page == anonymous.get(path + suffix).get_data(as_text=True)
        assert re.findall(r'data-total="([^"]+)"', page) == ["6"]
        assert "/coordinate/" not in page and "Oma" not in page
    assert client.get(f"{path}/raportti.pdf").status_code == 200
    assert client.get(f"{path}/vastaukset.csv").status_code == 404


def test_a_collection_cannot_be_made_in_another_project(client, db, two_projects):
    page = client.get("/coordinate/c/new").get_data(as_text=True)
    theirs = db.scalar(select(Project.id).where(Project.slug == "valpas"))
    assert theirs not in page
    token = csrf_token(page)
    response = client.post(
        "/coordinate/c/new",
        data={
            "csrf_token": token,
            "project": theirs,
            "title": "Vieras kierros",
            "slug": "vieras-kierros",
            "instrument": "session_feedback",
            "audience": "partners",
            "access": "open",
        },
    )
    assert response.status_code == 422
    assert "vieras-kierros" not in db.scalars(select(Collection.slug)).all()


def test_a_comparison_offers_and_accepts_only_own_collections(client, db, two_projects):
    """Another project's collection of the same form is not offered; asked for by its address, it
    is refused with the same message as an unknown one, on the page, the PDF and the JSON."""
    page = client.get("/coordinate/c/oma/compare").get_data(as_text=True)
    assert 'value="vieras"' not in page and "Testi vieras" not in page
    assert "Hankkeissasi ei ole muita" in page
    message = "”X” ei ole tämän lomakkeen kysely hankkeissasi. Valitse luettelosta."
    for path in ("compare", "vertailu.pdf", "vertailu.json"):
        refused = {}
        for other in ("vieras", "ei-ole-olemassa"):
            with client.get(f"/coordinate/c/oma/{path}?by=rounds&other={other}") as response:
                assert response.status_code == 422, (path, other)
                if path.endswith(".json"):
                    text = "\n".join(response.get_json()["errors"]).replace(other, "X")
                else:
                    text = response.get_data(as_text=True)
                    # The same page but for the asked-for address (echoed in the message and links).
                    for echoed in (f"{other}\u201d", f"={other}"):
                        text = text.replace(echoed, echoed.replace(other, "X"))
                    # A CSRF token is signed with the second it was made in (the log-out form).
                    text = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', text)
                assert "Testi vieras" not in text and "Vieras" not in text
                refused[other] = text
        assert refused["vieras"] == refused["ei-ole-olemassa"], path
        assert message in refused["vieras"], path
