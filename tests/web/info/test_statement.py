"""The accessibility statement: generated per organisation in Finnish, Swedish and English."""

from __future__ import annotations

import re

from surveyapp.config import ACCESSIBILITY_AUTHORITY
from tests.helpers import make_organisation, text_of


def test_statement_in_finnish(client, db):
    make_organisation(db, name_sv="Testföreningen rf")
    html = client.get("/o/testiyhdistys/saavutettavuusseloste?lang=fi").get_data(as_text=True)
    lines = text_of(html).splitlines()
    assert lines[0] == "Saavutettavuusseloste"
    assert (
        "Tämä seloste koskee palautepalvelua, jota Testiyhdistys ry tarjoaa osoitteessa http://localhost/: sen "
        "verkkolomakkeita, ryhmäkertojen yhteisten tablettien lomakkeita, tulostettavia lomakkeita ja "
        "koordinaattorien sivuja."
    ) in lines
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings == [
        "Saavutettavuuden tila",
        "Ei-saavutettava sisältö",
        "Tämän selosteen laatiminen",
        "Kielet",
        "Anna palautetta saavutettavuudesta",
        "Valvontaviranomainen",
    ]
    assert (
        "Palvelu täyttää saavutettavuusvaatimukset osittain: saavutettavuusohjeiden WCAG 2.1 tasot A ja AA. "
        "Puutteet on lueteltu alla."
    ) in lines
    # The known shortcomings, each by WCAG criterion with its alternative.
    # (The printable PDFs are tagged, so they are no longer listed under 1.3.1.)
    assert re.findall(r"<h3 [^>]*>([^<]+)</h3>", html) == [
        "Ryhmäkerrat yhteisellä tabletilla",
        "Ohjaajan sivut yhteisellä tabletilla",
    ]
    assert [line for line in lines if line[:1].isdigit() and "." in line[:4]] == [
        "2.2.1 Säädettävä ajoitus"
    ] * 2
    assert (
        "Ryhmän yhteisellä tabletilla ohjaajan sivut (ryhmäkerran päättäminen ja sen palaute) vaihtuvat "
        "takaisin osallistujien lomakkeeksi, kun niitä ei ole käytetty 120 sekuntiin, jotta seuraava "
        "osallistuja ei näe niitä. Varoitusta ei tule, eikä ohjaaja voi pysäyttää eikä pidentää tätä "
        "aikaa."
    ) in lines
    assert (
        "Kun vastaus on lähetetty ryhmän yhteisellä tabletilla, kiitossivu vaihtuu 5 sekunnin kuluttua tyhjäksi "
        "lomakkeeksi seuraavaa vastaajaa varten. Vastaaja ei voi pysäyttää eikä pidentää tätä aikaa."
    ) in lines
    assert lines.count("Saavutettava vaihtoehto:") == 0  # the label and its text are one paragraph
    assert "Seloste on laadittu 7.3.2026 ja päivitetty viimeksi 2.4.2026." in lines
    assert "Arvio on itsearvio, jonka on tehnyt Testiyhdistys ry." in lines
    # The forms in each version, from the instrument data: every shipped form is in Swedish and English, the
    # client forms and the session feedback in plain-language Finnish too (not the worker and partner surveys).
    assert (
        "Myös selkosuomeksi: Asiakastyytyväisyyskysely, SOSIAALISEN KUNTOUTUKSEN PILOTOINTI: "
        "ESY-TYÖMENETELMÄN ARVIOINTI, ELÄMÄNTILANTEEN ARVIOINTIA, Palaute ryhmäkerrasta, "
        "Kykyviisari: työkyky asiakkuuden alussa ja lopussa"
    ) in lines
    swedish = next(line for line in lines if line.startswith("Myös ruotsiksi:"))
    assert swedish.count(", ") == 8 and "ESY-työmenetelmän arviointi / aikuissosiaalityö" in swedish
    assert "Kysely ryhmätoiminnoista" in swedish
    assert (
        '<a href="mailto:saavutettavuus@testiyhdistys.example">saavutettavuus@testiyhdistys.example</a>'
        in html
    )
    assert "Vastaamme 14 päivän kuluessa." in lines
    # The supervisory authority: Traficom's unit by default, e-mail and website as links.
    assert lines[-5:] == ACCESSIBILITY_AUTHORITY["fi"].splitlines()
    assert (
        '<a href="https://www.saavutettavuusvaatimukset.fi">www.saavutettavuusvaatimukset.fi</a>'
        in html
    )
    assert '<a href="mailto:saavutettavuus@traficom.fi">saavutettavuus@traficom.fi</a>' in html


def test_statement_in_swedish_uses_the_swedish_name_and_finnish_dates(client, db):
    make_organisation(
        db,
        name_sv="Testföreningen rf",
        a11y_assessment="external",
        a11y_assessor="Granskning Ab",
    )
    lines = text_of(
        client.get("/o/testiyhdistys/saavutettavuusseloste?lang=sv").get_data(as_text=True)
    ).splitlines()
    assert lines[0] == "Tillgänglighetsutlåtande"
    assert "Utlåtandet utarbetades 7.3.2026 och uppdaterades senast 2.4.2026." in lines
    assert "Bedömningen gjordes av en extern expert: Granskning Ab." in lines
    assert any(
        line.startswith(
            "Det här utlåtandet gäller den responstjänst som Testföreningen rf tillhandahåller"
        )
        for line in lines
    )
    assert "2.2.1 Justerbar tidsgräns" in lines and "1.3.1 Information och relationer" not in lines
    assert "Vi svarar inom 14 dagar." in lines
    # The plain-language forms by their Swedish titles (whatever the catalog calls plain-language Finnish).
    assert any(
        line.endswith(
            ": Enkät om klientnöjdhet, Pilotering av social rehabilitering: utvärdering av "
            "arbetsmetoden ESY, Bedömning av livssituationen, Respons på gruppträffen, "
            "Kykyviisari: arbetsförmåga i början och i slutet av klientskapet"
        )
        for line in lines
    )
    assert lines[-5:] == ACCESSIBILITY_AUTHORITY["sv"].splitlines()


def test_statement_in_english_falls_back_to_the_finnish_name(client, db):
    make_organisation(db)
    lines = text_of(
        client.get("/o/testiyhdistys/saavutettavuusseloste?lang=en").get_data(as_text=True)
    ).splitlines()
    assert lines[0] == "Accessibility statement"
    assert "This statement was prepared on 7 March 2026 and last updated on 2 April 2026." in lines
    assert "The assessment is a self-assessment by Testiyhdistys ry." in lines
    assert lines[-5:] == [
        "Finnish Transport and Communications Agency Traficom",
        "Digital Accessibility Supervision Unit",
        "www.webaccessibility.fi",
        "saavutettavuus@traficom.fi",
        "telephone switchboard 029 534 5000",
    ]


def test_own_authority_text_and_feedback_form(client, db):
    make_organisation(
        db,
        authority_fi="Valvova virasto\nvalvonta@virasto.example",
        a11y_feedback_url="https://testiyhdistys.example/palaute",
        a11y_feedback_email=None,
    )
    html = client.get("/o/testiyhdistys/saavutettavuusseloste?lang=fi").get_data(as_text=True)
    assert text_of(html).splitlines()[-2:] == ["Valvova virasto", "valvonta@virasto.example"]
    assert '<li><a href="https://testiyhdistys.example/palaute">Palautelomake</a></li>' in html
    assert "mailto:saavutettavuus@" not in html
    # Swedish has no text of its own here: the default is used.
    sv = text_of(
        client.get("/o/testiyhdistys/saavutettavuusseloste?lang=sv").get_data(as_text=True)
    )
    assert sv.splitlines()[-5] == "Transport- och kommunikationsverket Traficom"


def test_service_statement_address(client, db, app):
    # No organisation yet: the statement says so instead of inventing contact details.
    page = client.get("/saavutettavuusseloste?lang=fi")
    assert page.status_code == 200
    assert (
        "Palvelun tarjoava organisaatio ei ole vielä täyttänyt tietojaan, joten tämä seloste kuvaa vain itse "
        "palvelua."
    ) in page.get_data(as_text=True)
    make_organisation(db)
    assert (
        client.get("/saavutettavuusseloste").headers["Location"]
        == "/o/testiyhdistys/saavutettavuusseloste"
    )
    make_organisation(db, "toinen", name="Toinen yhdistys", projects=("toinen",))
    chooser = re.search(
        r"<main.*</main>", client.get("/saavutettavuusseloste").get_data(as_text=True), re.S
    ).group(0)
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', chooser) == [
        ("/o/testiyhdistys/saavutettavuusseloste", "Testiyhdistys ry"),
        ("/o/toinen/saavutettavuusseloste", "Toinen yhdistys"),
    ]
    app.config["ORGANISATION"] = "toinen"
    assert (
        client.get("/tietosuojaseloste?lang=sv").headers["Location"]
        == "/o/toinen/tietosuojaseloste?lang=sv"
    )
    assert client.get("/o/puuttuva/saavutettavuusseloste").status_code == 404


def test_back_link_only_to_this_site(client, db):
    make_organisation(db)
    html = client.get("/o/testiyhdistys/saavutettavuusseloste?back=/kiosk/abc").get_data(
        as_text=True
    )
    assert '<p><a href="/kiosk/abc">Takaisin lomakkeeseen</a></p>' in html
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        html = client.get(
            "/o/testiyhdistys/saavutettavuusseloste", query_string={"back": target}
        ).get_data(as_text=True)
        assert "evil.example" not in re.search(r"<main.*</main>", html, re.S).group(0)
    # As sent in the address: %09 (a tab) and %0A are dropped by a browser, leaving //evil.example.
    for raw in (
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%0D%0A/evil.example",
        "%2F%2Fevil.example",
        "/%00",
    ):
        page = client.get(f"/o/testiyhdistys/saavutettavuusseloste?back={raw}")
        assert page.status_code == 200
        main = re.search(r"<main.*</main>", page.get_data(as_text=True), re.S).group(0)
        assert "evil.example" not in main and "Takaisin lomakkeeseen" not in main


def test_statement_says_what_the_coordinator_page_tests_check(client, db):
    """tests/browser/test_coordinator_pages.py checks targets and sideways scrolling at 320–1440 px."""
    make_organisation(db)
    for lang, text in (
        ("fi", "vähintään 44 × 44 pikselin kokoinen"),
        ("sv", "minst 44 × 44 pixlar"),
        ("en", "at least 44 by 44 pixels"),
    ):
        html = client.get(f"/o/testiyhdistys/saavutettavuusseloste?lang={lang}")
        assert text in text_of(html.get_data(as_text=True)), lang
