"""The first screen of a form: Finnish, plain-language Finnish, Swedish and English as an explicit choice."""

from __future__ import annotations

import re

from sqlalchemy import select

from surveyapp.core.models import Response
from tests.helpers import (
    finnish_only,
    form_tokens,
    language_choices,
    make_collection,
    make_organisation,
    serve_also,
    submit,
)


def test_translated_form_offers_every_version(client, db):
    make_collection(db, "session_feedback")
    html = client.get("/c/testi").get_data(as_text=True)
    assert language_choices(html) == [
        ("/c/testi?lang=fi&selko=0", "Suomeksi", True),
        ("/c/testi?lang=fi&selko=1", "Selkosuomeksi", False),
        ("/c/testi?lang=sv", "På svenska", False),
        ("/c/testi?lang=en", "In English", False),
    ]
    # The first screen replaces the header's language menu on forms.
    assert '<nav aria-label="Kieli" class="langs">' not in html
    swedish = client.get("/c/testi?lang=sv").get_data(as_text=True)
    assert [c[1] for c in language_choices(swedish) if c[2]] == ["På svenska"]
    assert "<h1>Respons på gruppträffen</h1>" in swedish
    assert '<nav class="langs choice" aria-label="Blankettens språk">' in swedish
    assert (
        "Det är frivilligt att svara. Vi sparar dina svar, kommunen och vilken vecka du svarade. Vi frågar inte "
        "efter ditt namn. Vi sparar inte din adress, din IP-adress, uppgifter om din enhet eller klockslaget."
    ) in swedish


def test_plain_language_form_is_remembered_until_changed(client, db):
    make_collection(db, "session_feedback")
    make_organisation(db)
    html = client.get("/c/testi?selko=1").get_data(as_text=True)
    assert [c[1] for c in language_choices(html) if c[2]] == ["Selkosuomeksi"]
    assert '<html lang="fi">' in html and "<h1>Palaute ryhmästä</h1>" in html
    assert (
        '<p class="intro">Emme tallenna nimeäsi. Älä kirjoita nimeäsi palautteeseen. Ohjaaja lukee palautteet '
        "ryhmän jälkeen.</p>"
    ) in html
    assert re.findall(r'<span class="num">([^<]+)</span> ([^<]+)', html) == [
        (
            "1.",
            "Anna arvosana tämän päivän ryhmälle tai retkelle. Huonoin arvosana on 4. Paras arvosana on 10. ",
        ),
        ("2.", "Haluatko sanoa vielä jotain? Voit kirjoittaa sen tähän."),
    ]
    # An error keeps the plain-language version, and so does the thank-you page.
    error = submit(client, "testi", {"vapaa_palaute": "Kiva"}, tokens=form_tokens(html))
    assert error.status_code == 422
    assert "<h1>Palaute ryhmästä</h1>" in error.get_data(as_text=True)
    assert submit(client, "testi", {"arvosana": "9"}).status_code == 302
    assert "<h1>Kiitos vastauksestasi!</h1>" in client.get("/c/testi/kiitos").get_data(as_text=True)
    # Stored like any other answer: the same codes and instrument version.
    stored = db.scalars(select(Response)).one()
    assert (
        stored.instrument_id,
        stored.instrument_version,
        [a.item_code for a in stored.answers],
    ) == ("session_feedback", 4, ["arvosana"])
    # Swedish is Swedish whatever was chosen for Finnish; standard Finnish is one click away.
    assert "<h1>Respons på gruppträffen</h1>" in client.get("/c/testi?lang=sv").get_data(
        as_text=True
    )
    assert "<h1>Palaute ryhmäkerrasta</h1>" in client.get("/c/testi?lang=fi&selko=0").get_data(
        as_text=True
    )
    assert "<h1>Palaute ryhmäkerrasta</h1>" in client.get("/c/testi").get_data(as_text=True)


def test_finnish_only_form_says_so_instead_of_offering_links(client, db, app):
    # Every shipped form is translated now; an untranslated one is a Finnish-only copy of the ESY client form.
    serve_also(
        app,
        finnish_only(app.extensions["surveyapp.instruments"]["esy_client_eval"], "esy_suomeksi"),
    )
    make_collection(db, "esy_suomeksi")
    html = client.get("/c/testi").get_data(as_text=True)
    assert language_choices(html) == []
    assert re.findall(r'<p class="note" lang="([a-z]+)">([^<]+)</p>', html) == [
        ("sv", "Den här blanketten finns bara på finska."),
        ("en", "This form is only available in Finnish."),
    ]
    # Asking for Swedish gives Swedish buttons and notices around the Finnish form, and the way back to Finnish.
    swedish = client.get("/c/testi?lang=sv").get_data(as_text=True)
    assert language_choices(swedish) == [("/c/testi?lang=fi&selko=0", "Suomeksi", True)]
    assert '<button type="submit" class="send">Skicka</button>' in swedish
    assert '<p class="note" lang="sv">Den här blanketten finns bara på finska.</p>' in swedish
    # A plain-language request changes nothing where there is no plain-language version.
    assert "<h1>SOSIAALISEN KUNTOUTUKSEN" in client.get("/c/testi?lang=fi&selko=1").get_data(
        as_text=True
    )


def test_short_privacy_notice_follows_the_form_and_settings(client, db, app):
    make_collection(db, "valpas_steering_survey", municipalities=("muhos", "utajarvi"))
    html = client.get("/c/testi").get_data(as_text=True)
    # Two municipalities and no municipality question: none is stored. A written answer: the warning about names.
    note = re.search(r'<p class="privacy-note">(.*?)</p>', html, re.S).group(1)
    assert note == (
        "Vastaaminen on vapaaehtoista. Tallennamme vastauksesi ja tiedon siitä, minä viikkona vastasit. "
        "Emme kysy nimeäsi. Emme tallenna osoitettasi, IP-osoitettasi, laitteesi tietoja emmekä "
        "kellonaikaa. Älä kirjoita vastauksiin nimiä tai muuta, mistä sinut tai joku muu voi tunnistaa. "
        '<a href="/tietosuojaseloste">Lue lisää tietosuojaselosteesta.</a>'
    )
    app.config["DATE_PRECISION"] = "month"
    html = client.get("/c/testi?lang=en").get_data(as_text=True)
    assert "We store your answers and the month you answered in." in html
