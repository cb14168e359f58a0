"""Chromium over https:// through the shipped proxy: forms (JS on and off), login, paper entry, kiosk,
exports, a PDF, results from the replica; and a cross-site form refused."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from tests.deploy.conftest import EMAIL, PASSWORD, SLUG, code_round, new_group_session

pytestmark = pytest.mark.browser


def send_form(page, expected: int = 302):
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("button.send").click()
    page.wait_for_load_state("load")
    assert posted.value.status == expected, f"POST answered {posted.value.status}"
    return posted.value


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_respondent_answers_over_https(new_page, stack, javascript):
    page = new_page(java_script_enabled=javascript)
    reply = page.goto(f"/c/{SLUG}")
    assert reply.status == 200 and page.url.startswith("https://")
    page.locator('input[type=radio][name="arvosana"][value="9"]').check()
    posted = send_form(page)
    # No Referer under no-referrer; what the browser says instead is what the app checks.
    headers = posted.request.all_headers()
    assert "referer" not in headers
    assert headers.get("sec-fetch-site") == "same-origin"
    assert page.url == f"{stack.base}/c/{SLUG}/kiitos"
    cookies = page.context.cookies()
    assert cookies and all(c["secure"] and c["httpOnly"] for c in cookies)


def log_in(page):
    page.goto("/auth/login")
    page.get_by_label("Sähköpostiosoite").fill(EMAIL)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_url("**/coordinate/")


def test_a_coordinator_works_over_https(new_page, stack):
    page = new_page()
    log_in(page)
    page.goto(f"/coordinate/c/{SLUG}")
    assert page.get_by_role("heading", level=1).count() == 1
    # Paper entry: a form posted over HTTPS.
    page.goto(f"/coordinate/c/{SLUG}/paper")
    page.locator('input[type=radio][name="arvosana"][value="6"]').check()
    send_form(page)
    assert page.url.endswith(f"/coordinate/c/{SLUG}/paper")
    # Results, served by the reporting host from the replica, charts drawn (SVG) without a CSP violation.
    stack.wait_for_replica()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"/coordinate/c/{SLUG}/results")
    page.wait_for_selector(".plot svg.chart-svg", timeout=20_000)
    assert violations == []
    assert f'"GET /coordinate/c/{SLUG}/results" 200' in stack.reports.log_path.read_text()
    # An export and a PDF report, downloaded by the browser.
    page.goto(f"/coordinate/c/{SLUG}")
    with page.expect_download() as download:
        page.locator(f'a[href$="/c/{SLUG}/vastaukset.csv"]').click()
    with open(download.value.path(), "rb") as exported:
        assert exported.read().startswith("\ufeff".encode())
    pdf = page.request.get(f"/coordinate/c/{SLUG}/raportti.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-api", "no-js-form"])
def test_a_tablet_answers_over_https(new_page, stack, javascript):
    """With JavaScript the tablet sends through the JSON api (its queue); without, the HTML form."""
    page = new_page(java_script_enabled=javascript)
    token = stack.seeded.kiosk_token
    page.goto(f"/kiosk/{token}")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator('label.box:has(input[name="arvosana"][value="8"])').click()
        page.locator("button.send").click()
    assert posted.value.status in ((201, 200) if javascript else (303,)), posted.value.status
    assert posted.value.url.endswith("/api") == javascript
    page.wait_for_url(re.compile(r"/kiitos$"))


def scalar(stack, sql: str, **params):
    engine = create_engine(stack.url)
    with engine.connect() as conn:
        value = conn.execute(text(sql), params).scalar_one()
    engine.dispose()
    return value


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_partner_answers_with_an_access_code_over_https(new_page, stack, javascript):
    slug = f"koodit-{'js' if javascript else 'nojs'}"
    code = code_round(stack, slug, 1)[0]
    page = new_page(java_script_enabled=javascript)
    page.goto(f"/c/{slug}")
    page.get_by_label("Pääsykoodi").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Siirry kysymyksiin").click()
    page.wait_for_load_state("load")
    page.locator('input[type=radio][name="kokonaisarvosana"][value="8"]').check()
    page.locator('input[type=radio][name="paikkakunta"][value="muhos"]').check()
    send_form(page)
    assert page.url == f"{stack.base}/c/{slug}/kiitos"
    stored = scalar(
        stack,
        "SELECT count(*) FROM response JOIN collection ON collection.id = response.collection_id "
        "WHERE collection.slug = :slug",
        slug=slug,
    )
    used = scalar(stack, "SELECT count(*) FROM access_code WHERE code = :code AND used", code=code)
    assert (stored, used) == (1, 1)


def test_a_tablet_keeps_answers_through_an_outage_over_https(new_page, stack):
    """The offline queue through the proxy: answered while offline, sent once when the network returns."""
    token, session_id = new_group_session(stack, "Katkoryhmä")
    page = new_page(has_touch=True)
    page.goto(f"/kiosk/{token}")
    page.context.set_offline(True)
    page.locator('label.box:has(input[name="arvosana"][value="7"])').click()
    page.locator("#vapaa_palaute").fill("Katkon aikana")
    page.locator("button.send").click()
    page.wait_for_selector("#offline-thanks:not([hidden])")
    assert (
        scalar(stack, "SELECT count(*) FROM response WHERE group_session_id = :id", id=session_id)
        == 0
    )
    with page.expect_response(lambda r: r.url.endswith("/api") and r.status == 201):
        page.context.set_offline(False)
    page.locator("[data-queue-status]").wait_for(state="hidden", timeout=10000)
    assert (
        scalar(
            stack,
            "SELECT count(*) FROM response JOIN answer ON answer.response_id = response.id "
            "WHERE group_session_id = :id AND answer.text = 'Katkon aikana'",
            id=session_id,
        )
        == 1
    )
    assert "Katkon aikana" not in page.evaluate("JSON.stringify(localStorage)")


def test_a_cross_site_form_is_refused(new_page, stack):
    """A page elsewhere posting to the form, as a CSRF attack would: refused, nothing stored."""
    page = new_page()
    page.goto(f"/c/{SLUG}")  # the victim has the form open, with its cookie
    token = page.locator('input[name="csrf_token"]').get_attribute("value")
    key = page.locator('input[name="_key"]').get_attribute("value")
    evil = (
        f'<form method="post" action="{stack.base}/c/{SLUG}"><input name="csrf_token" value="{token}">'
        f'<input name="_key" value="{key}"><input name="arvosana" value="4"><button>Go</button></form>'
    )
    page.route(
        "https://evil.example/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=evil),
    )
    page.goto("https://evil.example/")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Go").click()
    assert posted.value.status == 400
    assert posted.value.request.all_headers().get("origin") == "https://evil.example"
    assert "Lomake oli vanhentunut" in page.content()
