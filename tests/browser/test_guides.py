"""The task guides in Chromium: every guide and their list, in Finnish and Swedish, at 320, 390 and
1440 px: no sideways scrolling of the page, links at least 44 px tall, axe finds nothing at 390 and
1440 px. And a coordinator page's guide link is there at a phone's width and leads to its guide."""

from __future__ import annotations

import pytest

from surveyapp.web.guides import GUIDES
from tests.browser.pages import assert_accessible, logged_in_page

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1440)
AXE_WIDTHS = (390, 1440)

LINKS = """() => [...document.querySelectorAll("main a[href], nav.guides a[href]")]
    .filter(a => !a.closest("p"))
    .map(a => ({what: a.outerHTML.slice(0, 120), height: a.getBoundingClientRect().height}))"""


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_every_guide_fits_and_passes_axe(new_page):
    page = new_page()
    failures = []
    for path in ["/ohjeet/", *(f"/ohjeet/{name}" for name in GUIDES)]:
        for lang in ("fi", "sv"):
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                response = page.goto(f"{path}?lang={lang}")
                assert response.status == 200, path
                if overflow(page) > 0:
                    failures.append(f"{path} ({lang}) at {width} px scrolls sideways")
                failures += [
                    f"{path} ({lang}) at {width} px: {link['height']:.0f} px {link['what']}"
                    for link in page.evaluate(LINKS)
                    if link["height"] < 44
                ]
                if width in AXE_WIDTHS:
                    assert_accessible(page, f"{path} in {lang} at {width} px")
    assert not failures, "\n".join(failures)


def test_a_coordinator_page_leads_to_its_guide_at_a_phones_width(new_page, live_app):
    page = logged_in_page(
        new_page,
        live_app,
        "ohjeet@example.fi",
        "ohjeet-syksy-2026",
        viewport={"width": 390, "height": 800},
    )
    page.goto("/coordinate/projects/")
    page.get_by_role("navigation", name="Tämän sivun ohjeet").get_by_role(
        "link", name="Ohje: Aloita kysely ja kutsu ihmiset"
    ).click()
    assert page.url.endswith("/ohjeet/aloitus")
    assert page.get_by_role("heading", level=1).inner_text() == "Aloita kysely ja kutsu ihmiset"
    assert overflow(page) == 0
