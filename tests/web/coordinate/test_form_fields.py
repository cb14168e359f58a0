"""Coordinator form fields, one way (macros/fields.html): error and hint tied to the field, and what was typed kept."""

from __future__ import annotations

from sqlalchemy import select

from surveyapp.core import organisation_sections
from surveyapp.core.models import GroupSession, Organisation
from tests.helpers import (
    Elements,
    make_collection,
    make_organisation,
    organisation_settings,
    page_csrf,
    post_settings_steps,
)

SESSION_PATH = "/coordinate/c/testi/sessions/new"


def test_invalid_group_session_fields_are_described_and_marked(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    response = client.post(
        SESSION_PATH,
        data={
            "csrf_token": page_csrf(client, SESSION_PATH),
            "group_name": "",
            "municipality": "utajarvi",
            "held_on": "32.1.2026",
            "pin": "1234",
            "idle_seconds": "10",
            "language": "sv",
        },
    )
    assert response.status_code == 422
    page = Elements(response.get_data(as_text=True))
    name = page.attributes("group_name")
    assert (name["aria-describedby"], name["aria-invalid"]) == ("err-group_name", "true")
    assert page.by_id["err-group_name"][0] == "p"
    assert page.attributes("held_on")["aria-describedby"] == "err-held_on"
    assert page.attributes("held_on")["aria-invalid"] == "true"
    # A field with a hint is described by the hint and, when it is wrong, by its error too.
    idle = page.attributes("idle_seconds")
    assert (idle["aria-describedby"], idle["aria-invalid"]) == (
        "hint-idle_seconds err-idle_seconds",
        "true",
    )
    assert page.by_id["hint-idle_seconds"][0] == "p"
    # The fields without a problem are not marked.
    for valid in ("municipality", "pin", "language"):
        assert "aria-invalid" not in page.attributes(valid), valid
        assert "aria-describedby" not in page.attributes(valid), valid
    assert db.scalars(select(GroupSession)).all() == []


def test_a_refused_group_session_keeps_what_was_typed(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    typed = {
        "group_name": "  Voimavararyhmä  ",
        "municipality": "utajarvi",
        "held_on": "5.3.2026",
        "pin": "12",  # too short: the one problem
        "idle_seconds": "45",
        "language": "en",
        "kind": "trip",
    }
    response = client.post(
        SESSION_PATH, data={"csrf_token": page_csrf(client, SESSION_PATH), **typed}
    )
    assert response.status_code == 422
    page = Elements(response.get_data(as_text=True))
    assert page.attributes("pin")["aria-invalid"] == "true"
    for name in ("group_name", "held_on", "idle_seconds"):
        assert page.attributes(name)["value"] == typed[name], name
    assert page.selected == {"municipality": ["utajarvi"], "language": ["en"], "kind": ["trip"]}
    # The PIN is a password field: like the login form's password, it is never sent back to the page.
    assert page.attributes("pin").get("value", "") == ""


def test_invalid_settings_fields_are_described_and_marked(client, db, coordinator):
    make_organisation(db)
    responses = post_settings_steps(
        client,
        "testiyhdistys",
        organisation_settings(name="", retention_years="0", legal_basis="", theme_accent="sininen"),
    )
    assert [r.status_code for r in responses.values()] == [422, 422, 302, 422]
    first, privacy, theme = (
        Elements(responses[step].get_data(as_text=True))
        for step in ("organisation", "privacy", "theme")
    )
    name = first.attributes("name")
    assert (name["aria-describedby"], name["aria-invalid"], name["aria-required"]) == (
        "err-name",
        "true",
        "true",
    )
    years = privacy.attributes("retention_years")
    assert (years["aria-describedby"], years["aria-invalid"]) == (
        "hint-retention_years err-retention_years",
        "true",
    )
    accent = theme.attributes("theme_accent")
    assert (accent["aria-describedby"], accent["aria-invalid"]) == ("err-theme_accent", "true")
    # A group of radio buttons is described as a whole; ARIA allows no aria-invalid on a radio.
    tag, legal_basis = privacy.by_id["field-legal_basis"]
    assert (tag, legal_basis["aria-describedby"]) == ("fieldset", "err-legal_basis")
    # Valid fields: described by their hint only, never marked invalid.
    business_id = first.attributes("business_id")
    assert business_id["aria-describedby"] == "hint-business_id"
    assert "aria-invalid" not in business_id
    assert "aria-describedby" not in first.attributes("phone")
    for page, error in (
        (first, "err-name"),
        (privacy, "err-retention_years"),
        (privacy, "err-legal_basis"),
        (theme, "err-theme_accent"),
    ):
        assert page.by_id[error][0] == "p"


# One problem in each step, so that each is refused: a refused step shows back every value typed.
STEP_PROBLEMS = {
    "organisation": {"email": "ei-osoite"},
    "privacy": {"retention_years": "51"},
    "accessibility": {"a11y_assessor": ""},  # external assessment without its assessor
    "theme": {"theme_accent": "#bbbbbb"},  # too little contrast on white
}


def test_refused_settings_keep_every_typed_value(client, db, coordinator):
    make_organisation(db)
    typed = organisation_settings(
        name="  Kuntayhtymä   Testi ",
        name_en="Joint Municipal Authority",
        phone="08 123 4567",
        website="https://kuntayhtyma.example",
        dpo_contact="Tietosuojavastaava, puh. 08 765 4321",
        processor="Palvelu Oy",
        a11y_feedback_url="https://kuntayhtyma.example/palaute",
        a11y_assessment="external",
        a11y_assessor="",
        authority_sv="Regionförvaltningsverket i Södra Finland\nTillgänglighetstillsynen",
        theme_brand="#5A0F3C",
        legal_basis="consent",
        retention_years="7",
    )
    for problem in STEP_PROBLEMS.values():
        typed |= problem
    responses = post_settings_steps(client, "testiyhdistys", typed)
    shown = {}
    for step, response in responses.items():
        assert response.status_code == 422, step
        page = Elements(response.get_data(as_text=True))
        for name in STEP_PROBLEMS[step]:
            assert page.attributes(name)["aria-invalid"] == "true", name
        for name in organisation_sections.SECTIONS[step]:
            if name in typed:
                shown[name] = (
                    page.checked[name]
                    if name in ("legal_basis", "a11y_assessment")
                    else page.text_of(name)
                    if page.by_id[name][0] == "textarea"
                    else page.attributes(name)["value"]
                )
    for name, value in typed.items():
        expected = [value] if name in ("legal_basis", "a11y_assessment") else value
        assert shown[name] == expected, name
    db.expire_all()
    assert db.scalar(select(Organisation)).name == "Testiyhdistys ry"
