"""Every coordinator page at 320, 390, 1024 and 1440 px: no sideways scrolling of the page, every control
at least 44×44 px, and axe finds nothing (WCAG 2.1 AA) at a phone's and a desktop's width.

The pages are found from the app's routes, so a new coordinator page is checked (or this test says
which argument it needs) without anyone remembering to add it. `make screenshots` keeps a
full-page screenshot of each at 390 and 1440 px in test-artifacts/screenshots/coordinator/.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import select

from surveyapp.core import demo, group_sessions, organisation_sections, topics, waves
from surveyapp.core.models import Collection, Organisation, Project
from surveyapp.web.guides import GUIDES
from tests.browser.conftest import SCREENSHOTS
from tests.browser.pages import assert_accessible, logged_in_page
from tests.helpers.routes import coordinator_pages
from tests.helpers.xlsforms import store_one_of_each

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "sivut@example.fi", "sivut-syksy-2026"
WIDTHS = (320, 390, 1024, 1440)
AXE_WIDTHS = (390, 1440)
MIN_TARGET = 44
COLLECTION = "valpas-ryhmakerrat"  # demo data: group sessions, answers, a municipality question
# Every control or link with its clickable box (a radio or checkbox through its label). Controls
# inside a table that scrolls in its own region are measured too; inline links in running text
# are exempt under WCAG 2.5.8's inline exception, and so not collected here.
TARGETS = """() => {
    const out = [];
    for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
        if (el.type === "hidden") continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        if (el.matches("a") && el.closest("p, figcaption")) continue;
        const box = (["radio", "checkbox"].includes(el.type) && el.closest("label")) || el;
        const r = box.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || r.right <= 0 || r.bottom <= 0) continue;
        out.push({what: el.outerHTML.slice(0, 140), width: r.width, height: r.height});
    }
    return out;
}"""


@pytest.fixture(scope="module")
def demo_data(live_app):
    with live_app.extensions["surveyapp.db"]() as db:
        demo.load(db, live_app.extensions["surveyapp.instruments"])
        db.commit()
        organisation = db.scalars(select(Organisation.slug).order_by(Organisation.slug)).first()
        collection = db.scalars(select(Collection).where(Collection.slug == COLLECTION)).one()
        group_session = group_sessions.create(
            db,
            collection=collection,
            group_name="Voimavararyhmä",
            municipality_code=collection.municipalities[0].code,
            held_on=dt.date(2026, 11, 24),
            pin="482913",
        )
        topic = topics.create(db, collection, topics.Texts(name="Ryhmän ilmapiiri"))
        waves.declare(db, collection, "Ryhmäkerrat", "alku")
        # Its own form id: the browser tests share one database, and the upload test uploads
        # oma_lomake as a first version.
        uploaded = store_one_of_each(db, collection.project, form_id="sivujen_lomake")
        db.commit()
        return {
            "slug": COLLECTION,
            "instrument_id": "session_feedback",
            "session_id": group_session.id,
            "token": group_session.kiosk_token,
            "organisation": organisation,
            "project": collection.project.slug,
            "topic_id": topic.id,
            "section": tuple(organisation_sections.SECTIONS),  # every step of the settings
            "uploaded_id": uploaded.instrument_id,
            "version": uploaded.version,
        }


def check(page, path: str, what: str, then=None, status: int = 200) -> list[str]:
    """This page at every width: what scrolls sideways or is too small; axe at two widths.
    ``then(page)``: what to do on the page first (a search, a refused form) for a state of it."""
    failures = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        if "text/html" not in response.headers.get("content-type", ""):
            return failures  # a PDF or JSON under a page-like address
        if then is not None:
            with page.expect_navigation() as navigation:
                then(page)
            assert navigation.value.status == status, f"{what}: {navigation.value.status}"
        if overflow(page) > 0:
            failures.append(f"{path} at {width} px scrolls sideways by {overflow(page)} px")
        small = [
            t for t in page.evaluate(TARGETS) if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET
        ]
        failures += [
            f"{path} at {width} px: {t['width']:.0f}×{t['height']:.0f} {t['what']}" for t in small
        ]
        if width in AXE_WIDTHS:
            assert_accessible(page, f"{what} at {width} px")
            if os.environ.get("SURVEYAPP_SCREENSHOTS"):
                folder = SCREENSHOTS / "coordinator"
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(folder / f"{what}-{width}.png"), full_page=True)
    return failures


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_every_coordinator_page_is_found(live_app, demo_data):
    endpoints = {endpoint for endpoint, _ in coordinator_pages(live_app, demo_data)}
    assert {
        "coordinate.index",
        "coordinate.collection",
        "coordinate.collection_results",
        "coordinate.paper_entry",
        "organisations.edit",
        "coordinate.series",
        "coordinate.change",
        "coordinate.instrument_library",
        "coordinate.instrument_version",
        "coordinate.instrument_version_kiosk",
        "people.index",
        "projects.index",
        "projects.edit",
        "organisations.new",
    } <= endpoints
    steps = [path for endpoint, path in coordinator_pages(live_app, demo_data)
             if endpoint == "organisations.section"]  # fmt: skip
    assert [path.rsplit("/", 1)[1] for path in steps] == sorted(organisation_sections.SECTIONS)


def test_every_coordinator_page_fits_and_passes_axe(new_page, live_app, demo_data):
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    failures = []
    for endpoint, path in coordinator_pages(live_app, demo_data):
        failures += check(page, path, endpoint.replace(".", "-"))
    assert not failures, "\n".join(failures)


def test_login_and_the_kiosk_leaders_pages_fit(new_page, demo_data):
    """The other pages with a password or PIN field: the login, the kiosk and its leader's PIN page."""
    page = new_page()
    token = demo_data["token"]
    failures = check(page, "/auth/login", "auth-login")
    failures += check(page, f"/kiosk/{token}", "kiosk-form")
    failures += check(page, f"/kiosk/{token}/yhteenveto", "kiosk-review")
    assert not failures, "\n".join(failures)


def test_the_guides_fit_and_pass_axe(new_page, live_app, demo_data):
    """The task guides every coordinator page links to."""
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    failures = check(page, "/ohjeet/", "guides-index")
    for name in GUIDES:
        failures += check(page, f"/ohjeet/{name}", f"guides-{name}")
    assert not failures, "\n".join(failures)


def search_municipalities(page) -> None:
    page.get_by_label("Etsi kunta").fill("oulu")
    page.get_by_role("button", name="Hae", exact=True).click()


def refuse_retention(page) -> None:
    page.get_by_label("Säilytysaika vuosina").fill("0")
    page.get_by_role("button", name="Tallenna").click()


def refuse_new_organisation(page) -> None:
    page.get_by_role("button", name="Luo organisaatio").click()


def test_states_of_pages_fit_and_pass_axe(new_page, live_app, demo_data):
    """States a form leads to: the municipality picker's search results, refused settings, a new
    project's empty list of surveys."""
    with live_app.extensions["surveyapp.db"]() as db:
        if db.scalar(select(Project).where(Project.slug == "tyhja-hanke")) is None:
            db.add(Project(slug="tyhja-hanke", name="Tyhjä hanke"))
            db.commit()
    page = logged_in_page(new_page, live_app, EMAIL, PASSWORD)
    organisation = demo_data["organisation"]
    failures = check(page, "/coordinate/c/new", "picker-search", search_municipalities)
    failures += check(
        page,
        f"/coordinate/organisations/{organisation}/privacy",
        "settings-step-refused",
        refuse_retention,
        status=422,
    )
    failures += check(
        page,
        "/coordinate/organisations/new",
        "new-organisation-refused",
        refuse_new_organisation,
        status=422,
    )
    failures += check(page, "/coordinate/?project=tyhja-hanke", "empty-project")
    assert not failures, "\n".join(failures)
