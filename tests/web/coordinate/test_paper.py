"""Printable forms and paper entry: same questions at the same numbers as the instrument file."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from surveyapp.core.models import Response
from tests.helpers import (
    count_responses,
    form_tokens,
    log_in,
    make_collection,
    pdf_text,
    printed_numbers,
    shipped_instruments,
)

INSTRUMENTS = shipped_instruments()


def numbers_in_order(text: str, instrument) -> list[str]:
    """Find each item's number followed by the start of its text, in order, in ``text``."""
    flat = re.sub(r"\s+", " ", text)
    found, position = [], 0
    for item in instrument.items():
        if not item.number:
            continue
        start = re.sub(r"\s+", " ", item.text.fi)[:25]
        at = flat.find(f"{item.number} {start}", position)
        if at >= 0:
            found.append(item.number)
            position = at
    return found


def test_pages_need_login(client, db):
    make_collection(db, "session_feedback")
    for path in (
        "/coordinate/",
        "/coordinate/c/testi",
        "/coordinate/c/testi/paper",
        "/coordinate/c/testi/lomake.pdf",
        "/coordinate/instruments/session_feedback.pdf",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], path


@pytest.mark.parametrize("instrument_id", sorted(INSTRUMENTS))
def test_web_pdf_and_entry_screen_show_the_same_numbers(client, db, coordinator, instrument_id):
    instrument = INSTRUMENTS[instrument_id]
    make_collection(db, instrument_id, municipalities=("muhos", "utajarvi"))
    expected = [i.number for i in instrument.items() if i.number]
    web = client.get("/c/testi").get_data(as_text=True)
    entry = client.get("/coordinate/c/testi/paper").get_data(as_text=True)
    pdf = client.get("/coordinate/c/testi/lomake.pdf")
    assert pdf.mimetype == "application/pdf"
    assert numbers_in_order(pdf_text(pdf.data), instrument) == expected
    for html in (web, entry):
        shown = re.findall(r'<span class="num">([^<]+)</span>', html)
        assert shown == printed_numbers(instrument)


def test_collection_pdf_header_names_collection_and_municipality(client, db, coordinator):
    make_collection(db, "valpas_partner_survey", municipalities=("muhos", "kemijarvi"))
    text = pdf_text(client.get("/coordinate/c/testi/lomake.pdf?municipality=kemijarvi").data)
    assert text.startswith("Testi testi – Kemijärvi\n")
    # The municipality item prints the collection's places plus "muu".
    assert re.search(r"Kemijärvi\s+.*Muhos\s+.*muu / ei halua kertoa", text, re.S)
    assert "Kiitokset vastauksistasi!" in text
    assert client.get("/coordinate/c/testi/lomake.pdf?municipality=oulu").status_code == 404


def test_paper_entry_stores_channel_paper_and_counts(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    page = client.get("/coordinate/c/testi/paper").get_data(as_text=True)
    assert (
        "0 paperilomaketta" in page
    )  # entered by this coordinator since signing in, not the channel's n
    tokens = form_tokens(page)
    saved = client.post(
        "/coordinate/c/testi/paper",
        data={**tokens, "arvosana": "7", "_municipality": "utajarvi", "_date": "7.3.2026"},
    )
    assert saved.status_code == 302
    again = client.post(
        "/coordinate/c/testi/paper", data={**tokens, "arvosana": "7", "_municipality": "utajarvi"}
    )
    assert again.status_code == 302  # a double tap on save stores one sheet
    stored = db.scalars(select(Response)).one()
    assert (stored.channel, stored.municipality_code, stored.period_start.isoformat()) == (
        "paper",
        "utajarvi",
        "2026-03-02",
    )
    next_sheet = client.get("/coordinate/c/testi/paper").get_data(as_text=True)
    assert "1 paperilomake tallennettu" in next_sheet
    other = (
        client.application.test_client()
    )  # another coordinator sees no count of the paper channel
    log_in(other)
    assert "0 paperilomaketta" in other.get("/coordinate/c/testi/paper").get_data(as_text=True)
    assert (
        'value="7" autocomplete="off" checked' not in next_sheet
    )  # an empty form for the next sheet


def test_paper_entry_errors_keep_what_was_typed(client, db, coordinator):
    make_collection(db, "session_feedback", municipalities=("muhos", "utajarvi"))
    tokens = form_tokens(client.get("/coordinate/c/testi/paper").get_data(as_text=True))
    page = client.post(
        "/coordinate/c/testi/paper",
        data={**tokens, "arvosana": "12", "vapaa_palaute": "Hyvä", "_date": "31.2.2026"},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert ">Hyvä</textarea>" in html and 'value="31.2.2026"' in html
    assert count_responses(db) == 0


def test_printed_forms_are_tagged_pdf(client, db, coordinator):
    make_collection(db, "esy_client_eval")
    reader = PdfReader(io.BytesIO(client.get("/coordinate/c/testi/lomake.pdf").data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
