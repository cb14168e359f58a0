"""Issue 23's "done when", in Chromium from an empty database, with no Python shell: the first
administrator sets up the organisation, creates a project and invites a coordinator and a group
leader; the coordinator accepts, creates a survey for three municipalities and invites a
steering-group reader; respondents answer on the web; the group leader runs a tablet session and
sees only it; the reader sees only the protected results. The survey's form asks for the
municipality; its three are picked from the official classification, and Närpes (Närpiö), a
Swedish-speaking one, is offered in Swedish to a Swedish respondent. The results appear by
municipality and by wellbeing services county."""

from __future__ import annotations

import re
import shutil
import threading
from fractions import Fraction

import pytest
from werkzeug.serving import make_server

from surveyapp.core import first_run
from tests.browser.conftest import PHONE, TABLET
from tests.browser.pages import assert_accessible
from tests.helpers import make_app

pytestmark = pytest.mark.browser
SURVEY = "/coordinate/c/arki-2026"
PIN = "482613"


@pytest.fixture
def empty_server(sqlite_template, tmp_path):
    """The app on a database with no accounts, no organisation and no project, on a free port."""
    path = tmp_path / "first-use.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", tmp_path)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="first-use", daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
    app.extensions["surveyapp.db"].kw["bind"].dispose()


def set_up(page, app) -> None:
    page.goto("/auth/login")
    page.get_by_role("link", name="Ota palvelu käyttöön").click()
    page.wait_for_url("**/setup")
    code = first_run.setup_token(app.config["SECRET_KEY"], app.config["SETUP_TOKEN"])
    page.get_by_label("Käyttöönottokoodi").fill(code)
    page.get_by_label("Nimesi").fill("Anna Ylläpitäjä")
    page.get_by_label("Sähköpostiosoitteesi").fill("anna@kuntayhtyma.example")
    page.get_by_label("Uusi salasana").fill("ensimmainen-kaytto-2026")
    page.get_by_label("Sama salasana uudelleen").fill("ensimmainen-kaytto-2026")
    page.locator("input[name=slug]").fill("kuntayhtyma")
    page.locator("input[name=name]").fill("Kuntayhtymä Testi")
    page.locator("input[name=email]").fill("tietosuoja@kuntayhtyma.example")
    page.locator("input[name=legal_basis][value=public_task]").check()
    page.locator("input[name=retention_years]").fill("3")
    page.locator("input[name=a11y_feedback_email]").fill("saavutettavuus@kuntayhtyma.example")
    page.get_by_role("button", name="Ota käyttöön").click()
    page.wait_for_url("**/coordinate/projects/")


def invite(page, name: str, email: str, role_label: str) -> str:
    """The invitation link the people page shows for a new person in the role labelled so."""
    page.locator("#name").fill(name)
    page.locator("#email").fill(email)
    page.get_by_label(role_label, exact=False).check()
    page.get_by_role("button", name="Tee kutsulinkki").click()
    return page.get_by_label("Kutsulinkki").input_value()


def accept(browser, base: str, link: str, password: str, viewport=TABLET):
    """A fresh browser that opens the link, sets a password and lands logged in."""
    page = browser.new_context(base_url=base, viewport=viewport, locale="fi-FI").new_page()
    page.goto(link)
    page.get_by_label("Uusi salasana").fill(password)
    page.get_by_label("Sama salasana uudelleen").fill(password)
    page.get_by_role("button", name="Tallenna salasana ja kirjaudu").click()
    page.wait_for_url("**/coordinate/")
    return page


def answer_on_the_web(browser, base: str, municipality: str, grade: str) -> None:
    page = browser.new_context(base_url=base, viewport=PHONE, locale="fi-FI").new_page()
    # The survey's open link of that municipality (its QR code on the survey's page).
    page.goto(f"/c/arki-2026?kunta={municipality}")
    page.locator(f'label:has(input[name="kokonaisarvosana"][value="{grade}"])').click()
    page.get_by_role("button", name="Lähetä").click()
    page.wait_for_url("**/c/arki-2026/kiitos")
    page.context.close()


def answer_in_swedish(browser, base: str, grade: str) -> None:
    """A Swedish-speaking respondent on the survey's common link picks their municipality from
    the form's question, where it has its Swedish name."""
    page = browser.new_context(base_url=base, viewport=PHONE, locale="sv-FI").new_page()
    page.goto("/c/arki-2026")
    assert page.locator("html").get_attribute("lang") == "sv"
    places = page.locator('fieldset:has(input[name="paikkakunta"]) label').all_inner_texts()
    assert [p.strip() for p in places][:3] == ["Muhos", "Närpes", "Utajärvi"]
    assert "Närpiö" not in page.locator("main").inner_text()
    page.get_by_label("Närpes", exact=True).check()
    page.locator(f'label:has(input[name="kokonaisarvosana"][value="{grade}"])').click()
    page.get_by_role("button", name="Skicka").click()
    page.wait_for_url("**/c/arki-2026/kiitos")
    page.context.close()


def answer_on_the_tablet(tablet, token: str, grade: str) -> None:
    # The form asks every participant for their municipality, on the tablet too.
    tablet.get_by_label("Muhos", exact=True).check()
    tablet.locator(f'label:has(input[name="kokonaisarvosana"][value="{grade}"])').click()
    tablet.get_by_role("button", name="Lähetä").click()
    # The thank-you screen, then an empty form for the next participant.
    tablet.wait_for_url(re.compile(rf"/kiosk/{token}/kiitos(\?.*)?$"), timeout=15000)
    tablet.wait_for_url(re.compile(rf"/kiosk/{token}$"), timeout=15000)
    tablet.wait_for_load_state("load")
    tablet.locator('input[name="kokonaisarvosana"]').first.wait_for()


def fi_mean(mean: Fraction) -> str:
    """A mean as the results show it: half-up to two decimals, a decimal comma."""
    hundredths = int(mean * 100 + Fraction(1, 2))
    return f"{hundredths // 100},{hundredths % 100:02d}"


def status(page, path: str) -> int:
    return page.request.get(path, max_redirects=0).status


def test_an_organisation_starts_on_its_own(browser, empty_server):
    app, base = empty_server
    admin = browser.new_context(base_url=base, viewport=TABLET, locale="fi-FI").new_page()
    set_up(admin, app)
    admin.get_by_role("link", name="Uusi hanke").click()
    admin.get_by_label("Lyhyt nimi verkko-osoitteissa").fill("arjen-tuki")
    admin.get_by_label("Hankkeen nimi").fill("Arjen tuki")
    admin.get_by_label("Organisaatio").select_option(label="Kuntayhtymä Testi")
    admin.get_by_role("button", name="Tallenna").click()
    admin.wait_for_url("**/coordinate/projects/arjen-tuki/people")
    coordinator_link = invite(
        admin, "Kaisa Koordinaattori", "kaisa@kuntayhtyma.example", "Koordinaattori: kaikki"
    )
    leader_link = invite(admin, "Olli Ohjaaja", "olli@kuntayhtyma.example", "Ohjaaja: luo ja")

    # The coordinator accepts and creates a survey for three municipalities.
    coordinator = accept(browser, base, coordinator_link, "kaisa-koordinoi-2026")
    coordinator.get_by_role("link", name="Uusi kysely").first.click()
    coordinator.wait_for_url("**/coordinate/c/new")
    coordinator.locator("input[name=title]").fill("Arjen tuki: palaute 2026")
    coordinator.locator("input[name=slug]").fill("arki-2026")
    coordinator.locator("select[name=instrument]").select_option(value="valpas_partner_survey")
    coordinator.locator("select[name=audience]").select_option(value="partners")
    # The municipalities from the classification (the set-up loaded it), found by the picker's
    # search, which works without JavaScript; Närpiö is a Swedish-speaking one.
    for search, label in (
        ("muhos", "Muhos – Pohjois-Pohjanmaan hyvinvointialue"),
        ("utajärvi", "Utajärvi – Pohjois-Pohjanmaan hyvinvointialue"),
        ("närpes", "Närpiö – Pohjanmaan hyvinvointialue"),
    ):
        coordinator.get_by_label("Etsi kunta").fill(search)
        coordinator.get_by_role("button", name="Hae", exact=True).click()
        coordinator.get_by_label(label).check()
    coordinator.locator("input[name=access][value=open]").check()
    coordinator.get_by_role("button", name="Luo kysely").click()
    # Made, it asks for the numbers invited in each of its municipalities.
    coordinator.wait_for_url(f"**{SURVEY}/settings")
    assert "Kysely luotiin." in coordinator.locator("main").inner_text()
    for place in ("Muhos", "Närpiö", "Utajärvi"):
        assert coordinator.get_by_label(place, exact=True).count() == 1
    coordinator.goto("/coordinate/projects/arjen-tuki/people")
    reader_link = invite(
        coordinator, "Raili Lukija", "raili@kuntayhtyma.example", "Ohjausryhmä: lukee"
    )

    # Respondents answer on the web: 5 in Muhos (official code 494) and 5 in Utajärvi (889) by
    # their municipalities' links, and 5 Swedish-speaking respondents in Närpes (545) who pick it
    # by its Swedish name on the common link.
    for municipality, grades in (("494", "9 8 10 7 9"), ("889", "6 7 8 9 8")):
        for grade in grades.split():
            answer_on_the_web(browser, base, municipality, grade)
    for grade in "10 9 8 7 6".split():
        answer_in_swedish(browser, base, grade)

    # The group leader runs a session on a tablet, closes it and reads its feedback.
    leader = accept(browser, base, leader_link, "olli-ohjaa-ryhmia-2026")
    leader.get_by_role("link", name="Uusi ryhmäkerta: Arjen tuki: palaute 2026").click()
    leader.locator("input[name=group_name]").fill("Tiistairyhmä")
    leader.locator("select[name=municipality]").select_option(label="Muhos")
    leader.locator("input[name=pin]").fill(PIN)
    leader.get_by_role("button", name="Luo ryhmäkerta").click()
    leader.get_by_role("link", name="Avaa tablettitila tällä laitteella").click()
    leader.wait_for_url(re.compile(r"/kiosk/[^/]+$"))
    token = leader.url.rsplit("/", 1)[1]
    for grade in ("10", "9", "8"):
        answer_on_the_tablet(leader, token, grade)
    leader.get_by_role("link", name="Ohjaajalle: poistu tablettitilasta").click()
    leader.locator("#pin").fill(PIN)
    leader.get_by_role("button", name="Jatka").click()
    leader.locator("#attendance").fill("4")
    leader.get_by_role("button", name="Päätä ja näytä palaute").click()
    leader.locator("[data-n]").wait_for()
    assert (
        leader.locator("[data-n]").inner_text(),
        leader.locator("[data-mean]").inner_text(),
    ) == (
        "3",
        "9,00",
    )
    # Only their session: its page opens, nothing else of the survey does.
    leader.goto("/coordinate/")
    own = leader.get_by_role("link", name=re.compile("^Tiistairyhmä, Muhos"))
    assert own.count() == 1
    own.click()
    assert "Tiistairyhmä" in leader.get_by_role("heading", level=1).inner_text()
    for path in (SURVEY, f"{SURVEY}/results", f"{SURVEY}/sessions", f"{SURVEY}/vastaukset.csv"):
        assert status(leader, path) == 403, path

    # The steering-group reader sees the protected results (15 web + 3 tablet answers) only, by
    # municipality and by wellbeing services county. Expected: Muhos 9+8+10+7+9 on the web and
    # 10+9+8 on the tablet, 70/8; Utajärvi 38/5; Närpes 40/5; the county of Muhos and Utajärvi
    # (Pohjois-Pohjanmaa, 19) 108/13; Närpes's (Pohjanmaa, 17) 40/5. Every group has at least 5
    # answers, also without the leader's 3, so every one is shown.
    reader = accept(browser, base, reader_link, "raili-lukee-tuloksia-2026", viewport=PHONE)
    reader.goto(f"{SURVEY}/results")
    assert reader.locator("[data-total]").first.get_attribute("data-total") == "18"
    counts = {"494": 8, "889": 5, "545": 5, "19": 13, "17": 5}
    means = {
        "494": Fraction(70, 8),
        "889": Fraction(38, 5),
        "545": Fraction(40, 5),
        "19": Fraction(108, 13),
        "17": Fraction(40, 5),
    }
    # Columns: answers, share, (response rate: municipalities only), mean grade, ...
    for section, groups, mean_column in (
        ("#h-municipalities", ("494", "889", "545"), 3),
        ("#h-counties", ("19", "17"), 2),
    ):
        rows = reader.locator(f"section:has({section}) table").first.locator("tr[data-group]")
        shown = {
            row.get_attribute("data-group"): (
                row.locator("td").nth(0).inner_text(),
                row.locator("td").nth(mean_column).inner_text(),
            )
            for row in rows.all()
        }
        assert shown == {g: (str(counts[g]), fi_mean(means[g])) for g in groups}, section
    counties = reader.locator("section:has(#h-counties) tr[data-group] th").all_inner_texts()
    assert counties == ["Pohjanmaan hyvinvointialue", "Pohjois-Pohjanmaan hyvinvointialue"]
    assert_accessible(reader, "the steering-group reader's results at 390 px")
    assert status(reader, f"{SURVEY}/raportti.pdf") == 200
    for path in (
        SURVEY,
        f"{SURVEY}/sessions",
        f"{SURVEY}/paper",
        f"{SURVEY}/vastaukset.csv",
        "/coordinate/projects/arjen-tuki/people",
    ):
        assert status(reader, path) == 403, path
    # Nothing was set up outside the browser, and the set-up page is gone.
    assert status(admin, "/setup") == 404
    for page in (admin, coordinator, leader, reader):
        page.context.close()
