"""Results by wellbeing services county beside municipality: county totals, names in the page's
language, and a county whose hidden part would show a small municipality folded into "muut"."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from surveyapp.core import classification, responses
from surveyapp.core.instruments.values import AnswerValue
from surveyapp.core.models import Collection, Municipality, Project
from tests.helpers.data import shipped_instruments

# From the shipped classification: 494 Muhos, 615 Pudasjärvi, 889 Utajärvi (county 19, Pohjois-
# Pohjanmaa), 320 Kemijärvi and 698 Rovaniemi (21, Lappi), 638 Porvoo (01, Itä-Uusimaa).


def seed(db, answers: dict[str, int]) -> None:
    classification.load_shipped(db)
    collection = Collection(
        slug="k",
        title="K",
        project=Project(slug="valpas", name="VALPAS"),
        instrument_id="valpas_partner_survey",
        audience="partners",
        municipalities=[db.get(Municipality, code) for code in answers],
    )
    db.add(collection)
    db.flush()
    for place, n in answers.items():
        for i in range(n):
            responses.submit(
                db,
                collection=collection,
                instrument=shipped_instruments()["valpas_partner_survey"],
                answers=[
                    AnswerValue("paikkakunta", choice_code=place),
                    AnswerValue("kokonaisarvosana", grade=7 + i % 4),
                ],
                channel="web",
                municipality_code=place,
                day=dt.date(2026, 3, 2),
                precision="week",
                key=None,
            )
    db.commit()


def county_rows(html: str) -> list[str]:
    section = re.search(r'<section aria-labelledby="h-counties">(.*?)</section>', html, re.S)
    if section is None:
        return []
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", row)).strip()
        for row in re.findall(r"<th[^>]*scope=\"row\"[^>]*>(.*?)</th>", section.group(1), re.S)
    ]


def test_results_by_county_beside_municipality(client, db, coordinator):
    seed(db, {"494": 6, "615": 7, "320": 8, "698": 9})
    html = client.get("/coordinate/c/k/results").get_data(as_text=True)
    assert "Hyvinvointialueittain" in html
    assert county_rows(html) == ["Pohjois-Pohjanmaan hyvinvointialue", "Lapin hyvinvointialue"]
    assert "Vastaukset hyvinvointialueittain (n = 30)" in html
    swedish = client.get("/coordinate/c/k/results?lang=sv").get_data(as_text=True)
    assert "Per välfärdsområde" in swedish and "Lapplands välfärdsområde" in swedish


def test_a_county_whose_remainder_is_small_joins_the_others(client, db, coordinator):
    # Utajärvi (2) and Porvoo (3) are hidden together; Pohjois-Pohjanmaa minus Muhos and
    # Pudasjärvi shown would be Utajärvi alone, so that county is not shown on its own.
    seed(db, {"494": 6, "615": 7, "889": 2, "320": 8, "698": 9, "638": 3})
    html = client.get("/coordinate/c/k/results").get_data(as_text=True)
    rows = county_rows(html)
    assert rows[0] == "Lapin hyvinvointialue" and len(rows) == 2
    assert "Pohjois-Pohjanmaan hyvinvointialue" not in rows
    assert "Utajärvi" in rows[1] and "Muhos" in rows[1] and "Porvoo" in rows[1]


def test_the_json_and_the_pdf_report_have_the_county_level(app, client, db, coordinator):
    import json

    from tests.helpers import pdf_text

    seed(db, {"494": 6, "615": 7, "320": 8, "698": 9})
    runner = app.test_cli_runner()
    data = json.loads(runner.invoke(args=["results", "--collection", "k", "--by", "county"]).output)
    # Grades 7, 8, 9, 10, 7, 8, ... by municipality: county 19 is Muhos's 6 and Pudasjärvi's 7.
    grades = {n: [7 + i % 4 for i in range(n)] for n in (6, 7, 8, 9)}
    expected = {"19": grades[6] + grades[7], "21": grades[8] + grades[9]}
    assert [(g["group"], g["n"], g["grades"]["distribution"]) for g in data["groups"]] == [
        (c, len(gs), {str(g): gs.count(g) for g in range(4, 11)}) for c, gs in expected.items()
    ]
    assert data["counties"] == data["groups"]
    text = pdf_text(client.get("/coordinate/c/k/raportti.pdf").data).replace("\u00a0", " ")
    assert "Hyvinvointialueittain" in text
    for name, gs in (("Pohjois-Pohjanmaan", expected["19"]), ("Lapin", expected["21"])):
        share = Fraction(len(gs) * 100, 30)
        mean = Fraction(sum(gs), len(gs))
        row = f"{name} hyvinvointialue {len(gs)} {fi(share, 1)} % {fi(mean, 2)}"
        assert row in text.replace("\n", " "), row


def fi(value: Fraction, places: int) -> str:
    """Half-up to ``places`` decimals, with a decimal comma."""
    scaled = int(value * 10**places + Fraction(1, 2))
    return f"{scaled // 10**places},{scaled % 10**places:0{places}d}"
