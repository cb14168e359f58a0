"""Every grade item its own figures: the life-situation form's 22 grades by year, each named.

Golden: expected n and means are computed here from the inserted answers with exact fractions,
rounded half-up and written the Finnish way.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html import unescape

import pytest

from surveyapp.core import responses
from surveyapp.core.instruments.answers import AnswerValue
from tests.helpers import make_collection, pdf_text, shipped_instruments

FORM = shipped_instruments()["kuusamo_elamantilanteen_arviointi"]
GRADE_ITEMS = [i for i in FORM.items() if i.type in ("grade", "section_grade")]
LEAD = "a_kokonaisarvio"  # no item is marked overall: the form's first section grade leads


def finnish(value: Fraction) -> str:
    """Half-up to two decimals, decimal comma: computed independently of the app."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")


def add(db, collection, grades: dict[str, int], day: dt.date, place="muhos"):
    responses.submit(
        db,
        collection=collection,
        instrument=FORM,
        key=None,
        answers=[AnswerValue(code, grade=g) for code, g in grades.items()],
        channel="paper",
        municipality_code=place,
        day=day,
        precision="week",
    )


def table(html: str, attribute: str) -> tuple[list[str], dict[str, list[str]]]:
    """(headers, {data key: cell texts}) of the table marked with ``attribute``."""
    body = html.split(attribute)[1].split("</table>")[0].replace("\u00a0", " ")
    headers = [unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', body)]
    rows = {
        key: [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", rest)
        ]
        for key, rest in re.findall(
            r'<tr data-\w+="([^"]*)"><th scope="row">.*?</th>(.*?)</tr>', body, re.S
        )
    }
    return headers, rows


@pytest.fixture
def life_situation(app, db):
    return make_collection(
        db, FORM.id, slug="elamantilanne", audience="clients", municipalities=("muhos",)
    )


def test_six_answers_with_item_1_at_4_no_longer_make_the_year_4_00(
    client, coordinator, db, life_situation
):
    """The issue's defect: every table used item 1 unnamed, so 4,00 stood for a year of tens."""
    answers = {item.code: 10 for item in GRADE_ITEMS}
    answers["a1"] = 4
    assert len(answers) == 22
    for _ in range(6):
        add(db, life_situation, answers, dt.date(2024, 5, 6))
    db.commit()
    html = client.get("/coordinate/c/elamantilanne/results").get_data(as_text=True)
    _headers, by_year = table(html, 'data-breakdown="year"')
    assert by_year == {"2024": ["6", "100,0 %", "10,00"]}  # the lead item's mean, not item 1's
    lead = next(i for i in GRADE_ITEMS if i.code == LEAD)
    note = re.search(r'<p class="help" data-lead="(\w+)">(.*?)</p>', html, re.S)
    assert note.group(1) == LEAD and unescape(lead.text.fi) in unescape(note.group(2))
    headers, items = table(html, 'data-items-by="year"')
    assert headers[1:] == ["2024: n", "2024: keskiarvo"]
    assert list(items) == [LEAD, *(i.code for i in GRADE_ITEMS if i.code != LEAD)]
    assert items["a1"] == ["6", "4,00"]
    assert all(cells == ["6", "10,00"] for code, cells in items.items() if code != "a1")
    assert (
        ">1. PÄIVÄRYTMIN SÄÄNNÖLLISYYS</th>" in html
    )  # each row names its item by number and text


def test_every_grade_item_by_year_and_municipality(client, coordinator, db, app):
    """Golden per-item trends: varied grades, items left blank, two municipalities, three years."""
    collection = make_collection(
        db,
        FORM.id,
        slug="elamantilanne",
        audience="clients",
        municipalities=("muhos", "kemijarvi"),
    )
    rng = random.Random(16)
    plan = {2021: 6, 2022: 5, 2023: 7}
    truth: dict[tuple[str, str], list[int]] = {}
    for year, count in plan.items():
        for index in range(count * 2):
            place = ("muhos", "kemijarvi")[index % 2]
            grades = {i.code: rng.randrange(4, 11) for i in GRADE_ITEMS if rng.random() > 0.2}
            add(db, collection, grades, dt.date(year, 3, 1 + index), place)
            for code, grade in grades.items():
                truth.setdefault((code, str(year)), []).append(grade)
                truth.setdefault((code, place), []).append(grade)
    db.commit()
    html = client.get("/coordinate/c/elamantilanne/results").get_data(as_text=True)

    def expected(keys):
        out = {}
        for item in (LEAD, *(i.code for i in GRADE_ITEMS if i.code != LEAD)):
            cells = []
            for key in keys:
                given = truth.get((item, key), [])
                cells += [
                    str(len(given)),
                    finnish(Fraction(sum(given), len(given))) if given else "–",
                ]
            out[item] = cells
        return out

    _h, by_year = table(html, 'data-items-by="year"')
    assert by_year == expected(["2021", "2022", "2023"])
    _h, by_place = table(html, 'data-items-by="municipality"')
    assert by_place == expected(["kemijarvi", "muhos"])
    # The trend chart draws the item asked for, and says which.
    html = client.get("/coordinate/c/elamantilanne/results?grade=b3").get_data(as_text=True)
    assert 'data-charted="b3"' in html and 'role="status"' not in html
    html = client.get("/coordinate/c/elamantilanne/results?grade=zz").get_data(as_text=True)
    assert f'data-charted="{LEAD}"' in html and 'class="notice" role="status"' in html


def test_the_report_carries_every_grade_item(client, coordinator, db, life_situation):
    answers = {item.code: 10 for item in GRADE_ITEMS}
    answers["a1"] = 4
    for _ in range(6):
        add(db, life_situation, answers, dt.date(2024, 5, 6))
    db.commit()
    text = pdf_text(client.get("/coordinate/c/elamantilanne/raportti.pdf").data)
    flat = " ".join(text.split())
    assert "Kaikki arvosanakysymykset vuosittain" in flat
    assert "1. PÄIVÄRYTMIN SÄÄNNÖLLISYYS 6 4,00" in flat
    assert "KOKONAISARVIO ARKIELÄMÄN SUJUVUUDESTA: 6 10,00" in flat
