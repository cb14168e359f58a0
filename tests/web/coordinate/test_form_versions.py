"""Swedish and plain-language forms: the same questions at the same numbers on the web, in paper entry and on paper."""

from __future__ import annotations

import re

import pytest

from tests.helpers import (
    make_collection,
    make_organisation,
    pdf_text,
    printed_numbers,
    shipped_instruments,
)

INSTRUMENTS = shipped_instruments()

VERSIONS = [
    ("session_feedback", "sv"),
    ("session_feedback", "selko"),
    ("valpas_partner_survey", "sv"),
    ("valpas_steering_survey", "sv"),
    ("esy_worker_eval", "sv"),
    *(
        (client_form, version)
        for client_form in (
            "esy_client_eval",
            "kuusamo_elamantilanteen_arviointi",
            "essote_client_satisfaction",
        )
        for version in ("sv", "selko")
    ),
]


def query(version: str) -> str:
    return "lang=fi&selko=1" if version == "selko" else f"lang={version}"


def numbers_in_order(text: str, instrument, version: str) -> list[str]:
    """Each item's number followed by the start of its text in this version, in order."""
    flat = re.sub(r"\s+", " ", text)
    found, position = [], 0
    for item in instrument.items():
        if not item.number:
            continue
        start = re.sub(r"\s+", " ", item.text.get(version))[:25]
        at = flat.find(f"{item.number} {start}", position)
        if at >= 0:
            found.append(item.number)
            position = at
    return found


@pytest.mark.parametrize(("instrument_id", "version"), VERSIONS)
def test_web_pdf_and_entry_screen_show_the_same_numbers(
    client, db, coordinator, instrument_id, version
):
    instrument = INSTRUMENTS[instrument_id]
    make_collection(db, instrument_id, municipalities=("muhos", "utajarvi"))
    expected = [i.number for i in instrument.items() if i.number]
    web = client.get(f"/c/testi?{query(version)}").get_data(as_text=True)
    entry = client.get(f"/coordinate/c/testi/paper?{query(version)}").get_data(as_text=True)
    pdf = client.get(f"/coordinate/c/testi/lomake.pdf?{query(version)}")
    assert numbers_in_order(pdf_text(pdf.data), instrument, version) == expected
    for html in (web, entry):
        shown = re.findall(r'<span class="num">([^<]+)</span>', html)
        assert shown == printed_numbers(instrument)
        assert instrument.title.get(version) in html


def test_printed_form_carries_the_notice_and_the_statement_address(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos",))
    make_organisation(db, name_sv="Testföreningen rf")
    text = re.sub(r"\s+", " ", pdf_text(client.get("/coordinate/c/testi/lomake.pdf?lang=sv").data))
    assert (
        "Det är frivilligt att svara. Vi sparar dina svar, kommunen och vilken vecka du svarade. Vi frågar inte "
        "efter ditt namn."
    ) in text
    assert (
        "Testföreningen rf ansvarar för uppgifterna. Dataskyddsbeskrivning: "
        "http://localhost/o/testiyhdistys/tietosuojaseloste?lang=sv" in text
    )
    assert (
        "Tillgänglighetsutlåtande: http://localhost/o/testiyhdistys/saavutettavuusseloste?lang=sv"
        in text
    )
    finnish = re.sub(
        r"\s+", " ", pdf_text(client.get("/coordinate/c/testi/lomake.pdf?lang=fi&selko=1").data)
    )
    assert "Palaute ryhmästä" in finnish and "Kiitos vastauksestasi!" in finnish
    assert (
        "Saavutettavuusseloste: http://localhost/o/testiyhdistys/saavutettavuusseloste?lang=fi"
        in finnish
    )


def test_printed_headers_name_the_survey_in_the_print_language(client, db, coordinator):
    """The running header of every page after the first, and the report's heading, in the print's language."""
    collection = make_collection(db, "esy_client_eval", municipalities=("muhos",))
    collection.title_sv = "Testenkät på svenska"
    db.commit()
    swedish = re.sub(
        r"\s+", " ", pdf_text(client.get("/coordinate/c/testi/lomake.pdf?lang=sv").data)
    )
    assert "Testenkät på svenska" in swedish and "Testi testi" not in swedish
    finnish = re.sub(
        r"\s+", " ", pdf_text(client.get("/coordinate/c/testi/lomake.pdf?lang=fi").data)
    )
    assert "Testi testi" in finnish and "Testenkät på svenska" not in finnish
    report = client.get("/coordinate/c/testi/raportti.pdf?lang=sv")
    assert "Testenkät på svenska" in re.sub(r"\s+", " ", pdf_text(report.data))
