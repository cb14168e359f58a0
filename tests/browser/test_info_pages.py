"""The statement, the privacy notice, the organisation settings and the Swedish and plain-language forms in Chromium."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from surveyapp.core.models import Collection, Organisation
from surveyapp.core.themes import DEFAULT_THEME
from tests.browser.conftest import PHONE
from tests.browser.pages import BUDGET, assert_accessible, logged_in_page, origin, radio, send

pytestmark = pytest.mark.browser
EMAIL, PASSWORD = "asetukset@example.fi", "asetukset-2026-salasana"


@pytest.fixture
def organisation(live_app):
    """An organisation with every optional detail filled in, so every part of the pages is drawn."""
    with live_app.extensions["surveyapp.db"]() as db:
        if db.scalar(select(Organisation).where(Organisation.slug == "selainyhdistys")) is None:
            db.add(
                Organisation(
                    slug="selainyhdistys",
                    name="Selainyhdistys ry",
                    name_sv="Webbläsarföreningen rf",
                    business_id="1234567-1",
                    postal="PL 1\n90100 Oulu",
                    phone="040 123 4567",
                    email="tietosuoja@selainyhdistys.example",
                    website="https://selainyhdistys.example",
                    dpo_contact="Maija Malli, dpo@selainyhdistys.example",
                    legal_basis="public_task",
                    retention_years=3,
                    processor="Palvelintalo Oy",
                    a11y_feedback_email="saavutettavuus@selainyhdistys.example",
                    a11y_feedback_url="https://selainyhdistys.example/palaute",
                    a11y_prepared_on=dt.date(2026, 3, 7),
                    a11y_reviewed_on=dt.date(2026, 4, 2),
                    a11y_assessment="external",
                    a11y_assessor="Arvioija Oy",
                    changed_on=dt.date(2026, 4, 2),
                    **DEFAULT_THEME,
                )
            )
            db.commit()
    return "selainyhdistys"


@pytest.fixture
def admin_page(new_page, live_app):
    return logged_in_page(new_page, live_app, EMAIL, PASSWORD)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("which", ["saavutettavuusseloste", "tietosuojaseloste"])
def test_statement_and_notice_pass_axe(new_page, organisation, which, lang):
    page = new_page()
    page.goto(f"/o/{organisation}/{which}?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert_accessible(page, f"{which} in {lang}")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_statement_without_an_organisation_passes_axe(new_page):
    page = new_page()
    page.goto("/saavutettavuusseloste")
    assert_accessible(page, "the service's statement or its chooser")


def test_settings_page_and_its_error_state_pass_axe(admin_page, organisation):
    page = admin_page
    page.goto("/coordinate/organisations/")
    assert_accessible(page, "list of organisations")
    page.goto(f"/coordinate/organisations/{organisation}")
    assert_accessible(page, "organisation settings")
    # Each step is refused on its own: the feedback channel, then the theme's contrast.
    for step, fill, problem in (
        (
            "accessibility",
            {"#a11y_feedback_email": "", "#a11y_feedback_url": ""},
            "Anna saavutettavuuspalautteelle sähköpostiosoite tai verkkolomake: laki edellyttää, "
            "että palautetta voi antaa.",
        ),
        (
            "theme",
            {"#theme_brand": "#777777"},
            "Yläpalkin teksti yläpalkin taustalla: kontrasti on vain 4,47:1, mutta vaatimus on "
            "vähintään 4,5:1 (teksti). Valitse toinen väreistä tummemmaksi tai toinen vaaleammaksi.",
        ),
    ):
        page.goto(f"/coordinate/organisations/{organisation}/{step}")
        for selector, value in fill.items():
            page.locator(selector).fill(value)
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            page.get_by_role("button", name="Tallenna").click()
        page.wait_for_load_state("load")
        assert posted.value.status == 422
        summary = page.locator("#error-summary")
        assert summary.is_visible()
        assert summary.locator("a").all_inner_texts() == [problem]
        assert page.evaluate("document.activeElement.id") == "error-summary"
        assert_accessible(page, f"organisation settings step {step} with errors")
    page.goto("/coordinate/organisations/new")
    assert_accessible(page, "new organisation")


# The Swedish and plain-language versions of the session feedback form, and the partner survey in Swedish.
VERSIONS = [
    ("session-feedback", "lang=sv", "Respons på gruppträffen", "Skicka", "Tack för dina svar!"),
    ("session-feedback", "lang=fi&selko=1", "Palaute ryhmästä", "Lähetä", "Kiitos vastauksestasi!"),
    (
        "valpas-partner-survey",
        "lang=sv",
        "VALPAS-projektets responsenkät till samarbetspartner",
        "Skicka",
        "Tack för dina svar!",
    ),
]


@pytest.mark.parametrize(("slug", "query", "title", "button", "thanks"), VERSIONS)
def test_form_error_and_thanks_pass_axe(new_page, slug, query, title, button, thanks):
    page = new_page()
    page.goto(f"/c/{slug}?{query}")
    assert page.locator("h1").inner_text() == title
    assert page.locator("button.send").inner_text() == button
    assert_accessible(page, f"{slug}?{query} form")
    send(page, 422)
    assert page.locator("#error-summary").is_visible()
    assert page.locator("h1").inner_text() == title
    assert_accessible(page, f"{slug}?{query} error state")
    if slug == "valpas-partner-survey":
        radio(page, "paikkakunta", "muhos").check()
        radio(page, "kokonaisarvosana", "8").check()
    else:
        radio(page, "arvosana", "9").check()
    send(page, 302)
    assert page.locator("h1").inner_text() == thanks
    assert_accessible(page, f"{slug}?{query} thank-you page")


@pytest.mark.parametrize("query", ["lang=sv", "lang=fi&selko=1"])
def test_versions_stay_light_and_local(page, live_server, query):
    requests, sizes = [], {}
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(f"/c/session-feedback?{query}", wait_until="networkidle")
    assert [url for url in requests if origin(url) != origin(live_server)] == []
    assert sum(sizes.values()) <= BUDGET, json.dumps(
        {urlsplit(u).path: s for u, s in sizes.items()}
    )


def test_plain_language_switch_is_one_tap_away(new_page):
    page = new_page(viewport=PHONE, has_touch=True, is_mobile=True)
    page.goto("/c/session-feedback?lang=fi&selko=0")
    page.get_by_role("link", name="Selkosuomeksi").tap()
    page.wait_for_url("**selko=1")
    assert page.locator("h1").inner_text() == "Palaute ryhmästä"
    assert page.get_by_role("link", name="Selkosuomeksi").get_attribute("aria-current") == "true"
    page.get_by_role("link", name="Suomeksi", exact=True).tap()
    page.wait_for_url("**selko=0")
    assert page.locator("h1").inner_text() == "Palaute ryhmäkerrasta"


def test_a_theme_at_the_contrast_limits_still_passes_axe(new_page, live_app, admin_page):
    """Every theme the settings accept keeps the pages accessible: here each colour just above its minimum."""
    from tests.helpers import make_collection

    theme = {
        "theme_brand": "#767676",
        "theme_brand_text": "#ffffff",
        "theme_accent": "#767676",
        "theme_heading": "#949494",
        "theme_border": "#949494",
    }
    with live_app.extensions["surveyapp.db"]() as db:
        if db.scalar(select(Organisation).where(Organisation.slug == "rajatapaus")) is None:
            db.add(
                Organisation(
                    slug="rajatapaus",
                    name="Rajatapaus ry",
                    email="rajatapaus@example.fi",
                    a11y_feedback_email="rajatapaus@example.fi",
                    legal_basis="consent",
                    retention_years=2,
                    a11y_prepared_on=dt.date(2026, 1, 2),
                    a11y_reviewed_on=dt.date(2026, 1, 2),
                    a11y_assessment="self",
                    changed_on=dt.date(2026, 1, 2),
                    **theme,
                )
            )
            db.flush()
            from surveyapp.core.models import Project

            db.add(
                Project(
                    slug="rajatapaus",
                    name="Rajatapaus",
                    organisation=db.scalar(
                        select(Organisation).where(Organisation.slug == "rajatapaus")
                    ),
                )
            )
            db.commit()
            make_collection(db, "session_feedback", slug="rajatapaus-palaute")
            collection = db.scalar(
                select(Collection).where(Collection.slug == "rajatapaus-palaute")
            )
            collection.project = db.scalar(select(Project).where(Project.slug == "rajatapaus"))
            db.commit()
    page = new_page()
    page.goto("/c/rajatapaus-palaute")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")
        == "rgb(118, 118, 118)"
    )
    assert_accessible(page, "form with a theme at the contrast limits")
    send(page, 422)
    assert_accessible(page, "error state with a theme at the contrast limits")
    page.goto("/o/rajatapaus/saavutettavuusseloste")
    assert_accessible(page, "statement with a theme at the contrast limits")
    for path in ("", "/theme"):  # the overview, and the step with the most fields
        admin_page.goto(f"/coordinate/organisations/rajatapaus{path}")
        assert_accessible(
            admin_page, f"settings page{path} (Source Sans 3) with a theme at the contrast limits"
        )


def test_fonts_come_from_this_site_and_only_to_coordinators(new_page, admin_page, live_server):
    """Coordinator pages load Source Sans 3 from the app itself, with the page; respondent pages load no font."""
    fonts = []
    admin_page.on(
        "request",
        lambda request: fonts.append(request.url) if request.resource_type == "font" else None,
    )
    admin_page.goto("/coordinate/organisations/")
    assert sorted(urlsplit(url).path for url in fonts) == [
        "/static/fonts/source-sans-3-latin-400-normal.woff2",
        "/static/fonts/source-sans-3-latin-600-normal.woff2",
    ]
    assert all(origin(url) == origin(live_server) for url in fonts)
    assert admin_page.evaluate("document.fonts.check('18px \"Source Sans 3\"')")
    assert admin_page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
        '"Source Sans 3"'
    )
    page = new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.resource_type))
    page.goto("/c/session-feedback", wait_until="networkidle")
    assert "font" not in requested
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
