"""Around a form answered in selko, every text of the page is selko: the first screen, the privacy
paragraph, the required mark, errors, the thank-you page and the tablet's messages.

Every standard-Finnish text (from the fi catalog) that shows on such a page must have its entry in
the selko catalog (translations/fi/LC_MESSAGES/selko.po), where it was written or read for selko.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.helpers import (
    PLAIN,
    STANDARD,
    form_tokens,
    make_collection,
    make_kiosk,
    make_organisation,
    pdf_text,
    standard_finnish_in,
)
from tests.helpers.catalogs import message_key

CLIENT_FORMS = (
    "session_feedback",
    "esy_client_eval",
    "kuusamo_elamantilanteen_arviointi",
    "essote_client_satisfaction",
    "valpas_kykyviisari",
)


def visible(page: str) -> str:
    """What a reader meets: the text, and the labels and titles of elements."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    labels = re.findall(r'(?:aria-label|title|placeholder|alt|value)="([^"]*)"', page)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page) + "\n" + "\n".join(labels))


def standard_finnish_on(page: str) -> list[str]:
    return standard_finnish_in(visible(page))


def test_the_selko_catalog_lays_only_over_texts_the_app_has():
    standard = {message_key(m) for m in STANDARD}
    assert sorted(set(PLAIN) - standard) == []
    assert [k for k, m in PLAIN.items() if not m.string or m.fuzzy] == []


@pytest.mark.parametrize("instrument", CLIENT_FORMS)
def test_a_selko_form_its_errors_and_thanks_are_all_selko(client, db, instrument):
    make_collection(db, instrument)
    db.commit()
    first = client.get("/c/testi?selko=1").get_data(as_text=True)
    errors = client.post("/c/testi", data=form_tokens(first))  # nothing answered
    thanks = client.get("/c/testi/kiitos").get_data(as_text=True)
    assert errors.status_code == 422
    for page in (first, errors.get_data(as_text=True), thanks):
        assert standard_finnish_on(page) == []
    assert re.search(r"Korjaa \d+ kohtaa? vastauksissasi", errors.get_data(as_text=True))
    assert "Emme kysy nimeäsi." in first and "Emme kysy nimeäsi." not in thanks


def test_an_organisations_name_in_the_selko_privacy_note(client, db):
    """With an organisation the note names who is responsible: in selko too (it once fell back)."""
    make_organisation(db)
    make_collection(db, "esy_client_eval")
    db.commit()
    first = client.get("/c/testi?selko=1").get_data(as_text=True)
    assert "Tiedoista huolehtii Testiyhdistys ry." in first
    # The retention time the service applies (5 years in make_organisation), in selko.
    assert "Palvelu poistaa vastauksesi itse, kun kyselyn lopusta on kulunut 5 vuotta." in first
    assert standard_finnish_on(first) == []


def test_a_mistyped_code_and_a_score_out_of_range_in_selko(client, db):
    make_collection(db, "valpas_kykyviisari")
    db.commit()
    first = client.get("/c/testi?selko=1").get_data(as_text=True)
    for answers in ({"koodi": "ACD-EF3", "tyokyky": "11"}, {"koodi": "ACD-EF3XY"}):
        errors = client.post("/c/testi", data={**form_tokens(first), **answers})
        assert errors.status_code == 422
        assert standard_finnish_on(errors.get_data(as_text=True)) == []
    page = html.unescape(errors.get_data(as_text=True))
    assert "Tai valitse ”Minulla ei ole koodia”." in page


def test_the_required_mark_and_a_grade_error_in_selko(client, db):
    make_collection(db, "session_feedback")
    db.commit()
    first = client.get("/c/testi?selko=1").get_data(as_text=True)
    assert "(pakko vastata)" in first and "pakollinen" not in first
    errors = client.post("/c/testi", data={**form_tokens(first), "vapaa_palaute": "Hyvä"})
    page = errors.get_data(as_text=True)
    assert "Vastaa tähän kysymykseen." in page
    assert "Korjaa 1 kohta vastauksissasi" in page
    assert standard_finnish_on(page) == []


def test_the_tablet_in_selko(client, db):
    kiosk = make_kiosk(db)
    first = client.get(f"/kiosk/{kiosk.kiosk_token}?selko=1").get_data(as_text=True)
    assert standard_finnish_on(first) == []
    assert "Vastauksesi on tallessa tässä tabletissa." in first  # the offline queue's message
    sent = client.post(f"/kiosk/{kiosk.kiosk_token}?selko=1", data=form_tokens(first))
    error_page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Vastaa tähän kysymykseen." in error_page and "(pakko vastata)" in error_page
    assert standard_finnish_on(error_page) == []


def test_the_tablet_api_refuses_in_selko_only_around_a_selko_form(client, db):
    kiosk = make_kiosk(db)
    body = {"key": "queued-selko-answer-0001", "answers": {"arvosana": "12"}}
    plain = client.post(f"/kiosk/{kiosk.kiosk_token}/api?selko=1", json=body)
    standard = client.post(f"/kiosk/{kiosk.kiosk_token}/api", json=body)
    assert (plain.status_code, plain.get_json()) == (
        422,
        {
            "status": "invalid",
            "errors": {
                "arvosana": "Valitse arvosana. Huonoin arvosana on 4. Paras arvosana on 10."
            },
        },
    )
    assert (standard.status_code, standard.get_json()) == (
        422,
        {"status": "invalid", "errors": {"arvosana": "Valitse arvosana väliltä 4–10."}},
    )


def test_standard_finnish_and_swedish_pages_keep_their_own_texts(client, db):
    make_collection(db, "esy_client_eval")
    db.commit()
    standard = client.get("/c/testi?selko=0").get_data(as_text=True)
    assert "Emme kysy nimeäsi. Emme tallenna osoitettasi, IP-osoitettasi" in standard
    swedish = client.get("/c/testi?lang=sv").get_data(as_text=True)
    assert "Emme kysy" not in swedish and "Vi frågar inte efter ditt namn." in swedish
    plain = client.get("/c/testi?lang=fi&selko=1").get_data(as_text=True)
    assert "Emme tallenna osoitettasi. Emme tallenna tietoja puhelimestasi" in plain


def test_the_check_finds_standard_finnish():
    assert standard_finnish_in("Vastaaminen on vapaaehtoista.") == ["Answering is voluntary"]
    assert standard_finnish_in("Sinun ei ole pakko vastata.") == []
    assert standard_finnish_in("Lähetä", "sv") == ["Send"]
    assert standard_finnish_in("Skicka", "sv") == []


def test_the_printed_selko_form_has_the_selko_privacy_paragraph(client, coordinator):
    printed = pdf_text(
        client.get("/coordinate/instruments/esy_client_eval.pdf?lang=fi&selko=1").data
    )
    standard = pdf_text(
        client.get("/coordinate/instruments/esy_client_eval.pdf?lang=fi&selko=0").data
    )
    assert (
        "Sinun ei ole pakko vastata." in printed and "Vastaaminen on vapaaehtoista." not in printed
    )
    assert "Vastaaminen on vapaaehtoista." in standard
