"""From an empty database in Chromium: the first administrator sets up the service, creates a
project, invites a group leader, who accepts the link and sees only what a group leader may.
Every page passes axe at 390 and 1024 px without horizontal scrolling."""

from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from surveyapp.core import first_run
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible
from tests.helpers import make_app

pytestmark = pytest.mark.browser
PASSWORD = "ensimmainen-kaytto-2026"


@pytest.fixture(scope="module")
def empty_server(sqlite_template, tmp_path_factory):
    """The app on a database of its own with no accounts at all, served on a free port."""
    folder = tmp_path_factory.mktemp("first-run")
    path = folder / "first-run.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", folder)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="first-run", daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def both_widths(page, what: str) -> None:
    """axe at the phone's and the tablet's width, and no page-level horizontal scroll on the phone."""
    page.set_viewport_size(PHONE)
    assert_accessible(page, f"{what} at 390 px")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{what} scrolls sideways by {overflow} px at 390 px"
    page.set_viewport_size(TABLET)
    assert_accessible(page, f"{what} at 1024 px")


def test_set_up_create_a_project_invite_and_accept(browser, empty_server):
    app, base = empty_server
    admin_context = browser.new_context(base_url=base, viewport=TABLET, locale="fi-FI")
    admin = admin_context.new_page()
    admin.goto("/auth/login")
    admin.get_by_role("link", name="Ota palvelu käyttöön").click()
    admin.wait_for_url("**/setup")
    both_widths(admin, "the set-up page")
    admin.get_by_role("button", name="Ota käyttöön").click()
    admin.locator("#error-summary").wait_for()
    both_widths(admin, "the set-up page with errors")

    code = first_run.setup_token(app.config["SECRET_KEY"], app.config["SETUP_TOKEN"])
    admin.get_by_label("Käyttöönottokoodi").fill(code)
    admin.get_by_label("Nimesi").fill("Anna Ylläpitäjä")
    admin.get_by_label("Sähköpostiosoitteesi").fill("anna@kuntayhtyma.example")
    admin.get_by_label("Uusi salasana").fill(PASSWORD)
    admin.get_by_label("Sama salasana uudelleen").fill(PASSWORD)
    admin.locator("input[name=slug]").fill("kuntayhtyma")
    admin.locator("input[name=name]").fill("Kuntayhtymä Testi")
    admin.locator("input[name=email]").fill("tietosuoja@kuntayhtyma.example")
    admin.locator("input[name=legal_basis][value=public_task]").check()
    admin.locator("input[name=retention_years]").fill("3")
    admin.locator("input[name=a11y_feedback_email]").fill("saavutettavuus@kuntayhtyma.example")
    admin.get_by_role("button", name="Ota käyttöön").click()
    admin.wait_for_url("**/coordinate/projects/")
    both_widths(admin, "the projects page")

    admin.get_by_role("link", name="Uusi hanke").click()
    admin.wait_for_url("**/coordinate/projects/new")
    both_widths(admin, "the new project form")
    admin.get_by_label("Lyhyt nimi verkko-osoitteissa").fill("arjen-tuki")
    admin.get_by_label("Hankkeen nimi").fill("Arjen tuki")
    admin.get_by_label("Organisaatio").select_option(label="Kuntayhtymä Testi")
    admin.get_by_role("button", name="Tallenna").click()
    admin.wait_for_url("**/coordinate/projects/arjen-tuki/people")
    both_widths(admin, "the project's people page")

    admin.locator("input[name=name]").fill("Olli Ohjaaja")
    admin.locator("input[name=email]").fill("olli@kuntayhtyma.example")
    admin.get_by_label("Ohjaaja: luo ja pitää ryhmäkertoja", exact=False).check()
    admin.get_by_role("button", name="Tee kutsulinkki").click()
    link = admin.get_by_label("Kutsulinkki").input_value()
    both_widths(admin, "the people page with an invitation link")

    leader_context = browser.new_context(base_url=base, viewport=TABLET, locale="fi-FI")
    leader = leader_context.new_page()
    leader.goto(link)
    both_widths(leader, "the invitation's password page")
    leader.get_by_label("Uusi salasana").fill("lyhyt")
    leader.get_by_label("Sama salasana uudelleen").fill("lyhyt")
    leader.get_by_role("button", name="Tallenna salasana ja kirjaudu").click()
    leader.locator("#error-summary").wait_for()
    both_widths(leader, "the password page with an error")
    leader.get_by_label("Uusi salasana").fill("olli-ohjaa-ryhmia-2026")
    leader.get_by_label("Sama salasana uudelleen").fill("olli-ohjaa-ryhmia-2026")
    leader.get_by_role("button", name="Tallenna salasana ja kirjaudu").click()
    leader.wait_for_url("**/coordinate/")
    both_widths(leader, "a group leader's front page")
    assert leader.get_by_role("link", name="Hankkeet").count() == 0
    # The link worked once.
    again = browser.new_context(base_url=base, locale="fi-FI").new_page()
    assert again.goto(link).status == 404
    both_widths(again, "a used invitation link")
    # The set-up page is gone.
    assert admin.goto("/setup").status == 404
    for context in (admin_context, leader_context, again.context):
        context.close()
