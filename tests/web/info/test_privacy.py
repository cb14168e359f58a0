"""The privacy notice: GDPR Article 13 headings filled in from the organisation, in three languages."""

from __future__ import annotations

import re

import pytest

from tests.helpers import make_organisation, text_of

HEADINGS_FI = [
    "1. Rekisterinpitäjä",
    "2. Tietosuojavastaava",
    "3. Miksi vastauksia käsitellään",
    "4. Käsittelyn oikeusperuste",
    "5. Mitä tietoja käsitellään ja mitä ei",
    "6. Mistä tiedot saadaan",
    "7. Kuka näkee tiedot",
    "8. Siirrot EU:n ulkopuolelle",
    "9. Kuinka kauan tietoja säilytetään",
    "10. Evästeet",
    "11. Sinun oikeutesi",
    "12. Oikeus tehdä valitus",
    "13. Vastaaminen on vapaaehtoista",
    "14. Automaattinen päätöksenteko",
]


def test_notice_in_finnish(client, db):
    make_organisation(db, business_id="1234567-1", postal="PL 1\n90100 Oulu", phone="040 123 4567")
    html = client.get("/o/testiyhdistys/tietosuojaseloste?lang=fi").get_data(as_text=True)
    assert re.findall(r"<h2>([^<]+)</h2>", html) == HEADINGS_FI
    lines = text_of(html).splitlines()
    assert lines[lines.index("1. Rekisterinpitäjä") + 1 : lines.index("2. Tietosuojavastaava")] == [
        "Testiyhdistys ry",
        "Y-tunnus 1234567-1",
        "PL 1",
        "90100 Oulu",
        "Puhelin 040 123 4567",
        "Sähköposti:",
        "tietosuoja@testiyhdistys.example",
    ]
    assert (
        "Testiyhdistys ry ei ole nimennyt tietosuojavastaavaa. Lähetä tietosuojaa koskevat kysymykset "
        "osoitteeseen tietosuoja@testiyhdistys.example."
    ) in lines
    assert lines[lines.index("4. Käsittelyn oikeusperuste") + 1].startswith(
        "Rekisterinpitäjän oikeutettu etu (EU:n"
    )
    assert "viikko, jona vastasit" in lines
    assert (
        "Emme kerää nimeäsi tai yhteystietojasi, IP-osoitettasi, laitteesi tai selaimesi tietoja emmekä "
        "vastaamisen kellonaikaa. Vastauksia ei yhdistetä toisiinsa eikä kehenkään henkilöön."
    ) in lines
    assert (
        "Palvelu poistaa vastaukset itse 5 vuoden kuluttua kyselyn päättymisestä; se tarkistaa "
        "tämän joka päivä." in lines
    )
    assert (
        "Jos kyselyllä ei ole päättymispäivää, kukin vastaus poistetaan 5 vuoden kuluttua siitä "
        "päivästä, viikosta tai kuukaudesta, jona se annettiin."
    ) in lines
    assert lines[-1] == "Seloste on päivitetty viimeksi 2.4.2026."


@pytest.mark.parametrize(
    ("basis", "start"),
    [
        (
            "public_task",
            "Yleisen edun mukaisen tehtävän suorittaminen tai julkisen vallan käyttäminen",
        ),
        (
            "consent",
            "Suostumuksesi (EU:n yleisen tietosuoja-asetuksen 6 artiklan 1 kohdan a alakohta)",
        ),
    ],
)
def test_legal_basis_dpo_and_retention(client, db, basis, start):
    make_organisation(
        db,
        legal_basis=basis,
        retention_years=1,
        dpo_contact="Tietosuojavastaava Maija Malli, dpo@kunta.example",
        processor="Palvelintalo Oy",
    )
    lines = text_of(
        client.get("/o/testiyhdistys/tietosuojaseloste?lang=fi").get_data(as_text=True)
    ).splitlines()
    assert lines[lines.index("4. Käsittelyn oikeusperuste") + 1].startswith(start)
    assert lines[
        lines.index("2. Tietosuojavastaava") + 1 : lines.index("3. Miksi vastauksia käsitellään")
    ] == ["Tietosuojavastaava Maija Malli,", "dpo@kunta.example"]
    assert "Palvelun teknisestä ylläpidosta vastaa puolestamme Palvelintalo Oy." in lines
    assert (
        "Palvelu poistaa vastaukset itse 1 vuoden kuluttua kyselyn päättymisestä; se tarkistaa "
        "tämän joka päivä." in lines
    )


def test_notice_in_swedish_and_english(client, db, app):
    make_organisation(db, name_sv="Testföreningen rf")
    app.config["DATE_PRECISION"] = "month"
    sv = text_of(
        client.get("/o/testiyhdistys/tietosuojaseloste?lang=sv").get_data(as_text=True)
    ).splitlines()
    assert sv[0] == "Dataskyddsbeskrivning"
    assert "1. Personuppgiftsansvarig" in sv and "Testföreningen rf" in sv
    assert "månaden då du svarade" in sv
    assert (
        "Tjänsten raderar själv svaren 5 år efter att enkäten har avslutats; den kontrollerar "
        "detta varje dag."
    ) in sv
    assert sv[-1] == "Beskrivningen uppdaterades senast 2.4.2026."
    en = text_of(
        client.get("/o/testiyhdistys/tietosuojaseloste?lang=en").get_data(as_text=True)
    ).splitlines()
    assert en[0] == "Privacy notice"
    assert "12. Right to complain" in en
    assert (
        "The service deletes the answers by itself 5 years after the survey ends; it checks this "
        "every day."
    ) in en
    assert "The record of the deletions keeps only their dates and numbers." in en
    assert en[-1] == "This notice was last updated on 2 April 2026."


def test_notice_without_an_organisation(client):
    lines = text_of(client.get("/tietosuojaseloste?lang=fi").get_data(as_text=True)).splitlines()
    assert lines[0] == "Tietosuojaseloste"
    assert (
        "Palvelun tarjoava organisaatio ei ole vielä täyttänyt tietojaan. Kysy siltä, joka antoi sinulle linkin "
        "lomakkeeseen, kuka vastaa vastauksista."
    ) in lines
    assert "1. Rekisterinpitäjä" not in lines
