"""Comparisons through HTTP: the Oulunkaari 2015 vs 2016 table on the page, in the PDF and in JSON,
in Finnish format; the years of one survey; a bad choice refused with a message."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html import unescape

from tests.helpers import make_collection, pdf_text, shipped_instruments
from tests.helpers.rounds import INSTRUMENT, PUBLISHED, WAVES, expected, submit_wave

NBSP = "\u00a0"
ROUNDS = "/coordinate/c/yhteistyo-2015/compare?by=rounds&other=yhteistyo-2016"


def fi(value: Fraction, places: int, sign: bool = False) -> str:
    """Half-up with a decimal comma, computed here; a change gets its sign (− for minus)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    text = str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    text = text.replace(".", ",").replace("-", "\u2212")
    return f"+{text}" if sign and value > 0 else text


def both_waves(db):
    instrument = shipped_instruments()[INSTRUMENT]
    for year in (2015, 2016):
        collection = make_collection(
            db,
            INSTRUMENT,
            slug=f"yhteistyo-{year}",
            municipalities=(),
            opens_on=WAVES[year][1],
            audience="partners",
        )
        submit_wave(db, collection, instrument, year)
    db.commit()


def table_rows(html: str, caption: str) -> dict[str, list[str]]:
    """statement code → its cells' texts, in the table with ``caption``."""
    table = html.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    rows = re.findall(
        r'<tr data-statement="([^"]*)"><th scope="row">.*?</th>(.*?)</tr>', table, re.S
    )
    return {
        code: [unescape(c).replace(NBSP, " ") for c in re.findall(r"<td[^>]*>(.*?)</td>", cells)]
        for code, cells in rows
    }


def test_two_rounds_on_the_page(client, coordinator, db):
    both_waves(db)
    response = client.get(ROUNDS)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    shares = table_rows(html, "Osuus samaa mieltä")
    means = table_rows(html, "Keskiarvo")
    for code in PUBLISHED:
        (_n1, mean1, share1), (_n2, mean2, share2) = expected(2015, code), expected(2016, code)
        assert shares[code] == [
            f"{fi(share1, 1)} %",
            f"{fi(share2, 1)} %",
            fi(share2 - share1, 1, sign=True),
        ], code
        if mean1 is not None:
            assert means[code] == [fi(mean1, 2), fi(mean2, 2), fi(mean2 - mean1, 2, sign=True)]
    assert shares["tunnen_tyotavat"] == ["81,4 %", "84,2 %", "+2,8"]
    assert shares["yhteinen_nakemys"] == ["18,6 %", "5,0 %", "\u221213,6"]
    assert means["verkosto_toimii"] == ["2,93", "3,26", "+0,33"]
    answers = table_rows(html, "Vastaukset")
    assert answers["verkosto_toimii"] == ["42", "19"]
    assert (
        "Tunnen eri toimijoiden työskentelytavat hyvin (osittain samaa mieltä / samaa mieltä)"
        in (unescape(html))
    )


def test_two_rounds_in_pdf_and_json(client, coordinator, db):
    both_waves(db)
    pdf = client.get(ROUNDS.replace("/compare?", "/vertailu.pdf?"))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = pdf_text(pdf.data).replace(NBSP, " ")
    for needle in ("81,4 %", "84,2 %", "+2,8", "89,5 %", "+15,7", "Testi yhteistyo-2016"):
        assert needle in text
    data = client.get(ROUNDS.replace("/compare?", "/vertailu.json?")).get_json()
    assert [c["n"] for c in data["columns"]] == [43, 20]
    line = next(s for s in data["statements"] if s["code"] == "laajempi_ymmarrys")
    assert line["columns"]["yhteistyo-2015"]["share_agreeing_percent"] == 67.4
    assert line["columns"]["yhteistyo-2016"]["share_agreeing_percent"] == 90.0
    assert line["change"]["share_agreeing_points"] == float(
        fi(Fraction(90) - Fraction(2900, 43), 1).replace(",", ".")
    )


def test_years_of_one_survey_by_default(client, coordinator, db):
    instrument = shipped_instruments()[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, slug="kaksi-vuotta", municipalities=())
    for year in (2015, 2016):
        submit_wave(db, collection, instrument, year)
    db.commit()
    html = client.get("/coordinate/c/kaksi-vuotta").get_data(as_text=True)
    assert "/coordinate/c/kaksi-vuotta/compare" in html
    html = client.get("/coordinate/c/kaksi-vuotta/compare").get_data(as_text=True)
    assert "Your projects have no other survey" not in html  # the page is in Finnish
    assert table_rows(html, "Osuus samaa mieltä")["kiire"] == ["41,9 %", "60,0 %", "+18,1"]
    assert '<th scope="col">2015</th><th scope="col">2016</th>' in html


def test_a_bad_choice_is_refused_with_a_message(client, coordinator, db):
    both_waves(db)
    for query in ("by=rounds&other=ei-ole", "by=rounds", "by=kuukaudet"):
        response = client.get(f"/coordinate/c/yhteistyo-2015/compare?{query}")
        assert response.status_code == 422, query
        assert 'class="error-summary"' in response.get_data(as_text=True)
        assert "<table" not in response.get_data(as_text=True)
    json = client.get("/coordinate/c/yhteistyo-2015/vertailu.json?by=rounds&other=ei-ole")
    assert json.status_code == 422 and json.get_json()["status"] == "invalid"
    pdf = client.get("/coordinate/c/yhteistyo-2015/vertailu.pdf?by=rounds")
    assert pdf.status_code == 422 and pdf.mimetype == "text/html"


def test_flask_results_carries_the_years_side_by_side(client, coordinator, db, runner):
    instrument = shipped_instruments()[INSTRUMENT]
    collection = make_collection(db, INSTRUMENT, slug="kaksi-vuotta", municipalities=())
    for year in (2015, 2016):
        submit_wave(db, collection, instrument, year)
    db.commit()
    data = json.loads(runner.invoke(args=["results", "--collection", "kaksi-vuotta"]).output)
    page = client.get("/coordinate/c/kaksi-vuotta/vertailu.json").get_json()
    assert page.pop("collection") == "kaksi-vuotta" and data["years"] == page
    assert [c["label"] for c in data["years"]["columns"]] == ["2015", "2016"]
