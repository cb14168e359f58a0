"""Shared helpers for the browser tests: reaching each instrument's pages and checking them with axe."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import slug

AXE = Axe()
# WCAG 2.0 and 2.1, levels A and AA; only violations are reported back in full.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# The most a respondent page may weigh with everything it loads.
BUDGET = 50 * 1024


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


# Instruments with a required item: the empty form is the error state.
REQUIRED = {"session_feedback", "valpas_partner_survey", "valpas_steering_survey"}
# Instruments without one: a radio (or a box) whose value is changed in the page to one the server
# refuses.
TAMPERED = {
    "kuusamo_elamantilanteen_arviointi": ("a1", "11"),
    "esy_worker_eval": ("q7_1", "x"),
    "esy_client_eval": ("q10_1", "x"),
    "esy_suomeksi": ("q10_1", "x"),
    "essote_client_satisfaction": ("asiallinen_kohtelu", "x"),
    "oulunkaari_yhteistyokysely": ("tunnen_tyotavat", "x"),
    "essote_group_wishes": ("ryhmatoiveet.luonto", "x"),
    "valpas_kykyviisari": ("tyokyky", "11"),
}
# A valid answer for each instrument: (field, radio or box value) pairs, every required item answered.
VALID = {
    "session_feedback": [("arvosana", "9")],
    "valpas_partner_survey": [("paikkakunta", "muhos"), ("kokonaisarvosana", "8")],
    "valpas_steering_survey": [("arvosana", "10")],
    "esy_worker_eval": [("q7_1", "hyvin"), ("q9", "todennakoisesti_kylla")],
    "esy_client_eval": [("q1", "hyva"), ("q10_1", "erittain_hyvin")],
    "kuusamo_elamantilanteen_arviointi": [("a1", "8"), ("b_kokonaisarvio_oma", "7")],
    "essote_client_satisfaction": [
        ("asiakkuus", "aikuissosiaalityo"),
        ("asiallinen_kohtelu", "taysin_samaa"),
    ],
    "oulunkaari_yhteistyokysely": [("tunnen_tyotavat", "samaa"), ("kiire", "kylla")],
    "essote_group_wishes": [("ryhmatoiveet.luonto", "1"), ("ryhmatoiveet.pelit", "1")],
    "valpas_kykyviisari": [("koodi.none", "1")],
}
# Text fields a valid answer fills in as well: (field, text).
TYPED = {"valpas_kykyviisari": [("tyokyky", "7")]}


def open_form(page, instrument_id: str):
    response = page.goto(f"/c/{slug(instrument_id)}")
    assert response is not None and response.status == 200, f"{instrument_id}: form did not open"
    return response


def send(page, expected_status: int):
    """Click Send and wait for the POST's answer (422 for errors, 302 then the thank-you page)."""
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("button.send").click()
    page.wait_for_load_state("load")
    assert posted.value.status == expected_status, (
        f"POST answered {posted.value.status}, expected {expected_status}"
    )
    return posted.value


def radio(page, name: str, value: str):
    return page.locator(f'input[type=radio][name="{name}"][value="{value}"]')


def show_error_state(page, instrument_id: str):
    """Open the form and send it so that the server answers 422 with the error summary."""
    open_form(page, instrument_id)
    if instrument_id not in REQUIRED:
        name, bad = TAMPERED[instrument_id]
        page.evaluate(
            """([name, bad]) => {
            const input = document.querySelector(`input[name="${name}"]`);
            input.value = bad;
            input.checked = true;
        }""",
            [name, bad],
        )
    send(page, 422)
    assert page.locator("#error-summary").is_visible()


def show_thanks(page, instrument_id: str):
    """Open the form, give a valid answer and land on the thank-you page."""
    open_form(page, instrument_id)
    for name, value in VALID[instrument_id]:
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    for name, text in TYPED.get(instrument_id, []):
        page.locator(f'input[name="{name}"]').fill(text)
    send(page, 302)
    assert page.url.endswith(f"/c/{slug(instrument_id)}/kiitos")


def axe_report(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(
                f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}"
            )
            lines.append(f"        {node.get('html', '')[:200]}")
    return "\n".join(lines)


def assert_accessible(page, what: str):
    results = AXE.run(page, options=AXE_OPTIONS)
    report = axe_report(results)
    if report:
        print(f"axe violations on {what} ({page.url}):\n{report}")
    assert results.violations_count == 0, (
        f"axe found {results.violations_count} violation(s) on {what}:\n{report}"
    )


def logged_in_page(new_page, live_app, email: str, password: str, **context_options):
    """A page of a coordinator account (created on first use) that has logged in through the form."""
    from surveyapp.core.users import create_user, find_user

    with live_app.extensions["surveyapp.db"]() as db:
        if find_user(db, email) is None:
            create_user(db, email=email, name=email.split("@")[0], password=password, role="admin")
            db.commit()
    page = new_page(**context_options)
    page.goto("/auth/login")
    page.get_by_label("Sähköpostiosoite").fill(email)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu").click()
    page.wait_for_url("**/coordinate/")
    return page
